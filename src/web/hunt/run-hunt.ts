import { QueryError, runQuery, type Table, type TableSchema } from '../../kql/index.js';
import { toJsonResult } from '../../kql/io/to-json.js';
import { toCsv } from '../../kql/io/to-csv.js';
import { HUNT_LIMITS } from './hunt-limits.js';
import { syntheticTables } from './synthetic-tables.js';
import { loadUpload, UploadError, type Upload } from './uploaded-table.js';

/** One hunt as the web asks for it (validated by hunt-request.ts). */
export interface HuntRequest {
  query: string;
  /** The instant now() returns, µs since the epoch. */
  nowMicros: number;
  data: { kind: 'synthetic' } | { kind: 'upload'; upload: Upload };
}

/** Where a hunt's data came from, for the page to say. */
export interface HuntDataSummary {
  tables: { name: string; rows: number }[];
  notes: string[];
}

/** A hunt that ran: the (capped) rows as JSON values, the full row count, the time taken. */
export interface HuntSuccess {
  ok: true;
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  /** True when `rows` holds fewer rows than `rowCount`. */
  truncated: boolean;
  elapsedMs: number;
  data: HuntDataSummary;
  /** The full result table, for downloads; not serialized. */
  table: Table;
}

/** A hunt that could not run, with the query position when the error has one. */
export interface HuntFailure {
  ok: false;
  error: {
    kind: 'syntax' | 'semantic' | 'unsupported' | 'limit' | 'data' | 'upload' | 'request';
    message: string;
    line: number | null;
    column: number | null;
    /** Every diagnostic of a syntax or binding error. */
    diagnostics: { line: number; column: number; message: string }[];
  };
  data?: HuntDataSummary;
}

export type HuntOutcome = HuntSuccess | HuntFailure;

/** A failure without a query position. */
export function failure(kind: HuntFailure['error']['kind'], message: string, extra: Partial<HuntFailure['error']> = {}, data?: HuntDataSummary): HuntFailure {
  return { ok: false, error: { kind, message, line: null, column: null, diagnostics: [], ...extra }, ...(data ? { data } : {}) };
}

/** The tables a hunt runs on, with a summary; throws UploadError for a bad upload. */
async function huntTables(request: HuntRequest, schemas: ReadonlyMap<string, TableSchema>): Promise<{ tables: Map<string, Table>; data: HuntDataSummary }> {
  if (request.data.kind === 'synthetic') {
    const { tables, notes } = syntheticTables(request.query, schemas, request.nowMicros);
    return { tables, data: { tables: [...tables.values()].map((t) => ({ name: t.name, rows: t.length })), notes } };
  }
  const { table, warnings } = await loadUpload(request.data.upload, schemas);
  return {
    tables: new Map([[table.name, table]]),
    data: { tables: [{ name: table.name, rows: table.length }], notes: [`${table.name}: ${table.length.toLocaleString('en')} rows from ${request.data.upload.fileName}.`, ...warnings] },
  };
}

/**
 * Runs a hunt with the web's limits (HUNT_LIMITS): time, operator rows, rows returned.
 * Query, limit and data problems come back as a HuntFailure; anything else is a bug and throws.
 */
export async function runHunt(request: HuntRequest, schemas: ReadonlyMap<string, TableSchema>, maxRows: number = HUNT_LIMITS.maxResponseRows): Promise<HuntOutcome> {
  let prepared;
  try {
    prepared = await huntTables(request, schemas);
  } catch (err) {
    if (err instanceof UploadError) return failure('upload', err.message);
    throw err;
  }
  const started = performance.now();
  try {
    const result = runQuery(request.query, prepared.tables, {
      now: request.nowMicros,
      schemas: [...schemas.values()],
      timeoutMs: HUNT_LIMITS.timeoutMs,
      maxRows: HUNT_LIMITS.maxOperatorRows,
    });
    const { columns, rows } = toJsonResult(result.table, maxRows);
    return {
      ok: true,
      columns,
      rows,
      rowCount: result.table.length,
      truncated: rows.length < result.table.length,
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
      data: prepared.data,
      table: result.table,
    };
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    // The message of a positioned error starts with "line L, column C:", which the page shows apart.
    return failure(
      err.kind,
      err.diagnostics[0]?.message ?? err.message,
      { line: err.line, column: err.column, diagnostics: err.diagnostics.map((d) => ({ line: d.line, column: d.column, message: d.message })) },
      prepared.data,
    );
  }
}

/** A successful hunt as CSV (RFC 4180, header row), at most maxDownloadRows rows. */
export function huntCsv(result: HuntSuccess): string {
  return toCsv(result.table, HUNT_LIMITS.maxDownloadRows);
}

/** A successful hunt as the JSON result shape (`{columns, rows}`), at most maxDownloadRows rows. */
export function huntJson(result: HuntSuccess): string {
  return JSON.stringify(toJsonResult(result.table, HUNT_LIMITS.maxDownloadRows));
}

/** The JSON the API answers with (the table itself left out). */
export function huntResponseBody(outcome: HuntOutcome): Omit<HuntSuccess, 'table'> | HuntFailure {
  if (!outcome.ok) return outcome;
  const { table: _table, ...rest } = outcome;
  return rest;
}
