import type { NamedColumn, Table } from '../engine/column.js';
import type { TableSchema } from '../schema/table-schema.js';
import { ColumnBuilder } from './column-builder.js';
import { InferredColumn } from './inferred-column.js';
import { appendJsonValue, appendText } from './value-fit.js';

/**
 * Builds one table from rows as they stream in, from any number of files. Columns declared
 * by the schema come first, in schema order, and are typed by it (a declared column no row
 * has stays all null — "" for strings); other columns are appended in order of first
 * appearance with inferred types. A value that does not fit its declared type becomes null
 * and is counted per column; `finish` reports the counts as warnings.
 */

interface Misfits {
  count: number;
  example: string;
  where: string;
}

type Sink = { kind: 'typed'; builder: ColumnBuilder } | { kind: 'inferred'; column: InferredColumn };

export class TableBuilder {
  readonly name: string;
  private readonly sinks = new Map<string, Sink>();
  private readonly order: string[] = [];
  private readonly misfits = new Map<string, Misfits>();
  private readonly declaredLower = new Map<string, string>();
  rows = 0;
  /** Where the current row comes from (`file:line`), for the first misfit of a column. */
  location: () => string = () => '';

  constructor(name: string, schema?: TableSchema) {
    this.name = name;
    for (const c of schema?.columns ?? []) {
      if (this.sinks.has(c.name)) continue;
      this.sinks.set(c.name, { kind: 'typed', builder: new ColumnBuilder(c.type) });
      this.order.push(c.name);
      this.declaredLower.set(c.name.toLowerCase(), c.name);
    }
  }

  private sink(name: string): Sink {
    let s = this.sinks.get(name);
    if (s) return s;
    // A data column that differs from a declared one only by case is that column.
    const declared = this.declaredLower.get(name.toLowerCase());
    if (declared !== undefined) {
      s = this.sinks.get(declared)!;
    } else {
      s = { kind: 'inferred', column: new InferredColumn() };
      this.order.push(name);
    }
    this.sinks.set(name, s);
    return s;
  }

  private misfit(column: string, value: unknown): void {
    const m = this.misfits.get(column);
    if (m) m.count++;
    else this.misfits.set(column, { count: 1, example: JSON.stringify(value).slice(0, 60), where: this.location() });
  }

  /**
   * The previous record's keys and their sinks: consecutive records usually have the same
   * keys in the same order, and JSON.parse interns keys, so a pointer comparison replaces
   * a map lookup per value.
   */
  private shapeKeys: string[] = [];
  private shapeSinks: Sink[] = [];
  /** The sinks of the current CSV header, resolved once per file. */
  private textHeader: string[] | null = null;
  private textSinks: Sink[] = [];

  /** Adds one row given as a JSON object (NDJSON line, JSON array element). */
  addRecord(record: Record<string, unknown>): void {
    const row = this.rows;
    const keys = this.shapeKeys;
    const sinks = this.shapeSinks;
    let k = 0;
    for (const key in record) {
      let s: Sink;
      if (keys[k] === key) s = sinks[k]!;
      else {
        s = this.sink(key);
        keys[k] = key;
        sinks[k] = s;
      }
      k++;
      const v = record[key];
      if (s.kind === 'typed') {
        if (s.builder.length > row) continue; // a duplicate key differing in case: first wins
        s.builder.padTo(row);
        if (!appendJsonValue(s.builder, v)) this.misfit(key, v);
      } else {
        if (s.column.length > row) continue;
        s.column.padTo(row);
        s.column.appendJson(v);
      }
    }
    this.rows = row + 1;
  }

  /** Adds one row given as texts under a header (CSV). */
  addTextRecord(header: string[], cells: string[]): void {
    const row = this.rows;
    const n = Math.min(header.length, cells.length);
    if (header !== this.textHeader) {
      this.textHeader = header;
      this.textSinks = header.map((h) => this.sink(h));
    }
    const sinks = this.textSinks;
    for (let i = 0; i < n; i++) {
      const s = sinks[i]!;
      const text = cells[i]!;
      if (s.kind === 'typed') {
        if (s.builder.length > row) continue;
        s.builder.padTo(row);
        if (!appendText(s.builder, text)) this.misfit(header[i]!, text);
      } else {
        if (s.column.length > row) continue;
        s.column.padTo(row);
        s.column.appendText(text);
      }
    }
    this.rows = row + 1;
  }

  /** The finished table and one warning per column that had misfit values. */
  finish(): { table: Table; warnings: string[] } {
    const columns: NamedColumn[] = [];
    const done = new Set<Sink>();
    for (const name of this.order) {
      const s = this.sinks.get(name)!;
      if (done.has(s)) continue;
      done.add(s);
      if (s.kind === 'typed') {
        s.builder.padTo(this.rows);
        columns.push({ name, column: s.builder.finish() });
      } else {
        s.column.padTo(this.rows);
        columns.push({ name, column: s.column.finish() });
      }
    }
    const warnings = [...this.misfits].map(([column, m]) => {
      const type = (this.sinks.get(column) as { builder: ColumnBuilder }).builder.type;
      return `${this.name}.${column}: ${m.count} value${m.count === 1 ? '' : 's'} did not fit type ${type} and became null (first: ${m.example}${m.where ? ' at ' + m.where : ''})`;
    });
    return { table: { name: this.name, columns, length: this.rows }, warnings };
  }
}
