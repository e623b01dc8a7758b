/**
 * `summarize` (also `count` and `distinct`): rows grouped by the `by` values, one accumulator per
 * group and aggregate from the aggregate registry. Groups come out in order of first appearance;
 * without `by`, an empty input still gives one row (count() = 0).
 */
import type { StringColumn, Table } from '../column.js';
import { aggregateFunctions, type Accumulator } from '../aggregates/registry.js';
import { compileScalar, type RowFn } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { buildColumn } from '../table-builder.js';
import type { KqlValue } from '../values.js';
import type { ScalarExpr, TabularPlan } from '../../plan/types.js';

type SummarizePlan = Extract<TabularPlan, { op: 'summarize' }>;

/** The argument list of count(): shared, never written. */
const NO_VALUES: KqlValue[] = Object.freeze([]) as unknown as KqlValue[];

/** Largest code space grouped through a dense table instead of a hash map. */
const DENSE_GROUPS = 1 << 22;

/** Runs a summarize node. */
export function runSummarize(plan: SummarizePlan, input: Table, env: ExecEnv): Table {
  const n = input.length;
  const { groupOf, keys } = assignGroups(plan.by, input, env);
  const groupCount = keys.length;
  const aggregates = plan.aggregates.map((a) => {
    const fn = aggregateFunctions.get(a.fn);
    if (!fn) throw new Error(`unknown aggregate ${a.fn}`);
    return { call: a, fn, args: a.args.map((e) => compileScalar(e, input, env)), accs: new Array<Accumulator>(groupCount) };
  });
  // count(): a per-group tally of groupOf, without an accumulator call per row
  const tallies = aggregates.map((a) => (a.call.fn === 'count' && a.args.length === 0 ? tally(groupOf, groupCount) : null));
  aggregates.forEach((a, k) => {
    if (!tallies[k]) for (let g = 0; g < groupCount; g++) a.accs[g] = a.fn.create({ constants: a.call.constants });
  });
  for (const [ai, a] of aggregates.entries()) {
    if (tallies[ai]) continue;
    const { args, accs } = a;
    for (let i = 0; i < n; i++) {
      if ((i & 0xffff) === 0xffff) env.checkTime('summarize');
      const acc = accs[groupOf[i]!]!;
      switch (args.length) {
        case 0:
          acc.add(NO_VALUES);
          break;
        case 1:
          acc.add([args[0]!(i)]);
          break;
        default:
          acc.add(args.map((f) => f(i)));
      }
    }
  }
  const columns = plan.columns;
  const out: Table['columns'] = [];
  plan.by.forEach((_, j) => {
    const def = columns[j]!;
    out.push({ name: def.name, column: buildColumn(def.type, groupCount, (g) => keys[g]![j]!) });
  });
  let next = plan.by.length;
  for (const [ai, a] of aggregates.entries()) {
    const results: ArrayLike<KqlValue> = tallies[ai] ?? a.accs.map((acc) => acc.result());
    const width = a.call.outputs.length;
    for (let k = 0; k < width; k++) {
      const def = columns[next++]!;
      const valueAt = width === 1 ? (g: number) => results[g]! : (g: number) => spread(results[g]!, k);
      out.push({ name: def.name, column: buildColumn(def.type, groupCount, valueAt) });
    }
  }
  return { name: input.name, length: groupCount, columns: out };
}

/** Rows per group. */
function tally(groupOf: Int32Array, groupCount: number): Float64Array {
  const counts = new Float64Array(groupCount);
  for (let i = 0; i < groupOf.length; i++) counts[groupOf[i]!]!++;
  return counts;
}

/** Element k of a multi-column aggregate result (arg_max row, percentiles). */
function spread(result: KqlValue, k: number): KqlValue {
  return Array.isArray(result) ? ((result[k] as KqlValue) ?? null) : k === 0 ? result : null;
}

