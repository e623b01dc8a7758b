/** `mv-apply`: per input row, expand its arrays, run the subquery on those rows, output each result row with the row's other columns. */
import type { Table } from '../column.js';
import { columnValue } from '../column.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { buildColumn } from '../table-builder.js';
import type { KqlValue } from '../values.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherTable } from './gather.js';
import { runMvExpand } from './mv-expand.js';

type MvApplyPlan = Extract<TabularPlan, { op: 'mvApply' }>;

/** Runs mv-apply; `runSubquery(table)` evaluates the subquery with `table` as its input. */
export function runMvApply(plan: MvApplyPlan, input: Table, env: ExecEnv, runSubquery: (rows: Table) => Table): Table {
  const out: KqlValue[][] = plan.columns.map(() => []);
  const subColumns = plan.subquery.columns.map((c) => c.name);
  const sources = plan.columns.map((c) => {
    const sub = subColumns.indexOf(c.name);
    return sub >= 0 ? { sub, input: -1 } : { sub: -1, input: input.columns.findIndex((ic) => ic.name === c.name) };
  });
  let total = 0;
  for (let i = 0; i < input.length; i++) {
    if ((i & 0xff) === 0xff) env.checkTime('mv-apply');
    const row = gatherTable(input, Int32Array.of(i));
    const result = runSubquery(runMvExpand(plan.expand, row, env));
    total += result.length;
    env.checkRows('mv-apply', total);
    for (let r = 0; r < result.length; r++) {
      sources.forEach((s, j) => {
        const col = s.sub >= 0 ? result.columns[s.sub]?.column : s.input >= 0 ? input.columns[s.input]!.column : undefined;
        out[j]!.push(col ? columnValue(col, s.sub >= 0 ? r : i) : null);
      });
    }
  }
  return {
    name: input.name,
    length: total,
    columns: plan.columns.map((def, j) => ({ name: def.name, column: buildColumn(def.type, total, (k) => out[j]![k]!) })),
  };
}
