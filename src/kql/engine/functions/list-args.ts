import type { KqlValue } from '../values.js';

/**
 * The right-hand list of `in`, `has_any`, `has_all` … : the arguments after the left value,
 * with dynamic arrays (from `dynamic([…])`, a `let` list or a single-column table) spread
 * one level. Cached per array identity so a constant list is flattened once per query.
 */
const cache = new WeakMap<KqlValue[], KqlValue[]>();

/** Flattens `args[from…]` into one list of scalars (see module comment). */
export function listArgs(args: KqlValue[], from: number): KqlValue[] {
  if (args.length === from + 1 && Array.isArray(args[from])) {
    const arr = args[from] as KqlValue[];
    let flat = cache.get(arr);
    if (!flat) {
      flat = arr.flatMap((v) => (Array.isArray(v) ? (v as KqlValue[]) : [v]));
      cache.set(arr, flat);
    }
    return flat;
  }
  const out: KqlValue[] = [];
  for (let i = from; i < args.length; i++) {
    const v = args[i]!;
    if (Array.isArray(v)) for (const x of v) out.push(x as KqlValue);
    else out.push(v);
  }
  return out;
}

/**
 * A per-list memo: computes `build(list)` once per distinct right-hand list. Keys are the
 * array identity when the list is a single array argument, otherwise its text.
 */
export function memoByList<T>(build: (list: KqlValue[]) => T): (args: KqlValue[], from: number) => T {
  const byArray = new WeakMap<KqlValue[], T>();
  const byText = new Map<string, T>();
  // The executor passes a constant list as the same scalar arguments on every row: compare
  // them with the previous call's before building a key.
  let lastArgs: KqlValue[] = [];
  let lastFrom = -1;
  let lastHit: T | undefined;
  const sameAsLast = (args: KqlValue[], from: number): boolean => {
    if (lastHit === undefined || from !== lastFrom || args.length !== lastArgs.length) return false;
    for (let i = from; i < args.length; i++) if (args[i] !== lastArgs[i] || typeof args[i] === 'object') return false;
    return true;
  };
  return (args, from) => {
    if (sameAsLast(args, from)) return lastHit!;
    if (args.length === from + 1 && Array.isArray(args[from])) {
      const arr = args[from] as KqlValue[];
      let hit = byArray.get(arr);
      if (hit === undefined) {
        hit = build(listArgs(args, from));
        byArray.set(arr, hit);
      }
      return hit;
    }
    const list = listArgs(args, from);
    const key = JSON.stringify(list);
    let hit = byText.get(key);
    if (hit === undefined) {
      if (byText.size > 1000) byText.clear();
      hit = build(list);
      byText.set(key, hit);
    }
    lastArgs = args.slice();
    lastFrom = from;
    lastHit = hit;
    return hit;
  };
}
