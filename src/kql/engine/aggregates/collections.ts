import type { DynamicValue, KqlValue } from '../values.js';
import { defineAggregate, distinctKey, maxSizeOf, type AggregateFunction } from './types.js';

/**
 * make_set/make_set_if, make_list/make_list_if, make_bag/make_bag_if ("make_set()" and
 * friends). Nulls are ignored. make_set spreads a dynamic-array argument into its elements
 * (the docs' "set from array column" example); make_list keeps each value as one element, so
 * `make_list(pack_array(a, b))` is a list of pairs. make_bag merges property bags (the first
 * value of a key wins) and ignores non-bags. The optional max size (default 1048576) caps the
 * number of elements; the deprecated makeset/makelist default to 128. make_list_with_nulls keeps nulls.
 */

function setAccumulator(conditional: boolean, defaultMax: number): AggregateFunction['create'] {
  return ({ constants }) => {
    const max = maxSizeOf(constants, defaultMax);
    const seen = new Set<unknown>();
    const out: DynamicValue[] = [];
    const put = (v: DynamicValue): void => {
      if (v === null || out.length >= max) return;
      const key = distinctKey(v);
      if (seen.has(key)) return;
      seen.add(key);
      out.push(v);
    };
    return {
      add(values) {
        const v = values[0] as DynamicValue | undefined;
        if (v === null || v === undefined) return;
        if (conditional && values[1] !== true) return;
        if (Array.isArray(v)) for (const x of v) put(x);
        else put(v);
      },
      result: () => out.slice(),
    };
  };
}

function listAccumulator(conditional: boolean, defaultMax: number, keepNulls = false): AggregateFunction['create'] {
  return ({ constants }) => {
    const max = maxSizeOf(constants, defaultMax);
    const out: DynamicValue[] = [];
    return {
      add(values) {
        const v = (values[0] ?? null) as DynamicValue;
        if ((v === null && !keepNulls) || out.length >= max) return;
        if (conditional && values[1] !== true) return;
        out.push(v);
      },
      result: () => out.slice(),
    };
  };
}

function bagAccumulator(conditional: boolean): AggregateFunction['create'] {
  return ({ constants }) => {
    const max = maxSizeOf(constants);
    const bag: Record<string, DynamicValue> = {};
    let size = 0;
    return {
      add(values: KqlValue[]) {
        const v = values[0];
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
        if (conditional && values[1] !== true) return;
        for (const [k, x] of Object.entries(v)) {
          if (Object.prototype.hasOwnProperty.call(bag, k) || size >= max) continue;
          bag[k] = x;
          size++;
        }
      },
      result: () => ({ ...bag }),
    };
  };
}

export const collectionAggregates: AggregateFunction[] = [
  ...defineAggregate('make_set', setAccumulator(false, 1_048_576)),
  ...defineAggregate('makeset', setAccumulator(false, 128)),
  ...defineAggregate(['make_set_if', 'makeset_if'], setAccumulator(true, 1_048_576)),
  ...defineAggregate('make_list', listAccumulator(false, 1_048_576)),
  ...defineAggregate('make_list_with_nulls', listAccumulator(false, 1_048_576, true)),
  ...defineAggregate('makelist', listAccumulator(false, 128)),
  ...defineAggregate(['make_list_if', 'makelist_if'], listAccumulator(true, 1_048_576)),
  ...defineAggregate('make_bag', bagAccumulator(false)),
  ...defineAggregate('make_bag_if', bagAccumulator(true)),
];
