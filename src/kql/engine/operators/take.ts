/** `take` / `limit`: the first N rows (KQL gives no order guarantee; we keep input order). */
import type { Table } from '../column.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherTable, identityIndexes } from './gather.js';

type TakePlan = Extract<TabularPlan, { op: 'take' }>;

/** Runs take: N from a constant expression (negative or null → 0). */
export function runTake(plan: TakePlan, input: Table, env: ExecEnv): Table {
  const n = rowCount(compileScalar(plan.count, input, env)(0));
  return n >= input.length ? input : gatherTable(input, identityIndexes(n));
}

/** A row count argument as a non-negative integer. */
export function rowCount(v: unknown): number {
  return typeof v === 'number' && v > 0 ? Math.floor(v) : 0;
}
