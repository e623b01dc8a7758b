/**
 * The aggregate registry the executor calls (`summarize`, `make-series`, `top-nested` …).
 *
 * Contract: `create({ constants })` once per group, with the aggregate's literal trailing
 * arguments (make_set's max size, percentile's percents, dcount's accuracy). Then `add(values)`
 * per row with the non-constant arguments in KQL order:
 * - count() → `[]`; countif(p) → `[p]`; xxxif(e, p) → `[e, p]`; sum(e) → `[e]` …
 * - arg_max(key, e1, …) / arg_min → `[key, e1, …]`; `result()` is the array `[key, e1, …]` of
 *   the chosen row (the executor spreads it into columns; for `*` it passes every column).
 * - percentiles(e, p1, p2 …) → `result()` is `[v1, v2 …]`, one per percent (one column each);
 *   percentile(e, p) is a scalar.
 * - take_any(e1, …): one argument → the value, several → an array to spread.
 * Nulls: count() counts rows; every other aggregate ignores null inputs; min/max/sum/avg of
 * no value is null; dcount/count_distinct are exact.
 */
import type { AggregateFunction } from './types.js';
import { collectionAggregates } from './collections.js';
import { countingAggregates } from './counting.js';
import { extremeAggregates } from './extremes.js';
import { numericAggregates } from './numeric.js';

export type { Accumulator, AggregateFunction } from './types.js';

/** Every aggregate by KQL name. */
export const aggregateFunctions: Map<string, AggregateFunction> = new Map(
  [countingAggregates, numericAggregates, extremeAggregates, collectionAggregates].flat().map((a) => [a.name, a]),
);
