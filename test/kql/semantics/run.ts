/** Test helper: runs a self-contained query (datatable/print/range) and returns column names and rows. */
import { runQuery, type QueryResult } from '../../../src/kql/index.js';

export const NOW = new Date('2026-05-25T23:00:00Z');

/** Runs `query` with no loaded tables and a pinned now. */
export function run(query: string): QueryResult {
  return runQuery(query, [], { now: NOW });
}

/** Rows sorted by their JSON text, for results whose order KQL does not specify. */
export function sortedRows(result: QueryResult): unknown[][] {
  return [...result.rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
