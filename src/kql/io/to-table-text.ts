import type { Table } from '../engine/column.js';
import { textRow } from './table-rows.js';

/** Options of `toTableText`. */
export interface TableTextOptions {
  /** Cells longer than this are cut with `…` (default 48). */
  maxCellWidth?: number;
  /** Rows shown at most (default all); the footer still gives the full count. */
  maxRows?: number;
  /** Query time to print in the footer, in milliseconds. */
  elapsedMs?: number;
}

function cut(s: string, width: number): string {
  const flat = s.replace(/[\r\n\t]+/g, ' ');
  const chars = Array.from(flat);
  return chars.length > width ? chars.slice(0, width - 1).join('') + '…' : flat;
}

const widthOf = (s: string): number => Array.from(s).length;

/**
 * A table as aligned text for a terminal: a header, a rule, one line per row (long cells
 * cut, newlines flattened), then `N rows` and the time when given.
 */
export function toTableText(table: Table, opts: TableTextOptions = {}): string {
  const maxCell = opts.maxCellWidth ?? 48;
  const shown = Math.min(table.length, opts.maxRows ?? Infinity);
  const header = table.columns.map((c) => cut(c.name, maxCell));
  const rows: string[][] = [];
  for (let i = 0; i < shown; i++) rows.push(textRow(table, i).map((s) => cut(s, maxCell)));
  const widths = header.map((h, k) => Math.max(widthOf(h), ...rows.map((r) => widthOf(r[k]!))));
  const line = (cells: string[]): string => cells.map((c, k) => c + ' '.repeat(widths[k]! - widthOf(c))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) out.push(line(r));
  let footer = `${table.length} row${table.length === 1 ? '' : 's'}`;
  if (shown < table.length) footer += ` (${shown} shown)`;
  if (opts.elapsedMs !== undefined) footer += ` in ${opts.elapsedMs < 10 ? opts.elapsedMs.toFixed(1) : Math.round(opts.elapsedMs)} ms`;
  out.push(footer);
  return out.join('\n') + '\n';
}
