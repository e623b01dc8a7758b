/** project / extend / project-rename / -away / -keep / -reorder / print: output column i is expression i over the input. */
import type { Table } from '../column.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { buildColumn } from '../table-builder.js';
import type { TabularPlan } from '../../plan/types.js';

type ProjectPlan = Extract<TabularPlan, { op: 'project' }>;

/** Runs a projection; a plain column reference of the same type reuses the input column without copying. */
export function runProject(plan: ProjectPlan, input: Table, env: ExecEnv): Table {
  const byName = new Map(input.columns.map((c) => [c.name, c.column]));
  const columns = plan.exprs.map((expr, j) => {
    const out = plan.columns[j]!;
    if (expr.kind === 'column') {
      const existing = byName.get(expr.name);
      if (existing && existing.type === out.type) return { name: out.name, column: existing };
    }
    const f = compileScalar(expr, input, env);
    env.checkTime(plan.operator);
    return { name: out.name, column: buildColumn(out.type, input.length, f) };
  });
  return { name: input.name, length: input.length, columns };
}
