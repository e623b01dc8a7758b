/**
 * `top-nested`: hierarchical aggregation (Kusto docs). Level 1 groups the input by its value
 * expression, computes the aggregate per group and keeps the top N groups (all without N);
 * every further level does the same inside each kept group of the level above. Rows come out
 * in that hierarchy: each kept group (best first) followed by its nested rows. `with others`
 * adds, per level and parent group, one row whose value is the constant and whose aggregate is
 * taken over the rows of the groups left out; its deeper levels are null.
 */
import type { Table } from '../column.js';
import { aggregateFunctions } from '../aggregates/registry.js';
import { compileScalar, type RowFn } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { buildColumn } from '../table-builder.js';
import type { KqlValue } from '../values.js';
import type { TabularPlan } from '../../plan/types.js';
import { distinctKey } from '../aggregates/types.js';
import { compareForSort } from './sort.js';
import { rowCount } from './take.js';

type TopNestedPlan = Extract<TabularPlan, { op: 'topNested' }>;

/** Runs top-nested. */
export function runTopNested(plan: TopNestedPlan, input: Table, env: ExecEnv): Table {
  const levels = plan.levels.map((l) => {
    const fn = aggregateFunctions.get(l.aggregate.fn);
    if (!fn) throw new Error(`unknown aggregate ${l.aggregate.fn}`);
    return {
      value: compileScalar(l.value, input, env),
      args: l.aggregate.args.map((a) => compileScalar(a, input, env)),
      limit: l.count ? rowCount(compileScalar(l.count, input, env)(0)) : Infinity,
      others: l.others ? compileScalar(l.others, input, env)(0) : undefined,
      descending: l.descending,
      aggregate: (rows: number[], args: RowFn[]): KqlValue => {
        const acc = fn.create({ constants: l.aggregate.constants });
        for (const i of rows) acc.add(args.map((f) => f(i)));
        return acc.result();
      },
    };
  });
  const out: KqlValue[][] = [];
  const nestLevel = (k: number, rows: number[], prefix: KqlValue[]): void => {
    env.checkTime('top-nested');
    const level = levels[k]!;
    const groups = new Map<unknown, { value: KqlValue; rows: number[] }>();
    for (const i of rows) {
      const value = level.value(i);
      const key = distinctKey(value);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { value, rows: [] }));
      g.rows.push(i);
    }
    const ranked = [...groups.values()].map((g) => ({ ...g, agg: level.aggregate(g.rows, level.args) }));
    // nulls last in both directions, as sort's defaults for desc; ties keep first appearance
    ranked.sort((a, b) => {
      const c = compareForSort(a.agg, b.agg, false);
      return level.descending && a.agg !== null && b.agg !== null ? -c : c;
    });
    const kept = ranked.slice(0, level.limit);
    for (const g of kept) {
      const row = [...prefix, g.value, g.agg];
      if (k + 1 < levels.length) nestLevel(k + 1, g.rows, row);
      else out.push(row);
    }
    if (level.others !== undefined && ranked.length > kept.length) {
      const rest = ranked.slice(kept.length).flatMap((g) => g.rows);
      out.push([...prefix, level.others, level.aggregate(rest, level.args), ...new Array<KqlValue>(2 * (levels.length - k - 1)).fill(null)]);
    }
    env.checkRows('top-nested', out.length);
  };
  nestLevel(0, Array.from({ length: input.length }, (_, i) => i), []);
  return {
    name: input.name,
    length: out.length,
    columns: plan.columns.map((def, j) => ({ name: def.name, column: buildColumn(def.type, out.length, (r) => out[r]![j]!) })),
  };
}
