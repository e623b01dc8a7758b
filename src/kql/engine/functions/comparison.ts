import type { KqlValue } from '../values.js';
import { argType, defineFunction, type EvalContext, type ScalarFunction } from './context.js';
import { memoByList } from './list-args.js';

/**
 * Equality, ordering, `between` and `in`. Per the KQL docs ("String operators", "between
 * operator", "in operator"): a comparison with null is null (so `where` drops the row);
 * `==`/`!=` and `in` are case-sensitive on strings, `=~`/`!~`/`in~` are not; `between` is
 * inclusive at both ends, and `datetime between (start .. timespan)` means start..start+span.
 */

/** Structural equality of two non-null values (dynamic arrays and bags compared by content). */
export function valuesEqual(a: KqlValue, b: KqlValue): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  return false;
}

/** Orders two non-null values of one type: numbers numerically, strings ordinally, bools false < true; mixed → null. */
export function compareValues(a: KqlValue, b: KqlValue): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : null;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return null;
}

const fold = (v: KqlValue): KqlValue => (typeof v === 'string' ? v.toLowerCase() : v);

function ordering(name: string, test: (c: number) => boolean): ScalarFunction[] {
  return defineFunction(name, ([a, b]) => {
    if (a === null || b === null || a === undefined || b === undefined) return null;
    const c = compareValues(a, b);
    return c === null ? null : test(c);
  });
}

function isBetween(args: KqlValue[], ctx: EvalContext): boolean | null {
  const [x, lo] = args;
  let hi = args[2];
  if (x == null || lo == null || hi == null) return null;
  // `datetime between (start .. 1h)`: the upper bound is a span after the lower one.
  if (argType(ctx, 0) === 'datetime' && argType(ctx, 2) === 'timespan' && typeof lo === 'number' && typeof hi === 'number') {
    hi = lo + hi;
  }
  const a = compareValues(x, lo);
  const b = compareValues(x, hi);
  return a === null || b === null ? null : a >= 0 && b <= 0;
}

const exactSet = memoByList((list) => {
  const set = new Set<KqlValue>();
  const objects: KqlValue[] = [];
  for (const v of list) {
    if (typeof v === 'object' && v !== null) objects.push(v);
    else set.add(v);
  }
  return { set, objects };
});
const foldedSet = memoByList((list) => new Set(list.map(fold)));

function inList(args: KqlValue[]): boolean | null {
  const x = args[0];
  if (x === null || x === undefined) return null;
  const { set, objects } = exactSet(args, 1);
  if (set.has(x)) return true;
  if (typeof x === 'object') return objects.some((o) => valuesEqual(o, x));
  return false;
}

function inListFolded(args: KqlValue[]): boolean | null {
  const x = args[0];
  if (x === null || x === undefined) return null;
  return foldedSet(args, 1).has(fold(x));
}

const not = (v: boolean | null): boolean | null => (v === null ? null : !v);

export const comparisonFunctions: ScalarFunction[] = [
  ...defineFunction('==', ([a, b]) => (a == null || b == null ? null : valuesEqual(a, b))),
  ...defineFunction(['!=', '<>'], ([a, b]) => (a == null || b == null ? null : !valuesEqual(a, b))),
  ...defineFunction('=~', ([a, b]) => (a == null || b == null ? null : valuesEqual(fold(a), fold(b)))),
  ...defineFunction('!~', ([a, b]) => (a == null || b == null ? null : !valuesEqual(fold(a), fold(b)))),
  ...ordering('<', (c) => c < 0),
  ...ordering('<=', (c) => c <= 0),
  ...ordering('>', (c) => c > 0),
  ...ordering('>=', (c) => c >= 0),
  ...defineFunction('between', (args, ctx) => isBetween(args, ctx)),
  ...defineFunction('!between', (args, ctx) => not(isBetween(args, ctx))),
  ...defineFunction('in', (args) => inList(args)),
  ...defineFunction('!in', (args) => not(inList(args))),
  ...defineFunction('in~', (args) => inListFolded(args)),
  ...defineFunction('!in~', (args) => not(inListFolded(args))),
];
