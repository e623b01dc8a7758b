import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Table, TableSchema } from '../../kql/index.js';
import { loadTelemetry, type TelemetryFormat } from '../../kql/io/load-telemetry.js';

/** A telemetry file the user sent with a hunt. */
export interface Upload {
  /** The name the browser gave; used only to derive the table name and format, never as a path. */
  fileName: string;
  bytes: Uint8Array;
  /** Table name chosen by the user; default: the file name before its first dot. */
  table?: string;
}

/** A KQL table name we accept: an identifier, as Kusto writes unquoted table names. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const FORMATS: Record<string, TelemetryFormat> = { ndjson: 'ndjson', jsonl: 'ndjson', json: 'json', csv: 'csv' };

/** Why an upload was refused; the message is shown to the user as is. */
export class UploadError extends Error {}

/** The table name and format of an upload, or an UploadError naming what is wrong. */
export function uploadShape(upload: Pick<Upload, 'fileName' | 'table'>): { table: string; format: TelemetryFormat } {
  // Browsers send a bare name, but a hand-made request may send a path: only the last part counts.
  const base = upload.fileName.split(/[\\/]/).pop() ?? '';
  const parts = base.split('.');
  const ext = parts.length > 1 ? parts[parts.length - 1]!.toLowerCase() : '';
  const format = FORMATS[ext];
  if (!format) throw new UploadError(`${JSON.stringify(base)}: the file name must end in .ndjson, .jsonl, .json or .csv`);
  const table = upload.table?.trim() || parts[0]!;
  if (!TABLE_NAME.test(table)) {
    throw new UploadError(`${JSON.stringify(table)} is not a table name (letters, digits and _, not starting with a digit); give one in the Table field`);
  }
  return { table, format };
}

/**
 * Loads an upload as one table through the regular telemetry loaders. The bytes go to a file
 * in a fresh temp folder under a name we build (table + format), so the user's file name
 * never reaches the file system; the folder is removed afterwards.
 */
export async function loadUpload(upload: Upload, schemas: ReadonlyMap<string, TableSchema>): Promise<{ table: Table; warnings: string[] }> {
  const { table, format } = uploadShape(upload);
  const dir = await mkdtemp(join(tmpdir(), 'socfeed-hunt-'));
  try {
    const path = join(dir, `${table}.${format}`);
    await writeFile(path, upload.bytes);
    let loaded;
    try {
      loaded = await loadTelemetry([path], { schemas: new Map(schemas) });
    } catch (err) {
      throw new UploadError((err as Error).message.split(path).join(upload.fileName));
    }
    const t = loaded.tables.get(table);
    if (!t) throw new UploadError(`${upload.fileName}: no rows could be read`);
    // Warnings name the temp path; the user knows the file by its own name.
    return { table: t, warnings: loaded.warnings.map((w) => w.split(path).join(upload.fileName)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
