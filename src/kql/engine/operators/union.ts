/** `union`: the legs' rows one after another, columns matched by name (missing → null), with an optional source column. */
import type { Column, Table } from '../column.js';
import { columnValue } from '../column.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { buildColumn } from '../table-builder.js';
import type { TabularPlan } from '../../plan/types.js';

type UnionPlan = Extract<TabularPlan, { op: 'union' }>;

/** Runs a union over its evaluated legs. */
export function runUnion(plan: UnionPlan, inputs: Table[], env: ExecEnv): Table {
  const total = inputs.reduce((n, t) => n + t.length, 0);
  env.checkRows('union', total);
  // row r of the output comes from leg legOf[r], row rowIn[r]
  const legOf = new Int32Array(total);
  const rowIn = new Int32Array(total);
  let r = 0;
  inputs.forEach((t, k) => {
    for (let i = 0; i < t.length; i++, r++) {
      legOf[r] = k;
      rowIn[r] = i;
    }
  });
  const columns = plan.columns.map((def, j) => {
    if (def.name === plan.sourceColumn) {
      return { name: def.name, column: buildColumn(def.type, total, (row) => plan.sourceNames[legOf[row]!]!) };
    }
    const sources: (Column | null)[] = inputs.map((t, k) => {
      const c = plan.inputColumns[k]![j]!;
      return c >= 0 ? t.columns[c]!.column : null;
    });
    return {
      name: def.name,
      column: buildColumn(def.type, total, (row) => {
        const src = sources[legOf[row]!];
        return src ? columnValue(src, rowIn[row]!) : null;
      }),
    };
  });
  return { name: 'union', length: total, columns };
}
