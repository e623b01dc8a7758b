import { openSync, writeSync, closeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Table } from '../engine/column.js';
import { ndjsonLineWriter } from './json-encoders.js';

/** A table as NDJSON text: one object per row, each line ending in `\n`. */
export function toNdjson(table: Table, maxRows = Infinity): string {
  const n = Math.min(table.length, maxRows);
  const line = ndjsonLineWriter(table);
  let out = '';
  for (let i = 0; i < n; i++) out += line(i) + '\n';
  return out;
}

/**
 * Writes a table to an NDJSON file in batches (memory bounded by a batch, not the file);
 * a path ending in `.gz` is gzipped (then the text is held once). Returns the bytes written.
 */
export function writeNdjsonFile(table: Table, path: string): number {
  if (path.endsWith('.gz')) {
    const data = gzipSync(toNdjson(table));
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    return data.length;
  }
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    const line = ndjsonLineWriter(table);
    let batch = '';
    for (let i = 0; i < table.length; i++) {
      batch += line(i) + '\n';
      if (batch.length > 1 << 22) {
        bytes += writeSync(fd, batch);
        batch = '';
      }
    }
    if (batch) bytes += writeSync(fd, batch);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
