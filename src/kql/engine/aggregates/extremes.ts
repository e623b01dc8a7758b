import type { KqlValue } from '../values.js';
import { compareValues } from '../functions/comparison.js';
import { defineAggregate, type AggregateFunction, type Accumulator } from './types.js';

/**
 * min/max/minif/maxif (nulls ignored; no value → null), arg_max/arg_min and take_any.
 *
 * arg_max(key, e1, e2, …) / arg_min: the executor passes `[key, e1, e2, …]` per row; the
 * result is the array `[key, e1, e2, …]` of the first row holding the extreme key (rows with
 * a null key are skipped; no such row → an array of nulls as long as the last row added).
 * take_any(e1, …): the first row's values whose first value is not null/empty; one argument →
 * that value, several → the array of them.
 */

function extreme(sign: 1 | -1, conditional: boolean): () => Accumulator {
  return () => {
    let best: KqlValue = null;
    return {
      add(values) {
        const v = values[0];
        if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return;
        if (conditional && values[1] !== true) return;
        if (best === null) {
          best = v;
          return;
        }
        const c = compareValues(v, best);
        if (c !== null && c * sign > 0) best = v;
      },
      result: () => best,
    };
  };
}

function argExtreme(sign: 1 | -1): () => Accumulator {
  return () => {
    let best: KqlValue[] | null = null;
    let width = 0;
    return {
      add(values) {
        width = values.length;
        const key = values[0];
        if (key === null || key === undefined) return;
        if (best === null) {
          best = values.slice();
          return;
        }
        const c = compareValues(key, best[0]!);
        if (c !== null && c * sign > 0) best = values.slice();
      },
      result: () => best ?? new Array<KqlValue>(width).fill(null),
    };
  };
}

export const extremeAggregates: AggregateFunction[] = [
  ...defineAggregate('min', extreme(-1, false)),
  ...defineAggregate('max', extreme(1, false)),
  ...defineAggregate('minif', extreme(-1, true)),
  ...defineAggregate('maxif', extreme(1, true)),
  ...defineAggregate(['arg_max', 'argmax'], argExtreme(1)),
  ...defineAggregate(['arg_min', 'argmin'], argExtreme(-1)),
  ...defineAggregate(['take_any', 'any'], () => {
    let chosen: KqlValue[] | null = null;
    let fallback: KqlValue[] | null = null;
    return {
      add(values) {
        if (chosen) return;
        fallback ??= values.slice();
        const v = values[0];
        if (v !== null && v !== undefined && v !== '') chosen = values.slice();
      },
      result() {
        const row = chosen ?? fallback;
        if (!row) return null;
        return row.length === 1 ? row[0]! : (row as KqlValue);
      },
    };
  }),
];
