import type { Table } from '../engine/column.js';
import { jsonRow } from './table-rows.js';

/** The JSON result shape: `{"columns":[{"name","type"}],"rows":[[…]]}`. */
export interface JsonResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

/** A table as the JSON result object (datetimes as ISO UTC text, timespans as KQL text, dynamic as JSON). */
export function toJsonResult(table: Table, maxRows = Infinity): JsonResult {
  const n = Math.min(table.length, maxRows);
  const rows: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = jsonRow(table, i);
  return { columns: table.columns.map((c) => ({ name: c.name, type: c.column.type })), rows };
}

/** A table as JSON text in the result shape. */
export function toJson(table: Table, maxRows = Infinity): string {
  return JSON.stringify(toJsonResult(table, maxRows));
}
