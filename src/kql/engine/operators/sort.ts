/** `sort` / `order` and `top`: stable sort on keys with KQL's null placement (nulls first for asc, last for desc by default). */
import type { Table } from '../column.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import type { KqlValue } from '../values.js';
import type { SortKey, TabularPlan } from '../../plan/types.js';
import { gatherTable } from './gather.js';
import { rowCount } from './take.js';

type SortPlan = Extract<TabularPlan, { op: 'sort' }>;
type TopPlan = Extract<TabularPlan, { op: 'top' }>;

/** Runs sort. */
export function runSort(plan: SortPlan, input: Table, env: ExecEnv): Table {
  return gatherTable(input, sortedIndexes(plan.keys, input, env, input.length));
}

/** Runs top N by key. */
export function runTop(plan: TopPlan, input: Table, env: ExecEnv): Table {
  const n = rowCount(compileScalar(plan.count, input, env)(0));
  return gatherTable(input, sortedIndexes(plan.keys, input, env, n));
}

/** Row indexes in sorted order, the first `limit` of them. */
export function sortedIndexes(keys: SortKey[], input: Table, env: ExecEnv, limit: number): Int32Array {
  const n = input.length;
  const keyValues: KqlValue[][] = keys.map((k) => {
    const f = compileScalar(k.expr, input, env);
    const values = new Array<KqlValue>(n);
    for (let i = 0; i < n; i++) values[i] = f(i);
    return values;
  });
  env.checkTime('sort');
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const c = compareForSort(keyValues[k]![a]!, keyValues[k]![b]!, key.nullsFirst);
      if (c !== 0) return key.descending && !(keyValues[k]![a] === null || keyValues[k]![b] === null) ? -c : c;
    }
    return a - b;
  });
  return Int32Array.from(order.slice(0, Math.min(limit, n)));
}

/** Ascending comparison of two KQL values, with nulls placed first or last regardless of direction. */
export function compareForSort(a: KqlValue, b: KqlValue, nullsFirst: boolean): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === nullsFirst ? -1 : 1;
  }
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
