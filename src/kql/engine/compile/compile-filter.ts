/**
 * Compiles one `where` conjunct into a row filter over a selection vector. Two shapes skip the
 * per-row closure call: a comparison of a number column with constants (`between`, `<`, `>=`,
 * `==` …) runs as a typed-array loop, and a predicate of one dictionary-encoded string column
 * is evaluated once per distinct string into a mask read by code. Everything else goes through
 * the compiled scalar closure. A row passes only when the predicate is exactly true.
 */
import type { Column, Table } from '../column.js';
import { isNullBit } from '../column.js';
import type { ScalarExpr } from '../../plan/types.js';
import { compileScalar, singleColumn } from './compile-scalar.js';
import type { ExecEnv } from './exec-env.js';

/** Keeps the rows of `selection` (or of 0…n-1 when null) that pass; returns them in order. */
export type RowFilter = (selection: Int32Array | null, n: number) => Int32Array;

const NUMERIC = new Set(['int', 'long', 'real', 'decimal', 'datetime', 'timespan']);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=', 'between', '!between']);

/** A compiled conjunct and its cost rank: 0 dictionary mask, 1 typed-array comparison, 2 general closure. */
export interface CompiledFilter {
  filter: RowFilter;
  rank: number;
}

/** Compiles a conjunct of a where clause. */
export function compileFilter(expr: ScalarExpr, table: Table, env: ExecEnv): CompiledFilter {
  const dictionary = dictionaryPredicate(expr, table, env);
  if (dictionary) return { filter: dictionary, rank: 0 };
  const numeric = numericComparison(expr, table, env);
  if (numeric) return { filter: numeric, rank: 1 };
  const test = compileScalar(expr, table, env);
  return { filter: select((i) => test(i) === true, env), rank: 2 };
}

function select(pass: (i: number) => boolean, env: ExecEnv): RowFilter {
  return (selection, n) => {
    const count = selection ? selection.length : n;
    const out = new Int32Array(count);
    let m = 0;
    for (let k = 0; k < count; k++) {
      if ((k & 0xfffff) === 0xfffff) env.checkTime('where');
      const i = selection ? selection[k]! : k;
      if (pass(i)) out[m++] = i;
    }
    return out.subarray(0, m);
  };
}

/** `col OP constant(s)` on a number column whose constants have the column's type. */
function numericComparison(expr: ScalarExpr, table: Table, env: ExecEnv): RowFilter | null {
  if (expr.kind !== 'call' || !COMPARISONS.has(expr.name)) return null;
  const [subject, ...bounds] = expr.args;
  if (subject?.kind !== 'column' || !NUMERIC.has(subject.type)) return null;
  const column = table.columns.find((c) => c.name === subject.name)?.column;
  if (column?.kind !== 'number') return null;
  // datetime between (start .. 1h) and mixed types keep the registry's semantics
  if (!expr.argTypes.every((t) => t === subject.type || (isPlainNumber(t) && isPlainNumber(subject.type)))) return null;
  if (bounds.some(hasColumn)) return null;
  const values: number[] = [];
  for (const b of bounds) {
    const v = compileScalar(b, { name: '', length: 1, columns: [] }, env)(0);
    // a null bound: the comparison is null for every row
    if (typeof v !== 'number') return select(() => false, env);
    values.push(v);
  }
  const [a, b] = values as [number, number];
  const data = column.values;
  const nulls = column.nulls;
  if (expr.name === 'between' && nulls === null) {
    // the common time-window filter, as a tight loop
    return (selection, n) => {
      const count = selection ? selection.length : n;
      const out = new Int32Array(count);
      let m = 0;
      for (let k = 0; k < count; k++) {
        const i = selection ? selection[k]! : k;
        const x = data[i]!;
        if (x >= a && x <= b) out[m++] = i;
      }
      env.checkTime('where');
      return out.subarray(0, m);
    };
  }
  const pass = comparator(expr.name, a, b);
  return select((i) => !(nulls !== null && isNullBit(nulls, i)) && pass(data[i]!), env);
}

function comparator(op: string, a: number, b: number): (x: number) => boolean {
  switch (op) {
    case '<':
      return (x) => x < a;
    case '<=':
      return (x) => x <= a;
    case '>':
      return (x) => x > a;
    case '>=':
      return (x) => x >= a;
    case '==':
      return (x) => x === a;
    case '!=':
      return (x) => x !== a;
    case 'between':
      return (x) => x >= a && x <= b;
    default:
      return (x) => !(x >= a && x <= b);
  }
}

function isPlainNumber(t: string): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

function hasColumn(e: ScalarExpr): boolean {
  switch (e.kind) {
    case 'column':
      return true;
    case 'call':
    case 'logical':
      return e.args.some(hasColumn);
    case 'case':
      return e.branches.some((b) => hasColumn(b.when) || hasColumn(b.then)) || hasColumn(e.otherwise);
    case 'inTable':
      return hasColumn(e.value);
    default:
      return false;
  }
}

/** A predicate reading only one string column: a pass mask per dictionary code. */
function dictionaryPredicate(expr: ScalarExpr, table: Table, env: ExecEnv): RowFilter | null {
  const name = singleColumn(expr);
  if (name === null) return null;
  const column: Column | undefined = table.columns.find((c) => c.name === name)?.column;
  if (column?.kind !== 'string' || column.dictionary.length > column.length) return null;
  const { codes, dictionary } = column;
  const single: Table = { name: '', length: dictionary.length + 1, columns: [{ name, column: { kind: 'string', type: column.type, length: dictionary.length + 1, codes: codesWithNull(dictionary.length), dictionary } }] };
  const test = compileScalar(expr, single, env);
  // one evaluation per distinct string (plus one for null), then a byte lookup per row
  const mask = new Uint8Array(dictionary.length + 1);
  for (let c = 0; c <= dictionary.length; c++) mask[c] = test(c) === true ? 1 : 0;
  const nullSlot = dictionary.length;
  return (selection, n) => {
    const count = selection ? selection.length : n;
    const out = new Int32Array(count);
    let m = 0;
    if (selection) {
      for (let k = 0; k < count; k++) {
        const i = selection[k]!;
        const c = codes[i]!;
        if (mask[c < 0 ? nullSlot : c] === 1) out[m++] = i;
      }
    } else {
      for (let i = 0; i < count; i++) {
        const c = codes[i]!;
        if (mask[c < 0 ? nullSlot : c] === 1) out[m++] = i;
      }
    }
    env.checkTime('where');
    return out.subarray(0, m);
  };
}

/** Codes 0…n-1 then -1: row k of the helper table is dictionary entry k, the last row is null. */
function codesWithNull(n: number): Int32Array {
  const codes = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) codes[k] = k;
  codes[n] = -1;
  return codes;
}
