import type { DynamicValue, KqlValue } from '../values.js';
import { distinctKeyOf } from '../functions/set-keys.js';

/** The running state of one aggregate for one group. */
export interface Accumulator {
  /** Adds one row: the aggregate's non-constant argument values, in KQL order. */
  add(values: KqlValue[]): void;
  /** The aggregate's value for the rows added so far. */
  result(): KqlValue;
}

/** An aggregation function (`count`, `make_set` …); `create` is called once per group. */
export interface AggregateFunction {
  name: string;
  /** `constants` are the literal trailing arguments (max size, percentile, accuracy). */
  create(args: { constants: KqlValue[] }): Accumulator;
}

/** Defines an aggregate under several names (`make_set`/`makeset`, `take_any`/`any`). */
export function defineAggregate(names: string | string[], create: AggregateFunction['create']): AggregateFunction[] {
  return (Array.isArray(names) ? names : [names]).map((name) => ({ name, create }));
}

/** A hashable key for a value: primitives as themselves, dynamic arrays and bags as tagged JSON. */
export const distinctKey = (v: KqlValue): unknown => distinctKeyOf(v as DynamicValue);

/** The maximum size argument of make_set/make_list/make_bag: the first numeric constant, default 1048576 (docs). */
export function maxSizeOf(constants: KqlValue[], fallback = 1_048_576): number {
  const n = constants.find((c) => typeof c === 'number');
  return typeof n === 'number' && n > 0 ? n : fallback;
}
