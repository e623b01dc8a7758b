/**
 * The KQL engine as a library: `runQuery(query, tables, options)` binds the query with
 * Kusto.Language against the tables' schemas, converts it into our plan and runs it on the
 * columnar tables. Errors are `QueryError`s carrying a kind and, where known, line and column.
 */
import type { Table } from './engine/column.js';
import { columnValue } from './engine/column.js';
import { QueryLimitError } from './engine/compile/exec-env.js';
import { executePlan, MissingTableError } from './engine/execute.js';
import type { KqlType, KqlValue } from './engine/values.js';
import { analyzeQuery, type QueryDiagnostic } from './frontend/analyze.js';
import { buildPlan } from './plan/build-plan.js';
import { SchemaProbeNeeded, UnresolvedUnionError, UnsupportedFeatureError, type QueryPlan } from './plan/types.js';
import { BagUnpackConflictError, probeSchemaText } from './engine/schema-probe.js';
import type { TableSchema } from './schema/table-schema.js';

export type { Table } from './engine/column.js';
export type { KqlType, KqlValue } from './engine/values.js';
export type { TableSchema } from './schema/table-schema.js';
export type { QueryDiagnostic } from './frontend/analyze.js';
export { referencedTables, referencedSources } from './frontend/referenced-tables.js';
export { loadTableSchemas } from './schema/load-schemas.js';
export { analyzeQuery } from './frontend/analyze.js';

export interface RunQueryOptions {
  /** The instant `now()` returns for the whole query (default: the current time). */
  now?: Date | number;
  /** Table schemas (Sentinel format, loaded with `loadTableSchemas`); columns of loaded tables not in a schema are added. */
  schemas?: TableSchema[];
  /** Most rows any operator may materialize (default 50 million). */
  maxRows?: number;
  /** Time limit in milliseconds (default 60 000). */
  timeoutMs?: number;
  /** Memory guard: most bytes of JS heap in use while the query runs (default 85 % of the heap limit). */
  maxHeapBytes?: number;
}

export interface QueryResult {
  columns: { name: string; type: KqlType }[];
  /** The result rows, values in the engine's representation (datetimes and timespans as microseconds). */
  rows: KqlValue[][];
  /** The same result, columnar. */
  table: Table;
  /** The `render` operator, kept as metadata (null when absent). */
  render: string | null;
  stats: { rows: number; analyzeMs: number; planMs: number; executeMs: number; totalMs: number };
}

export type QueryErrorKind = 'syntax' | 'semantic' | 'unsupported' | 'limit' | 'data';

/** A query that could not run: bad syntax or binding (with every diagnostic), unsupported feature, limit, missing data. */
export class QueryError extends Error {
  constructor(
    readonly kind: QueryErrorKind,
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
    readonly diagnostics: QueryDiagnostic[] = [],
    /** For `unsupported`: the feature's name; for `limit`: the operator. */
    readonly feature: string | null = null,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Runs a KQL query over in-memory tables. Throws QueryError. `now` defaults to the current time. */
export function runQuery(query: string, tables: Table[] | Map<string, Table>, options: RunQueryOptions = {}): QueryResult {
  const started = performance.now();
  const byName = tables instanceof Map ? tables : new Map(tables.map((t) => [t.name, t]));
  const schemas = schemasInPlay(byName, options.schemas ?? []);
  const now = options.now === undefined ? Date.now() * 1000 : options.now instanceof Date ? options.now.getTime() * 1000 : options.now;
  const execOptions = { now, maxRows: options.maxRows, timeoutMs: options.timeoutMs, maxHeapBytes: options.maxHeapBytes };
  const { plan, analyzeMs } = planQuery(query, schemas, (probe) => withQueryErrors(() => probeSchemaText(probe, byName, execOptions)));
  const analyzedAt = started + analyzeMs;
  const plannedAt = performance.now();
  const table = withQueryErrors(() => executePlan(plan.result, byName, execOptions));
  const executedAt = performance.now();
  const columns = plan.result.columns.map((c) => ({ name: c.name, type: c.type }));
  return {
    columns,
    rows: rowsOf(table),
    table,
    render: plan.render,
    stats: {
      rows: table.length,
      analyzeMs: analyzedAt - started,
      planMs: plannedAt - analyzedAt,
      executeMs: executedAt - plannedAt,
      totalMs: executedAt - started,
    },
  };
}

/** Runs `f`, turning the engine's limit, missing-data and bag_unpack conflict errors into QueryErrors. */
function withQueryErrors<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof QueryLimitError) throw new QueryError('limit', err.message, null, null, [], err.operator);
    if (err instanceof MissingTableError || err instanceof BagUnpackConflictError) throw new QueryError('data', err.message);
    throw err;
  }
}

