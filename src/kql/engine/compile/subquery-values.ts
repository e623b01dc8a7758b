/** Values a scalar expression takes from a tabular sub-plan, computed once per query: `toscalar(T)` and `x in (T)`. */
import { columnValue } from '../column.js';
import type { KqlValue } from '../values.js';
import type { TabularPlan } from '../../plan/types.js';
import type { ExecEnv } from './exec-env.js';

interface SubqueryMemo {
  scalar?: KqlValue;
  exact?: Set<unknown>;
  folded?: Set<unknown>;
}

function memoOf(plan: TabularPlan, env: ExecEnv): SubqueryMemo {
  let m = env.memo.get(plan) as SubqueryMemo | undefined;
  if (!m) {
    m = {};
    env.memo.set(plan, m);
  }
  return m;
}

/** First column of the first row of the plan's result (null when empty); for a list operand (`has_any (T)`) every value of the first column, as an array. */
export function toScalarValue(plan: TabularPlan, env: ExecEnv): KqlValue {
  const memo = memoOf(plan, env);
  if ('scalar' in memo) return memo.scalar!;
  const table = env.run(plan);
  const first = table.columns[0]?.column;
  let value: KqlValue = null;
  if (plan.operator === 'make_list' && first) {
    const list: KqlValue[] = [];
    for (let i = 0; i < table.length; i++) list.push(columnValue(first, i));
    value = list as KqlValue;
  } else if (first && table.length > 0) {
    value = columnValue(first, 0);
  }
  memo.scalar = value;
  return value;
}

/** Membership test against the first column of the plan's result; `~` variants compare strings case-insensitively. */
export function inTableTest(op: 'in' | '!in' | 'in~' | '!in~', plan: TabularPlan, env: ExecEnv): (v: KqlValue) => boolean {
  const memo = memoOf(plan, env);
  const fold = op.endsWith('~');
  let set = fold ? memo.folded : memo.exact;
  if (!set) {
    set = new Set();
    const table = env.run(plan);
    const first = table.columns[0]?.column;
    if (first) for (let i = 0; i < table.length; i++) set.add(normalize(columnValue(first, i), fold));
    if (fold) memo.folded = set;
    else memo.exact = set;
  }
  const members = set;
  const negate = op.startsWith('!');
  return (v) => (members.has(normalize(v, fold)) ? !negate : negate);
}

function normalize(v: KqlValue, fold: boolean): unknown {
  if (typeof v === 'string') return fold ? v.toLowerCase() : v;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}
