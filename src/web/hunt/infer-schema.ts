import { analyzeQuery, type KqlType, type TableSchema } from '../../kql/index.js';

/**
 * A schema for a table no schema file describes, made from the query itself: the binder
 * names every column it cannot resolve (KS142), and those become the table's columns, typed
 * from their names. Only good enough to give synthetic rows something to match on; the page
 * says the columns were inferred.
 */

/** Kusto's "name does not refer to any known column" diagnostic. */
const UNKNOWN_NAME = /^The name '([^']+)' does not refer to any known column/;

/** A column's likely type from its name (Sentinel and Defender naming habits). */
export function guessColumnType(name: string): KqlType {
  if (/^(Timestamp|TimeGenerated)$|Time(stamp)?$|Date(Time)?$|^(StartTime|EndTime)/.test(name)) return 'datetime';
  if (/(Port|Count|Size|Bytes|EventID|EventId|ReportId|Level)$/.test(name)) return 'long';
  return 'string';
}

/** Schemas for `tables` (all without a schema file) with the columns `query` reads from them. */
export function inferSchemas(query: string, tables: string[], known: TableSchema[]): TableSchema[] {
  const inferred = tables.map((name): TableSchema => ({ name, columns: [] }));
  const names = new Set<string>();
  const { diagnostics } = analyzeQuery(query, { tables: [...known, ...inferred] });
  for (const d of diagnostics) {
    const m = d.code === 'KS142' ? UNKNOWN_NAME.exec(d.message) : null;
    if (m) names.add(m[1]!);
  }
  // Which table a column belongs to is not known: every inferred table gets every name.
  const columns = [...names].map((name) => ({ name, type: guessColumnType(name) }));
  return inferred.map((t) => ({ name: t.name, columns }));
}
