import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Table } from '../engine/column.js';
import type { TableSchema } from '../schema/table-schema.js';
import { loadCsvInto } from './from-csv.js';
import { loadJsonInto } from './from-json.js';
import { loadNdjsonInto, type FileReport } from './from-ndjson.js';
import { TableBuilder } from './table-builder.js';

/** Options of `loadTelemetry`. */
export interface LoadTelemetryOptions {
  /** Known table schemas by table name: declared columns are typed by them. */
  schemas?: Map<string, TableSchema>;
  /** Explicit `NAME=PATH` assignments (`--table`): the file or folder at PATH loads as table NAME. */
  tables?: Record<string, string>;
  /**
   * The tables the query reads, when known: a file found in a folder whose table is not among
   * them is skipped with a warning (`expected.json` next to the data). Files named directly
   * always load.
   */
  readTables?: ReadonlySet<string>;
}

/** Loaded tables by name, plus every warning (misfit values, skipped lines, skipped files). */
export interface LoadedTelemetry {
  tables: Map<string, Table>;
  warnings: string[];
}

export type TelemetryFormat = 'ndjson' | 'json' | 'csv';

const FORMATS: Record<string, TelemetryFormat> = { ndjson: 'ndjson', jsonl: 'ndjson', json: 'json', csv: 'csv' };

/** A file's format from its name (`x.ndjson`, `x.csv.gz`, `x.jsonl`); null when not telemetry. */
export function formatOf(path: string): TelemetryFormat | null {
  const parts = basename(path).toLowerCase().split('.');
  if (parts[parts.length - 1] === 'gz') parts.pop();
  return parts.length > 1 ? (FORMATS[parts[parts.length - 1]!] ?? null) : null;
}

/**
 * The table a file belongs to, from its name: everything before the first dot
 * (`DeviceNetworkEvents.ndjson`, `DeviceNetworkEvents.2026-05-24.csv.gz` → DeviceNetworkEvents).
 */
export function tableNameOf(path: string): string {
  return basename(path).split('.')[0]!;
}

/** The telemetry files at a path: the file itself, or every telemetry file in a folder (sorted, not recursive), flagged `inFolder`. */
function filesAt(path: string, warnings: string[]): { file: string; inFolder: boolean }[] {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new Error(`${path}: cannot read telemetry (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!st.isDirectory()) return [{ file: path, inFolder: false }];
  const out: { file: string; inFolder: boolean }[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    if (!statSync(p).isFile()) continue;
    if (formatOf(p)) out.push({ file: p, inFolder: true });
    else if (!name.startsWith('.')) warnings.push(`${p}: skipped (not .ndjson, .jsonl, .json or .csv, optionally .gz)`);
  }
  return out;
}

/** Loads one file into a builder by its format. */
export function loadFileInto(builder: TableBuilder, path: string): Promise<FileReport> {
  const format = formatOf(path);
  if (format === 'csv') return loadCsvInto(builder, path);
  if (format === 'json') return loadJsonInto(builder, path);
  return loadNdjsonInto(builder, path);
}

/**
 * Loads telemetry files and folders into tables. Each file's table comes from its name (or
 * from `opts.tables`); several files of one table are concatenated with their columns
 * unioned; columns are typed by `opts.schemas` where declared and inferred otherwise. A file
 * found in a folder is skipped with a warning when the query does not read its table or when
 * it is no table at all. Throws (naming the path) when a path cannot be read at all, or when a
 * file named directly cannot be loaded.
 */
export async function loadTelemetry(paths: string[], opts: LoadTelemetryOptions = {}): Promise<LoadedTelemetry> {
  const warnings: string[] = [];
  const assignments: { name: string; file: string; inFolder: boolean }[] = [];
  for (const p of paths) for (const f of filesAt(p, warnings)) assignments.push({ name: tableNameOf(f.file), ...f });
  for (const [name, p] of Object.entries(opts.tables ?? {})) for (const f of filesAt(p, warnings)) assignments.push({ name, ...f });

  const builders = new Map<string, TableBuilder>();
  for (const { name, file, inFolder } of assignments) {
    if (inFolder && opts.readTables && !opts.readTables.has(name)) {
      warnings.push(`${file}: skipped (the query does not read a table ${name})`);
      continue;
    }
    let builder = builders.get(name);
    const fresh = !builder;
    if (!builder) {
      builder = new TableBuilder(name, opts.schemas?.get(name));
      builders.set(name, builder);
    }
    try {
      const report = await loadFileInto(builder, file);
      warnings.push(...report.warnings);
    } catch (e) {
      // a file that merely sits in a data folder (expected results, notes) is not a table: skip it
      if (!inFolder) throw new Error(`${file}: cannot load telemetry: ${(e as Error).message}`);
      if (fresh) builders.delete(name);
      warnings.push(`${file}: skipped (not a table: ${(e as Error).message.replace(`${file}: `, '')})${fresh ? '' : `; table ${name} may hold part of its rows`}`);
    }
  }
  const tables = new Map<string, Table>();
  for (const [name, builder] of builders) {
    const { table, warnings: w } = builder.finish();
    tables.set(name, table);
    warnings.push(...w);
  }
  return { tables, warnings };
}
