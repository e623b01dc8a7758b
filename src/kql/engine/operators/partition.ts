/** `partition by key (subquery)`: the subquery runs on the rows of each distinct key; its results are concatenated. */
import type { Table } from '../column.js';
import { columnValue } from '../column.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { compileScalar } from '../compile/compile-scalar.js';
import { buildColumn } from '../table-builder.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherTable } from './gather.js';

type PartitionPlan = Extract<TabularPlan, { op: 'partition' }>;

/** Runs partition; `runSubquery(rows)` evaluates the subquery with `rows` as its input. */
export function runPartition(plan: PartitionPlan, input: Table, env: ExecEnv, runSubquery: (rows: Table) => Table): Table {
  const key = compileScalar(plan.key, input, env);
  // partitions in order of first appearance, rows in input order within each
  const groups = new Map<string, number[]>();
  for (let i = 0; i < input.length; i++) {
    const k = JSON.stringify(key(i));
    let rows = groups.get(k);
    if (!rows) groups.set(k, (rows = []));
    rows.push(i);
  }
  const results: Table[] = [];
  let total = 0;
  for (const rows of groups.values()) {
    env.checkTime('partition');
    const result = runSubquery(gatherTable(input, Int32Array.from(rows)));
    total += result.length;
    env.checkRows('partition', total);
    results.push(result);
  }
  const columns = plan.columns.map((def) => {
    const parts = results.map((t) => t.columns.find((c) => c.name === def.name)?.column ?? null);
    const offsets = results.map(() => 0);
    let at = 0;
    results.forEach((t, k) => {
      offsets[k] = at;
      at += t.length;
    });
    let part = 0;
    return {
      name: def.name,
      column: buildColumn(def.type, total, (row) => {
        while (part + 1 < results.length && row >= offsets[part + 1]!) part++;
        const col = parts[part];
        return col ? columnValue(col, row - offsets[part]!) : null;
      }),
    };
  });
  return { name: input.name, length: total, columns };
}
