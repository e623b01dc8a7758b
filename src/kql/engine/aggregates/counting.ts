import type { KqlValue } from '../values.js';
import { defineAggregate, distinctKey, type AggregateFunction } from './types.js';

/**
 * count(), countif(predicate), dcount(expr [, accuracy]), dcountif(expr, predicate [, accuracy]),
 * count_distinct(expr), count_distinctif(expr, predicate). count() counts rows, nulls included;
 * the distinct counts ignore nulls and are EXACT (Kusto's dcount is a HyperLogLog estimate
 * whose accuracy argument we accept and ignore: exact is within any of its error bounds).
 */

function distinctCounter(conditional: boolean): AggregateFunction['create'] {
  return () => {
    const seen = new Set<unknown>();
    return {
      add(values) {
        const v = values[0];
        if (v === null || v === undefined) return;
        if (conditional && values[1] !== true) return;
        seen.add(distinctKey(v));
      },
      result: () => seen.size,
    };
  };
}

export const countingAggregates: AggregateFunction[] = [
  ...defineAggregate('count', () => {
    let n = 0;
    return {
      add() {
        n++;
      },
      result: () => n,
    };
  }),
  ...defineAggregate('countif', () => {
    let n = 0;
    return {
      add(values: KqlValue[]) {
        if (values[0] === true) n++;
      },
      result: () => n,
    };
  }),
  ...defineAggregate(['dcount', 'count_distinct'], distinctCounter(false)),
  ...defineAggregate(['dcountif', 'count_distinctif'], distinctCounter(true)),
];
