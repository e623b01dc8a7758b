/**
 * `mv-expand`: one output row per element of the expanded dynamic arrays (several expansions
 * are zipped, the shorter padded with null); a property bag expands to one `{key: value}` bag
 * per property (bagexpansion=bag) or `[key, value]` (bagexpansion=array); a scalar expands to
 * itself; an empty array or null yields no row.
 */
import type { Table } from '../column.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { convertTo } from '../functions/conversion.js';
import { buildColumn } from '../table-builder.js';
import type { KqlValue } from '../values.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherColumn } from './gather.js';

type MvExpandPlan = Extract<TabularPlan, { op: 'mvExpand' }>;

/** Runs mv-expand. */
export function runMvExpand(plan: MvExpandPlan, input: Table, env: ExecEnv): Table {
  const fns = plan.expansions.map((e) => compileScalar(e.expr, input, env));
  const sourceRow: number[] = [];
  const itemIndex: number[] = [];
  const values: KqlValue[][] = plan.expansions.map(() => []);
  const limit = plan.limit ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < input.length; i++) {
    if ((i & 0xfff) === 0xfff) env.checkTime('mv-expand');
    const lists = fns.map((f) => elementsOf(f(i), plan.bagExpansion));
    const count = Math.min(limit, Math.max(0, ...lists.map((l) => l.length)));
    env.checkRows('mv-expand', sourceRow.length + count);
    for (let k = 0; k < count; k++) {
      sourceRow.push(i);
      itemIndex.push(k);
      lists.forEach((l, e) => values[e]!.push(k < l.length ? l[k]! : null));
    }
  }
  env.checkRows('mv-expand', sourceRow.length);
  const rows = Int32Array.from(sourceRow);
  const columns = plan.columns.map((def, j) => {
    const e = plan.expansions.findIndex((x) => x.outputIndex === j);
    if (e >= 0) {
      const toType = plan.expansions[e]!.toType;
      const vals = values[e]!;
      return { name: def.name, column: buildColumn(def.type, rows.length, (r) => (toType ? convertTo(vals[r]!, toType) : vals[r]!)) };
    }
    if (j === plan.indexColumn) return { name: def.name, column: buildColumn(def.type, rows.length, (r) => itemIndex[r]!) };
    return { name: def.name, column: gatherColumn(input.columns[plan.passthrough[j]!]!.column, rows) };
  });
  return { name: input.name, length: rows.length, columns };
}

function elementsOf(v: KqlValue, bagExpansion: 'bag' | 'array'): KqlValue[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v as KqlValue[];
  if (typeof v === 'object') {
    return Object.entries(v).map(([k, x]) => (bagExpansion === 'array' ? [k, x] : { [k]: x }) as KqlValue);
  }
  return [v];
}
