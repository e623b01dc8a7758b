import type { TableBuilder } from './table-builder.js';
import { forEachLine } from './read-text.js';

/** What a loader reports about one file besides the rows it added. */
export interface FileReport {
  rows: number;
  warnings: string[];
}

/**
 * Streams an NDJSON file (optionally `.gz`) into a table builder: one JSON object per line,
 * blank lines skipped. A line that is not a JSON object is skipped and counted in a warning
 * naming the first such line; it never aborts the load.
 */
export async function loadNdjsonInto(builder: TableBuilder, path: string): Promise<FileReport> {
  let rows = 0;
  let bad = 0;
  let firstBad = '';
  let lineNo = 0;
  builder.location = () => `${path}:${lineNo}`;
  const onLine = (line: string): void => {
    lineNo++;
    if (line.length === 0 || isBlank(line)) return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (e) {
      if (bad++ === 0) firstBad = `line ${lineNo}: ${(e as Error).message}`;
      return;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      if (bad++ === 0) firstBad = `line ${lineNo}: not a JSON object`;
      return;
    }
    builder.addRecord(record as Record<string, unknown>);
    rows++;
  };
  // Lines are split and decoded synchronously within each read chunk: no promise per line.
  await forEachLine(path, onLine);
  const warnings = bad > 0 ? [`${path}: ${bad} line${bad === 1 ? '' : 's'} skipped (first: ${firstBad})`] : [];
  return { rows, warnings };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