/** Group id of every row and the key values of every group (one empty-keyed group when `by` is empty). */
export function assignGroups(by: ScalarExpr[], input: Table, env: ExecEnv): { groupOf: Int32Array; keys: KqlValue[][] } {
  const n = input.length;
  const groupOf = new Int32Array(n);
  if (by.length === 0) return { groupOf, keys: [[]] };
  const byCodes = stringKeyColumns(by, input);
  if (byCodes) return groupByCodes(byCodes, n, env);
  const keyFns: RowFn[] = by.map((e) => compileScalar(e, input, env));
  const keys: KqlValue[][] = [];
  const ids = new Map<unknown, number>();
  const single = keyFns.length === 1 ? keyFns[0]! : null;
  const parts = new Array<KqlValue>(keyFns.length);
  for (let i = 0; i < n; i++) {
    if ((i & 0xffff) === 0xffff) env.checkTime('summarize');
    let key: unknown;
    if (single) {
      const v = single(i);
      parts[0] = v;
      key = v !== null && typeof v === 'object' ? '\u0000' + JSON.stringify(v) : v;
    } else {
      let s = '';
      for (let k = 0; k < keyFns.length; k++) {
        const v = keyFns[k]!(i);
        parts[k] = v;
        s += keyPart(v) + '\u0001';
      }
      key = s;
    }
    let g = ids.get(key);
    if (g === undefined) {
      g = keys.length;
      ids.set(key, g);
      keys.push(parts.slice());
    }
    groupOf[i] = g;
  }
  env.checkRows('summarize', keys.length);
  return { groupOf, keys };
}

/** The by-columns when every one is a plain string column (grouped by dictionary code); null otherwise. */
function stringKeyColumns(by: ScalarExpr[], input: Table): StringColumn[] | null {
  const out: StringColumn[] = [];
  let space = 1;
  for (const e of by) {
    if (e.kind !== 'column') return null;
    const col = input.columns.find((c) => c.name === e.name)?.column;
    if (col?.kind !== 'string') return null;
    space *= col.dictionary.length + 1;
    out.push(col);
  }
  return space < 2 ** 52 ? out : null;
}

/** Groups by a mixed-radix number of the key columns' codes (null as digit 0): no string hashing per row. */
function groupByCodes(cols: StringColumn[], n: number, env: ExecEnv): { groupOf: Int32Array; keys: KqlValue[][] } {
  const groupOf = new Int32Array(n);
  const radix = cols.map((c) => c.dictionary.length + 1);
  const space = radix.reduce((a, b) => a * b, 1);
  const dense = space <= DENSE_GROUPS ? new Int32Array(space) : null;
  const sparse = dense ? null : new Map<number, number>();
  const keys: KqlValue[][] = [];
  const codeArrays = cols.map((c) => c.codes);
  const keyOf = (i: number): KqlValue[] => cols.map((c) => {
    const code = c.codes[i]!;
    return code < 0 ? null : c.dictionary[code]!;
  });
  if (dense && cols.length <= 2) {
    // the common one- or two-column case, unrolled (same key as the loop below)
    const a = codeArrays[0]!;
    const b = codeArrays[1] ?? null;
    const rb = radix[1] ?? 1;
    for (let i = 0; i < n; i++) {
      if ((i & 0xfffff) === 0xfffff) env.checkTime('summarize');
      const key = b === null ? a[i]! + 1 : (a[i]! + 1) * rb + b[i]! + 1;
      let g = dense[key]! - 1;
      if (g < 0) {
        g = keys.length;
        dense[key] = g + 1;
        keys.push(keyOf(i));
      }
      groupOf[i] = g;
    }
    env.checkRows('summarize', keys.length);
    return { groupOf, keys };
  }
  for (let i = 0; i < n; i++) {
    if ((i & 0xfffff) === 0xfffff) env.checkTime('summarize');
    let key = 0;
    for (let k = 0; k < codeArrays.length; k++) key = key * radix[k]! + codeArrays[k]![i]! + 1;
    let g = dense ? dense[key]! - 1 : (sparse!.get(key) ?? -1);
    if (g < 0) {
      g = keys.length;
      if (dense) dense[key] = g + 1;
      else sparse!.set(key, g);
      keys.push(keyOf(i));
    }
    groupOf[i] = g;
  }
  env.checkRows('summarize', keys.length);
  return { groupOf, keys };
}

function keyPart(v: KqlValue): string {
  if (v === null) return '\u0000';
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'number':
      return 'n' + v;
    case 'boolean':
      return v ? 't' : 'f';
    default:
      return 'o' + JSON.stringify(v);
  }
}