/**
 * Binds and plans a query, in rounds when the query text has to change first:
 * - a `union isfuzzy=true` leg over an unknown table is dropped the way Kusto drops it (its
 *   text blanked, positions kept);
 * - an `evaluate bag_unpack` / `pivot` without an output schema gets the schema its input data
 *   gives (`probe`), inserted after the plugin call (later columns of that line shift in
 *   messages).
 */
function planQuery(query: string, schemas: TableSchema[], probe: (p: SchemaProbeNeeded) => string): { plan: QueryPlan; analyzeMs: number } {
  let text = query;
  let analyzeMs = 0;
  for (let round = 0; ; round++) {
    const before = performance.now();
    const analyzed = analyzeQuery(text, { tables: schemas });
    analyzeMs += performance.now() - before;
    const errors = analyzed.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      const first = errors[0]!;
      throw new QueryError(first.phase, `line ${first.line}, column ${first.column}: ${first.message}`, first.line, first.column, errors);
    }
    let plan: QueryPlan;
    try {
      plan = buildPlan(analyzed.code);
    } catch (err) {
      if (err instanceof UnsupportedFeatureError) {
        throw new QueryError('unsupported', err.message, err.pos.line, err.pos.column, [], err.feature);
      }
      if (err instanceof UnresolvedUnionError) throw new QueryError('semantic', err.message, err.pos.line, err.pos.column);
      if (err instanceof SchemaProbeNeeded && round < 16) {
        text = text.slice(0, err.insertAt) + probe(err) + text.slice(err.insertAt);
        continue;
      }
      throw err;
    }
    if (!plan.fuzzyBlanks.length || round >= 16) return { plan, analyzeMs };
    text = blankRanges(text, plan.fuzzyBlanks);
  }
}

/** `text` with the given ranges overwritten by spaces (newlines kept, so lines and columns stay valid). */
function blankRanges(text: string, ranges: [number, number][]): string {
  const chars = text.split('');
  for (const [start, end] of ranges) for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  return chars.join('');
}

/** Row arrays of a table; a missing string is the empty string (KQL strings are never null). */
export function rowsOf(table: Table): KqlValue[][] {
  const rows: KqlValue[][] = new Array(table.length);
  const strings = table.columns.map((c) => c.column.type === 'string');
  for (let i = 0; i < table.length; i++) {
    rows[i] = table.columns.map((c, j) => {
      const v = columnValue(c.column, i);
      return v === null && strings[j] ? '' : v;
    });
  }
  return rows;
}

/** The schemas the binder sees: given schemas, extended with columns the loaded data has and they lack, plus schemas of data-only tables. */
function schemasInPlay(tables: Map<string, Table>, schemas: TableSchema[]): TableSchema[] {
  const out = new Map<string, TableSchema>();
  for (const s of schemas) out.set(s.name, s);
  for (const t of tables.values()) {
    const declared = out.get(t.name);
    const known = new Set(declared?.columns.map((c) => c.name) ?? []);
    const extra = t.columns.filter((c) => !known.has(c.name)).map((c) => ({ name: c.name, type: c.column.type }));
    out.set(t.name, { name: t.name, columns: [...(declared?.columns ?? []), ...extra] });
  }
  return [...out.values()];
}
