/** `datatable`, `range` and the single empty row under `print`: tables made from the query itself. */
import type { Table } from '../column.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { buildColumn, tableFromRows } from '../table-builder.js';
import type { TabularPlan } from '../../plan/types.js';

/** Runs datatable. */
export function runDatatable(plan: Extract<TabularPlan, { op: 'datatable' }>): Table {
  return tableFromRows('datatable', plan.columns, plan.rows);
}

/** One row, no column. */
export function singleRow(): Table {
  return { name: 'print', length: 1, columns: [] };
}

/** Runs `range x from A to B step S` (inclusive of B; an empty table when the step goes the wrong way). */
export function runRange(plan: Extract<TabularPlan, { op: 'range' }>, env: ExecEnv): Table {
  const row = singleRow();
  const from = compileScalar(plan.from, row, env)(0);
  const to = compileScalar(plan.to, row, env)(0);
  const step = compileScalar(plan.step, row, env)(0);
  if (typeof from !== 'number' || typeof to !== 'number' || typeof step !== 'number' || step === 0) {
    return tableFromRows('range', plan.columns, []);
  }
  const count = Math.max(0, Math.floor((to - from) / step) + 1);
  env.checkRows('range', count);
  const def = plan.columns[0]!;
  return { name: 'range', length: count, columns: [{ name: def.name, column: buildColumn(def.type, count, (i) => from + i * step) }] };
}
