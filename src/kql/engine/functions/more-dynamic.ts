import type { DynamicValue, KqlValue } from '../values.js';
import { argType, defineFunction, type ScalarFunction } from './context.js';
import { isBag, toDynamic } from './dynamic-values.js';
import { numberArg, textArg } from './text.js';

/**
 * More dynamic-array and bag functions: bag_set_key, array_iff/array_iif, array_shift_left/right,
 * array_rotate_left/right, array_split, dynamic_to_json (keys sorted, as the docs say).
 * A non-array where an array is expected → null.
 */

const arr = (v: KqlValue | undefined): DynamicValue[] | null => (Array.isArray(v) ? (v as DynamicValue[]) : null);

function shift(args: KqlValue[], direction: 1 | -1): KqlValue {
  const a = arr(args[0]);
  const by = numberArg(args, 1);
  if (!a || by === null) return null;
  const fill = (args.length > 2 ? (args[2] ?? null) : null) as DynamicValue;
  const k = Math.min(a.length, Math.abs(by));
  const left = by * direction > 0; // shifting left drops the first k
  if (left) return [...a.slice(k), ...new Array<DynamicValue>(k).fill(fill)];
  return [...new Array<DynamicValue>(k).fill(fill), ...a.slice(0, a.length - k)];
}

function rotate(args: KqlValue[], direction: 1 | -1): KqlValue {
  const a = arr(args[0]);
  const by = numberArg(args, 1);
  if (!a || by === null) return null;
  if (a.length === 0) return [];
  const k = (((by * direction) % a.length) + a.length) % a.length; // positive = rotate left
  return [...a.slice(k), ...a.slice(0, k)];
}

/** JSON text with bag keys sorted, recursively. */
function sortedJson(v: DynamicValue): string {
  if (Array.isArray(v)) return '[' + v.map(sortedJson).join(',') + ']';
  if (isBag(v)) {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + sortedJson(v[k]!)).join(',') + '}';
  }
  return JSON.stringify(v);
}

export const moreDynamicFunctions: ScalarFunction[] = [
  ...defineFunction('bag_set_key', (args, ctx) => {
    const b = args[0];
    if (!isBag(b)) return null;
    const path = textArg(args, 1, ctx).split('.');
    const out = structuredClone(b) as Record<string, DynamicValue>;
    let cur: Record<string, DynamicValue> = out;
    for (const key of path.slice(0, -1)) {
      if (!isBag(cur[key])) cur[key] = {};
      cur = cur[key] as Record<string, DynamicValue>;
    }
    cur[path[path.length - 1]!] = toDynamic(args[2] ?? null, argType(ctx, 2));
    return out;
  }),
  ...defineFunction(['array_iff', 'array_iif'], (args) => {
    const [c, t, f] = [arr(args[0]), args[1], args[2]];
    if (!c) return null;
    const pick = (v: KqlValue | undefined, i: number): DynamicValue =>
      (Array.isArray(v) ? (i < v.length ? v[i]! : null) : (v ?? null)) as DynamicValue;
    return c.map((x, i) => (x === true || (typeof x === 'number' && x !== 0) ? pick(t, i) : x === null ? null : pick(f, i)));
  }),
  ...defineFunction('array_shift_left', (args) => shift(args, 1)),
  ...defineFunction('array_shift_right', (args) => shift(args, -1)),
  ...defineFunction('array_rotate_left', (args) => rotate(args, 1)),
  ...defineFunction('array_rotate_right', (args) => rotate(args, -1)),
  ...defineFunction('array_split', (args) => {
    const a = arr(args[0]);
    if (!a) return null;
    const idx = (Array.isArray(args[1]) ? args[1] : [args[1]]).filter((x): x is number => typeof x === 'number');
    const cuts = idx.map((i) => (i < 0 ? a.length + i : i)).map((i) => Math.max(0, Math.min(a.length, i)));
    const bounds = [0, ...cuts, a.length];
    return bounds.slice(1).map((end, k) => a.slice(bounds[k], Math.max(bounds[k]!, end)));
  }),
  ...defineFunction('dynamic_to_json', ([v]) => sortedJson((v ?? null) as DynamicValue)),
];
