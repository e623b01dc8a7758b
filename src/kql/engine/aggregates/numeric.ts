import type { DynamicValue, KqlValue } from '../values.js';
import { defineAggregate, type AggregateFunction, type Accumulator } from './types.js';

/**
 * sum/sumif, avg/avgif, stdev/stdevif/stdevp, variance/varianceif/variancep and
 * percentile/percentiles/percentiles_array. Nulls are ignored; with no non-null value the
 * result is null. stdev and variance are the sample forms (n − 1), the `p` forms population.
 * Percentiles use the nearest-rank method on the exact values (Kusto estimates with a
 * t-digest; nearest-rank returns an actual value of the group, as Kusto's does for small sets).
 */

function numericAccumulator(conditional: boolean, finish: (sum: number, count: number, sumSq: number) => number | null): () => Accumulator {
  return () => {
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    return {
      add(values) {
        const v = values[0];
        if (typeof v !== 'number') return;
        if (conditional && values[1] !== true) return;
        sum += v;
        sumSq += v * v;
        count++;
      },
      result: () => (count === 0 ? null : finish(sum, count, sumSq)),
    };
  };
}

const variance = (sample: boolean) => (sum: number, n: number, sumSq: number): number | null => {
  if (sample && n < 2) return 0;
  const mean = sum / n;
  return Math.max(0, (sumSq - n * mean * mean) / (sample ? n - 1 : n));
};

/** The nearest-rank percentile `p` (0–100) of ascending-sorted values. */
export function nearestRank(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

function percentileAccumulator(percents: number[], shape: 'scalar' | 'array'): Accumulator {
  const values: number[] = [];
  return {
    add(row) {
      const v = row[0];
      if (typeof v === 'number' && !Number.isNaN(v)) values.push(v);
    },
    result() {
      values.sort((a, b) => a - b);
      const out = percents.map((p) => nearestRank(values, p));
      return shape === 'scalar' ? out[0]! : (out as DynamicValue[]);
    },
  };
}

const percentsOf = (constants: KqlValue[]): number[] =>
  constants.flatMap((c) => (Array.isArray(c) ? c : [c])).filter((c): c is number => typeof c === 'number');

export const numericAggregates: AggregateFunction[] = [
  ...defineAggregate('sum', numericAccumulator(false, (s) => s)),
  ...defineAggregate('sumif', numericAccumulator(true, (s) => s)),
  ...defineAggregate('avg', numericAccumulator(false, (s, n) => s / n)),
  ...defineAggregate('avgif', numericAccumulator(true, (s, n) => s / n)),
  ...defineAggregate('variance', numericAccumulator(false, variance(true))),
  ...defineAggregate('varianceif', numericAccumulator(true, variance(true))),
  ...defineAggregate('variancep', numericAccumulator(false, variance(false))),
  ...defineAggregate('stdev', numericAccumulator(false, (s, n, q) => Math.sqrt(variance(true)(s, n, q)!))),
  ...defineAggregate('stdevif', numericAccumulator(true, (s, n, q) => Math.sqrt(variance(true)(s, n, q)!))),
  ...defineAggregate('stdevp', numericAccumulator(false, (s, n, q) => Math.sqrt(variance(false)(s, n, q)!))),
  ...defineAggregate('percentile', ({ constants }) => percentileAccumulator(percentsOf(constants).slice(0, 1), 'scalar')),
  // percentiles(x, 50, 95) yields one column per percent: the result is an array, one value per percent.
  ...defineAggregate(['percentiles', 'percentiles_array'], ({ constants }) => percentileAccumulator(percentsOf(constants), 'array')),
];
