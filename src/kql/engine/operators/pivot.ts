/**
 * `evaluate pivot(value, aggregate, by…) : (schema)`: one row per group of the by-values; each
 * other output column is named after a value and holds the aggregate over the group's rows
 * with that value.
 */
import type { Table } from '../column.js';
import { aggregateFunctions, type Accumulator } from '../aggregates/registry.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { buildColumn } from '../table-builder.js';
import type { KqlValue } from '../values.js';
import type { TabularPlan } from '../../plan/types.js';
import { assignGroups } from './summarize.js';
import { pivotName } from './pivot-name.js';

type PivotPlan = Extract<TabularPlan, { op: 'pivot' }>;

const ZERO_WHEN_EMPTY = new Set(['count', 'countif', 'dcount', 'dcountif', 'sum', 'sumif']);

/** Runs pivot with a known output schema. */
export function runPivot(plan: PivotPlan, input: Table, env: ExecEnv): Table {
  const fn = aggregateFunctions.get(plan.aggregate.fn);
  if (!fn) throw new Error(`unknown aggregate ${plan.aggregate.fn}`);
  const { groupOf, keys } = assignGroups(plan.by, input, env);
  const groups = input.length === 0 ? 0 : keys.length;
  const valueOf = compileScalar(plan.value, input, env);
  const args = plan.aggregate.args.map((e) => compileScalar(e, input, env));
  const valueColumns = plan.columns.filter((c) => !plan.byNames.includes(c.name));
  const slot = new Map(valueColumns.map((c, k) => [c.name, k]));
  const cells: (Accumulator | null)[][] = Array.from({ length: groups }, () => valueColumns.map(() => null));
  for (let i = 0; i < input.length; i++) {
    if ((i & 0xffff) === 0xffff) env.checkTime('evaluate pivot');
    const k = slot.get(pivotName(valueOf(i), plan.value.type));
    if (k === undefined) continue;
    const row = cells[groupOf[i]!]!;
    (row[k] ??= fn.create({ constants: plan.aggregate.constants })).add(args.map((f) => f(i)));
  }
  // a cell with no rows: 0 for the counting and summing aggregates (the docs' examples show 0 for count() and sum()), else null
  const empty: KqlValue = ZERO_WHEN_EMPTY.has(plan.aggregate.fn) ? 0 : null;
  const columns = plan.columns.map((def) => {
    const b = plan.byNames.indexOf(def.name);
    const k = slot.get(def.name);
    const valueAt = (g: number): KqlValue => (b >= 0 ? keys[g]![b]! : (cells[g]![k!]?.result() ?? empty));
    return { name: def.name, column: buildColumn(def.type, groups, valueAt) };
  });
  return { name: input.name, length: groups, columns };
}
