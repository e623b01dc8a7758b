import type { DynamicValue, KqlValue } from '../values.js';
import { argType, defineFunction, type EvalContext, type ScalarFunction } from './context.js';
import { valuesEqual, compareValues } from './comparison.js';
import { accessMember, isBag, kqlTypeName, toDynamic } from './dynamic-values.js';
import { distinctKeyOf } from './set-keys.js';
import { numberArg, textArg } from './text.js';

/**
 * Dynamic (JSON) functions: member access `[]`, array_length, bag_keys, pack/bag_pack,
 * pack_array, the set_* family, array_concat/slice/index_of/sort/reverse/sum, bag_merge,
 * bag_remove_keys, bag_has_key, zip, repeat, range, gettype/typeof, extract_json.
 * A non-array (non-bag) where an array (bag) is expected → null.
 */

const arr = (v: KqlValue | undefined): DynamicValue[] | null => (Array.isArray(v) ? (v as DynamicValue[]) : null);

/** Elements of several arrays, distinct by value, in first-seen order. */
function union(arrays: DynamicValue[][]): DynamicValue[] {
  const seen = new Set<unknown>();
  const out: DynamicValue[] = [];
  for (const a of arrays)
    for (const x of a) {
      const k = distinctKeyOf(x);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(x);
      }
    }
  return out;
}

function arraysOf(args: KqlValue[]): DynamicValue[][] | null {
  const out: DynamicValue[][] = [];
  for (const a of args) {
    const x = arr(a);
    if (!x) return null;
    out.push(x);
  }
  return out;
}

/** `array_slice(arr, start, end)`: inclusive end; negative indexes count from the end. */
function arraySlice(args: KqlValue[]): KqlValue {
  const a = arr(args[0]);
  const s = numberArg(args, 1);
  const e = numberArg(args, 2);
  if (!a || s === null || e === null) return null;
  const start = Math.max(0, s < 0 ? a.length + s : s);
  const end = Math.min(a.length - 1, e < 0 ? a.length + e : e);
  return start > end ? [] : a.slice(start, end + 1);
}

/** `array_index_of(arr, value [, start [, length [, occurrence]]])`: −1 when absent. */
function arrayIndexOf(args: KqlValue[]): KqlValue {
  const a = arr(args[0]);
  if (!a) return null;
  const v = args[1] ?? null;
  let start = numberArg(args, 2) ?? 0;
  if (start < 0) start = Math.max(0, a.length + start);
  const length = numberArg(args, 3) ?? -1;
  const end = length < 0 ? a.length : Math.min(a.length, start + length);
  let occurrence = numberArg(args, 4) ?? 1;
  for (let i = start; i < end; i++) {
    if (a[i] !== null && v !== null && valuesEqual(a[i] as KqlValue, v) && --occurrence === 0) return i;
  }
  return -1;
}

/** array_sort_asc/desc: sorts one array, nulls last (or first with nulls_last=false). */
function arraySort(args: KqlValue[], descending: boolean): KqlValue {
  const a = arr(args[0]);
  if (!a) return null;
  const nullsLast = typeof args[args.length - 1] === 'boolean' ? (args[args.length - 1] as boolean) : true;
  const values = a.filter((x) => x !== null);
  const nulls = a.length - values.length;
  values.sort((x, y) => (compareValues(x as KqlValue, y as KqlValue) ?? 0) * (descending ? -1 : 1));
  const pad = new Array<DynamicValue>(nulls).fill(null);
  return nullsLast ? [...values, ...pad] : [...pad, ...values];
}

/** A minimal JSONPath for extract_json: `$`, `.name`, `['name']`, `["name"]`, `[0]`. */
export function jsonPath(value: KqlValue, path: string): KqlValue {
  const re = /\.([^.[\]]+)|\[\s*(?:'([^']*)'|"([^"]*)"|(-?\d+))\s*\]/g;
  if (!path.startsWith('$')) return null;
  let cur: KqlValue = value;
  let m: RegExpExecArray | null;
  re.lastIndex = 1;
  while ((m = re.exec(path)) !== null) {
    const key: KqlValue = m[4] !== undefined ? Number(m[4]) : (m[1] ?? m[2] ?? m[3])!;
    cur = accessMember(cur, key);
    if (cur === null) return null;
  }
  return cur;
}

function packPairs(args: KqlValue[], ctx: EvalContext): KqlValue {
  const bag: Record<string, DynamicValue> = {};
  for (let i = 0; i + 1 < args.length; i += 2) bag[textArg(args, i, ctx)] = toDynamic(args[i + 1] ?? null, argType(ctx, i + 1));
  return bag;
}

