/**
 * The output schema of an `evaluate bag_unpack` / `pivot` written without one, derived from the
 * data as the Kusto docs describe it, as the text ` : (name:type, …)` to insert after the
 * plugin call so that Kusto binds the rest of the query against it.
 *
 * bag_unpack: one column per distinct top-level slot of the bags (nulls ignored; prefixed; the
 * ignored properties left out), typed by the slot's values when they all have one type, else
 * dynamic; the slots come first, sorted, then the input columns other than the bag (the order
 * of the docs' columnsConflict examples: `Age, Name`). A slot named like an input column is an
 * error by default; `replace_source` moves the column among the slots, `keep_source` keeps it.
 * pivot: the by-columns, then one column per distinct value (in order of appearance) typed as
 * the aggregate.
 */
import type { Table } from './column.js';
import { columnValue } from './column.js';
import { executePlan, type ExecuteOptions } from './execute.js';
import type { KqlType, KqlValue } from './values.js';
import { pivotName } from './operators/pivot-name.js';
import type { ColumnDef, ScalarExpr, SchemaProbeNeeded, TabularPlan } from '../plan/types.js';

/** A bag_unpack whose slot names an input column under columnsConflict='error'. */
export class BagUnpackConflictError extends Error {}

/** The schema text to insert for `probe`, computed over the tables. */
export function probeSchemaText(probe: SchemaProbeNeeded, tables: Map<string, Table>, options: ExecuteOptions): string {
  const p = probe.plan;
  const values = (exprs: ScalarExpr[]): Table =>
    executePlan({ op: 'project', input: p.input, exprs, columns: exprs.map((e, i) => ({ name: `__probe${i}`, type: e.type })), pos: p.pos, operator: p.operator } as TabularPlan, tables, options);
  const columns = p.op === 'bagUnpack' ? bagColumns(p, values([p.bag])) : pivotColumns(p, values([p.value]));
  return ` : (${columns.map((c) => `${quoteName(c.name)}:${c.type}`).join(', ')})`;
}

function bagColumns(p: Extract<TabularPlan, { op: 'bagUnpack' }>, t: Table): ColumnDef[] {
  const ignored = new Set(p.ignored);
  const slotTypes = new Map<string, KqlType | 'mixed'>();
  const col = t.columns[0]!.column;
  for (let i = 0; i < t.length; i++) {
    const bag = columnValue(col, i);
    if (!bag || typeof bag !== 'object' || Array.isArray(bag)) continue;
    for (const [key, v] of Object.entries(bag)) {
      if (v === null || ignored.has(key)) continue;
      const type = jsonType(v);
      const seen = slotTypes.get(key);
      slotTypes.set(key, seen === undefined || seen === type ? type : 'mixed');
    }
  }
  const bagName = p.bag.kind === 'column' ? p.bag.name : null;
  const inputs = p.input.columns.filter((c) => c.name !== bagName);
  const slots: ColumnDef[] = [...slotTypes]
    .map(([key, type]) => ({ name: p.prefix + key, type: type === 'mixed' ? ('dynamic' as const) : type }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const slotNames = new Set(slots.map((s) => s.name));
  const clashes = inputs.filter((c) => slotNames.has(c.name));
  if (clashes.length && p.conflict === 'error') {
    throw new BagUnpackConflictError(`evaluate bag_unpack: the slot ${clashes.map((c) => c.name).join(', ')} is also an input column (columnsConflict='error'; use 'replace_source' or 'keep_source')`);
  }
  if (p.conflict === 'keep_source') return [...slots.filter((s) => !clashes.some((c) => c.name === s.name)), ...inputs];
  return [...slots, ...inputs.filter((c) => !slotNames.has(c.name))];
}

function pivotColumns(p: Extract<TabularPlan, { op: 'pivot' }>, t: Table): ColumnDef[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const col = t.columns[0]!.column;
  for (let i = 0; i < t.length; i++) {
    const name = pivotName(columnValue(col, i), p.value.type);
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  const by = p.by.map((e, k) => ({ name: p.byNames[k]!, type: e.type }));
  return [...by, ...names.filter((n) => !p.byNames.includes(n)).map((name) => ({ name, type: p.aggregate.outputs[0]!.type }))];
}

/** A JSON value's KQL type: integral numbers long, other numbers real. */
function jsonType(v: KqlValue): KqlType {
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'dynamic';
}

/** A column name as KQL writes any name: `['…']` with quotes and backslashes escaped. */
function quoteName(name: string): string {
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}
