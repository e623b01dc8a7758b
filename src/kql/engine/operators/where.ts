/** `where`: keeps the rows whose predicate is true (null and false drop the row); conjuncts filter one after another, the cheapest kinds first. */
import type { Table } from '../column.js';
import { compileFilter } from '../compile/compile-filter.js';
import type { ExecEnv } from '../compile/exec-env.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherTable } from './gather.js';

type WherePlan = Extract<TabularPlan, { op: 'where' }>;

/** Runs a where node over its evaluated input. */
export function runWhere(plan: WherePlan, input: Table, env: ExecEnv): Table {
  const p = plan.predicate;
  const conjuncts = p.kind === 'logical' && p.op === 'and' ? p.args : [p];
  // Conjuncts are pure, so they may run in any order: cheap and selective kinds first.
  const filters = conjuncts.map((c) => compileFilter(c, input, env)).sort((a, b) => a.rank - b.rank);
  let selection: Int32Array | null = null;
  for (const { filter } of filters) {
    selection = filter(selection, input.length);
    if (selection.length === 0) break;
  }
  return selection ? gatherTable(input, selection) : input;
}
