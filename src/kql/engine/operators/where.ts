/** `where`: keeps the rows whose predicate is true (null and false drop the row); conjuncts filter one after another. */
import type { Table } from '../column.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherTable } from './gather.js';

type WherePlan = Extract<TabularPlan, { op: 'where' }>;

/** Runs a where node over its evaluated input. */
export function runWhere(plan: WherePlan, input: Table, env: ExecEnv): Table {
  const p = plan.predicate;
  const conjuncts = p.kind === 'logical' && p.op === 'and' ? p.args : [p];
  let selection: Int32Array | null = null;
  for (const conjunct of conjuncts) {
    const test = compileScalar(conjunct, input, env);
    const count: number = selection ? selection.length : input.length;
    const out = new Int32Array(count);
    let n = 0;
    for (let k = 0; k < count; k++) {
      if ((k & 0xffff) === 0xffff) env.checkTime('where');
      const i = selection ? selection[k]! : k;
      if (test(i) === true) out[n++] = i;
    }
    selection = out.subarray(0, n);
    if (n === 0) break;
  }
  return selection ? gatherTable(input, selection) : input;
}
