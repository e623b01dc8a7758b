/**
 * Row keys for `join`, comparable across the two sides. When every key part is a plain string
 * column or an integer-valued number column of bounded range, a key is one number (strings by
 * an id shared by both sides' dictionaries, numbers offset into their range), so hashing costs
 * no string building per row; otherwise the key is a tagged string. `undefined` never matches
 * (a null number); a missing string is the empty string, as KQL strings are never null.
 */
import type { Column, Table } from '../column.js';
import { isNullBit } from '../column.js';
import { compileScalar, type RowFn } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import type { KqlValue } from '../values.js';
import type { ScalarExpr } from '../../plan/types.js';

export type KeyReader = (i: number) => unknown;

/** Key readers for both sides of a join; `space` bounds the keys when they are integers in [0, space). */
export function joinKeyReaders(leftKeys: ScalarExpr[], left: Table, rightKeys: ScalarExpr[], right: Table, env: ExecEnv): { left: KeyReader; right: KeyReader; space: number | null } {
  const numeric = numericKeys(leftKeys, left, rightKeys, right);
  if (numeric) return numeric;
  return { left: genericKey(leftKeys, left, env), right: genericKey(rightKeys, right, env), space: null };
}

function columnOf(e: ScalarExpr, table: Table): Column | null {
  return e.kind === 'column' ? (table.columns.find((c) => c.name === e.name)?.column ?? null) : null;
}

/** Per key part: a function from row to a digit in [0, radix) (-1: never matches), for each side. */
function numericKeys(leftKeys: ScalarExpr[], left: Table, rightKeys: ScalarExpr[], right: Table): { left: KeyReader; right: KeyReader; space: number } | null {
  const leftDigits: ((i: number) => number)[] = [];
  const rightDigits: ((i: number) => number)[] = [];
  const radixes: number[] = [];
  for (let k = 0; k < leftKeys.length; k++) {
    const a = columnOf(leftKeys[k]!, left);
    const b = columnOf(rightKeys[k]!, right);
    if (!a || !b || a.kind !== b.kind) return null;
    if (a.kind === 'string' && b.kind === 'string') {
      const ids = new Map<string, number>([['', 0]]);
      const idsOf = (dict: string[]): Int32Array => Int32Array.from(dict, (s) => {
        let id = ids.get(s);
        if (id === undefined) ids.set(s, (id = ids.size));
        return id;
      });
      const la = idsOf(a.dictionary);
      const lb = idsOf(b.dictionary);
      const ca = a.codes;
      const cb = b.codes;
      leftDigits.push((i) => (ca[i]! < 0 ? 0 : la[ca[i]!]!));
      rightDigits.push((i) => (cb[i]! < 0 ? 0 : lb[cb[i]!]!));
      radixes.push(ids.size);
    } else if (a.kind === 'number' && b.kind === 'number') {
      const range = integerRange(a, b);
      if (!range) return null;
      const [min, max] = range;
      const digit = (col: typeof a) => (i: number) => (col.nulls !== null && isNullBit(col.nulls, i) ? -1 : col.values[i]! - min);
      leftDigits.push(digit(a));
      rightDigits.push(digit(b));
      radixes.push(max - min + 1);
    } else {
      return null;
    }
  }
  const space = radixes.reduce((x, y) => x * y, 1);
  if (space >= 2 ** 52) return null;
  const compose = (digits: ((i: number) => number)[]): KeyReader => (i) => {
    let key = 0;
    for (let k = 0; k < digits.length; k++) {
      const d = digits[k]!(i);
      if (d < 0) return undefined;
      key = key * radixes[k]! + d;
    }
    return key;
  };
  return { left: compose(leftDigits), right: compose(rightDigits), space };
}

/** [min, max] over two number columns when every non-null value is an integer; null otherwise. */
function integerRange(a: Extract<Column, { kind: 'number' }>, b: Extract<Column, { kind: 'number' }>): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const col of [a, b]) {
    const { values, nulls } = col;
    for (let i = 0; i < col.length; i++) {
      if (nulls !== null && isNullBit(nulls, i)) continue;
      const v = values[i]!;
      if (!Number.isInteger(v)) return null;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === Infinity) return [0, 0];
  return max - min < 2 ** 40 ? [min, max] : null;
}

function genericKey(keys: ScalarExpr[], table: Table, env: ExecEnv): KeyReader {
  const fns: RowFn[] = keys.map((k) => compileScalar(k, table, env));
  const strings = keys.map((k) => k.type === 'string');
  if (fns.length === 1) {
    const f = fns[0]!;
    const isString = strings[0]!;
    return (i) => normalizeKey(f(i), isString);
  }
  return (i) => {
    let s = '';
    for (let j = 0; j < fns.length; j++) {
      const k = normalizeKey(fns[j]!(i), strings[j]!);
      if (k === undefined) return undefined;
      s += (typeof k === 'number' ? 'n' : 's') + String(k) + '\u0001';
    }
    return s;
  };
}

function normalizeKey(v: KqlValue, isString: boolean): unknown {
  if (v === null) return isString ? '' : undefined;
  if (typeof v === 'object') return '\u0000' + JSON.stringify(v);
  return v;
}
