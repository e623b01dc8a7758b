/** `parse` / `parse-where`: one RE2 match per row; groups fill the target columns (converted to their types), no match gives nulls (parse-where drops the row). */
import { RE2JS } from 're2js';
import type { Table } from '../column.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { convertTo } from '../functions/conversion.js';
import { buildColumn } from '../table-builder.js';
import type { KqlValue } from '../values.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherTable } from './gather.js';

type ParsePlan = Extract<TabularPlan, { op: 'parse' }>;

/** Runs parse over its input. */
export function runParse(plan: ParsePlan, input: Table, env: ExecEnv): Table {
  let flags = RE2JS.DOTALL;
  if (plan.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
  if (plan.flags.includes('m')) flags |= RE2JS.MULTILINE;
  // RE2 has no ungreedy compile flag; its inline form does the same
  const re = RE2JS.compile((plan.flags.includes('U') ? '(?U)' : '') + plan.regex, flags);
  const source = compileScalar(plan.source, input, env);
  const groups: (KqlValue[] | null)[] = new Array(input.length);
  const cache = new Map<string, KqlValue[] | null>();
  for (let i = 0; i < input.length; i++) {
    if ((i & 0xffff) === 0xffff) env.checkTime(plan.operator);
    const v = source(i);
    const text = v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    let g = cache.get(text);
    if (g === undefined) {
      const m = re.matcher(text);
      g = m.matches() ? plan.targets.map((t, k) => typed(m.group(k + 1), plan.columns[t]!.type)) : null;
      if (g && plan.kind !== 'relaxed' && g.some((x, k) => x === null && plan.columns[plan.targets[k]!]!.type !== 'string')) g = null;
      if (cache.size < 100_000) cache.set(text, g);
    }
    groups[i] = g;
  }
  const byTarget = new Map(plan.targets.map((t, k) => [t, k]));
  const inputByName = new Map(input.columns.map((c) => [c.name, c.column]));
  const table: Table = {
    name: input.name,
    length: input.length,
    columns: plan.columns.map((def, j) => {
      const k = byTarget.get(j);
      if (k === undefined) return { name: def.name, column: inputByName.get(def.name)! };
      return { name: def.name, column: buildColumn(def.type, input.length, (i) => groups[i]?.[k] ?? (def.type === 'string' ? '' : null)) };
    }),
  };
  if (!plan.filter) return table;
  const keep: number[] = [];
  for (let i = 0; i < input.length; i++) if (groups[i]) keep.push(i);
  return gatherTable(table, Int32Array.from(keep));
}

function typed(text: string | null, type: string): KqlValue {
  if (text === null) return null;
  return type === 'string' ? text : convertTo(text, type);
}
