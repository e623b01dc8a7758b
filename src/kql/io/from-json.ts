import type { TableBuilder } from './table-builder.js';
import type { FileReport } from './from-ndjson.js';
import { readTextChunks } from './read-text.js';

/**
 * Streams a JSON file (optionally `.gz`) holding an array of row objects into a table
 * builder, one element at a time: a scanner finds each top-level element's extent and only
 * that element is parsed, so memory stays near the table's, not the text's. A file whose top
 * level is an object in our own output shape (`{"columns":[{"name"}…],"rows":[[…]]}`) is
 * read whole and loaded row by row. Elements that are not objects are skipped with a warning.
 */
export async function loadJsonInto(builder: TableBuilder, path: string): Promise<FileReport> {
  let rows = 0;
  let bad = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = ''; // text of the element being scanned, across chunks
  let elementStart = -1;
  let topLevel: 'unknown' | 'array' | 'object' = 'unknown';
  let objectText = '';
  builder.location = () => `${path}: element ${rows + bad + 1}`;

  const finishElement = (text: string): void => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      bad++;
      return;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      builder.addRecord(value as Record<string, unknown>);
      rows++;
    } else bad++;
  };

  for await (const chunk of readTextChunks(path)) {
    if (topLevel === 'object') {
      objectText += chunk;
      continue;
    }
    let i = 0;
    if (topLevel === 'unknown') {
      while (i < chunk.length && /\s/.test(chunk[i]!)) i++;
      if (i === chunk.length) continue;
      if (chunk[i] === '{') {
        topLevel = 'object';
        objectText = chunk.slice(i);
        continue;
      }
      if (chunk[i] !== '[') throw new Error(`${path}: expected a JSON array of objects`);
      topLevel = 'array';
      i++;
    }
    elementStart = depth > 0 ? 0 : -1;
    const n = chunk.length;
    for (; i < n; i++) {
      if (inString) {
        // Jump from quote to quote; a quote preceded by an odd run of backslashes is escaped.
        if (escaped) {
          escaped = false;
          continue;
        }
        let q = chunk.indexOf('"', i);
        for (;;) {
          if (q < 0) {
            let b = 0;
            for (let k = n - 1; k >= i && chunk.charCodeAt(k) === 92; k--) b++;
            escaped = b % 2 === 1;
            i = n;
            break;
          }
          let b = 0;
          for (let k = q - 1; k >= i && chunk.charCodeAt(k) === 92; k--) b++;
          if (b % 2 === 0) {
            inString = false;
            i = q;
            break;
          }
          q = chunk.indexOf('"', q + 1);
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) {
        if (depth++ === 0) elementStart = i;
      } else if (c === 125 || c === 93) {
        if (depth === 0) break; // the closing `]` of the top-level array
        if (--depth === 0) {
          finishElement(element + chunk.slice(elementStart, i + 1));
          element = '';
          elementStart = -1;
        }
      }
    }
    if (depth > 0 && elementStart >= 0) element += chunk.slice(elementStart);
  }
  if (topLevel === 'object') rows += loadColumnsRows(builder, path, objectText);
  const warnings = bad > 0 ? [`${path}: ${bad} array element${bad === 1 ? '' : 's'} skipped (not JSON objects)`] : [];
  return { rows, warnings };
}

/** Loads `{"columns":[{"name"}…],"rows":[[…]]}` (our JSON output) into the builder; returns the row count. */
function loadColumnsRows(builder: TableBuilder, path: string, text: string): number {
  const doc = JSON.parse(text) as { columns?: { name: string }[]; rows?: unknown[][] };
  if (!Array.isArray(doc.columns) || !Array.isArray(doc.rows)) {
    throw new Error(`${path}: a JSON object must have "columns" and "rows" (or use an array of objects)`);
  }
  const names = doc.columns.map((c) => c.name);
  for (const row of doc.rows) {
    const record: Record<string, unknown> = {};
    names.forEach((n, i) => (record[n] = row[i]));
    builder.addRecord(record);
  }
  return doc.rows.length;
}