export const dynamicFunctions: ScalarFunction[] = [
  ...defineFunction('[]', ([base, key]) => accessMember(base ?? null, key ?? null)),
  ...defineFunction('array_length', ([a]) => (Array.isArray(a) ? a.length : null)),
  ...defineFunction('bag_keys', ([b]) => (isBag(b) ? Object.keys(b) : null)),
  ...defineFunction('bag_has_key', ([b, k]) => (isBag(b) ? Object.prototype.hasOwnProperty.call(b, String(k)) : null)),
  ...defineFunction(['pack', 'bag_pack'], packPairs),
  ...defineFunction('pack_array', (args, ctx) => args.map((v, i) => toDynamic(v, argType(ctx, i)))),
  ...defineFunction('bag_merge', (args) => {
    const out: Record<string, DynamicValue> = {};
    for (const b of args) if (isBag(b)) for (const [k, v] of Object.entries(b)) if (!(k in out)) out[k] = v;
    return out;
  }),
  ...defineFunction('bag_remove_keys', ([b, keys]) => {
    if (!isBag(b)) return null;
    const drop = new Set((arr(keys) ?? []).map(String));
    return Object.fromEntries(Object.entries(b).filter(([k]) => !drop.has(k)));
  }),
  ...defineFunction('set_union', (args) => {
    const a = arraysOf(args);
    return a && union(a);
  }),
  ...defineFunction('set_intersect', (args) => {
    const a = arraysOf(args);
    if (!a) return null;
    const keys = a.slice(1).map((x) => new Set(x.map(distinctKeyOf)));
    return union([a[0]!]).filter((x) => keys.every((s) => s.has(distinctKeyOf(x))));
  }),
  ...defineFunction('set_difference', (args) => {
    const a = arraysOf(args);
    if (!a) return null;
    const drop = new Set(a.slice(1).flat().map(distinctKeyOf));
    return union([a[0]!]).filter((x) => !drop.has(distinctKeyOf(x)));
  }),
  ...defineFunction('set_has_element', ([a, v]) => {
    const x = arr(a);
    return x && v !== null && v !== undefined ? x.some((e) => e !== null && valuesEqual(e as KqlValue, v)) : null;
  }),
  ...defineFunction('array_concat', (args) => {
    const a = arraysOf(args);
    return a && a.flat(1);
  }),
  ...defineFunction('array_slice', arraySlice),
  ...defineFunction('array_index_of', arrayIndexOf),
  ...defineFunction('array_sort_asc', (args) => arraySort(args, false)),
  ...defineFunction('array_sort_desc', (args) => arraySort(args, true)),
  ...defineFunction('array_reverse', ([a]) => (Array.isArray(a) ? [...a].reverse() : null)),
  ...defineFunction('array_sum', ([a]) => {
    const x = arr(a);
    return x && x.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
  }),
  ...defineFunction('zip', (args) => {
    const a = arraysOf(args);
    if (!a) return null;
    const n = Math.max(0, ...a.map((x) => x.length));
    return Array.from({ length: n }, (_, i) => a.map((x) => (i < x.length ? x[i]! : null)));
  }),
  ...defineFunction('repeat', (args, ctx) => {
    const n = numberArg(args, 1);
    return n === null || n < 0 ? null : new Array<DynamicValue>(Math.min(n, 1_000_000)).fill(toDynamic(args[0] ?? null, argType(ctx, 0)));
  }),
  ...defineFunction('range', (args) => {
    const [start, stop, step] = [numberArg(args, 0), numberArg(args, 1), numberArg(args, 2) ?? 1];
    if (start === null || stop === null || step === 0) return null;
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= stop : v >= stop; v += step) {
      out.push(v);
      if (out.length >= 1_048_576) break;
    }
    return out;
  }),
  ...defineFunction(['gettype', 'typeof'], (args, ctx) => kqlTypeName(args[0] ?? null, argType(ctx, 0))),
  ...defineFunction(['extract_json', 'extractjson'], (args, ctx) => {
    const doc = args[1];
    let value: KqlValue = null;
    if (typeof doc === 'string') {
      try {
        value = JSON.parse(doc) as KqlValue;
      } catch {
        return null;
      }
    } else value = doc ?? null;
    const found = jsonPath(value, textArg(args, 0, ctx));
    return typeof found === 'object' && found !== null ? JSON.stringify(found) : found === null ? null : String(found);
  }),
];
