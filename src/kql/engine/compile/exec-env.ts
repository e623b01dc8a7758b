/** What compiled expressions and operators see of the running query: now, limits, and a way to run sub-plans. */
import type { Table } from '../column.js';
import type { EvalContext } from '../functions/registry.js';
import type { TabularPlan } from '../../plan/types.js';

export interface ExecEnv {
  /** now() for the whole query, microseconds. */
  now: number;
  /** The scalar-function context (`now`; argTypes are added per call site). */
  evalContext: EvalContext;
  /** Runs a sub-plan (toscalar, in (T), join right side); results of shared plans are cached. */
  run(plan: TabularPlan): Table;
  /** Throws when the time limit is past, naming `operator`. Cheap: call it every few thousand rows. */
  checkTime(operator: string): void;
  /** Throws when an operator would materialize more than the row limit. */
  checkRows(operator: string, rows: number): void;
  /** Values computed once per query (toscalar results, in-sets), keyed by plan node. */
  memo: Map<object, unknown>;
}

/** A query stopped by a limit (time, rows, memory); names the operator that hit it. */
export class QueryLimitError extends Error {
  constructor(
    readonly operator: string,
    readonly limit: 'time' | 'rows' | 'memory',
    message: string,
  ) {
    super(message);
    this.name = 'QueryLimitError';
  }
}
