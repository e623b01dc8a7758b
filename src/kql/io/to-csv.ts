import type { Table } from '../engine/column.js';
import { textRow } from './table-rows.js';

/** Quotes a CSV field when it holds a comma, quote, CR or LF (RFC 4180), doubling quotes. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** A table as RFC 4180 CSV with a header row and CRLF line ends; null → empty field. */
export function toCsv(table: Table, maxRows = Infinity): string {
  const n = Math.min(table.length, maxRows);
  const lines = [table.columns.map((c) => csvField(c.name)).join(',')];
  for (let i = 0; i < n; i++) lines.push(textRow(table, i).map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}
