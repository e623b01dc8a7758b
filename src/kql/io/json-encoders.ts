import { isNullBit, type Column, type Table } from '../engine/column.js';
import { formatDatetime, formatNumber, formatTimespan } from './format-value.js';

/**
 * Per-column JSON encoders for writing many rows fast: each returns the JSON text of row i's
 * value (datetimes and timespans as KQL text, null as `null`). String columns encode each
 * distinct dictionary entry once.
 */
export type JsonEncoder = (i: number) => string;

/** The JSON encoder for one column. */
export function jsonEncoder(column: Column): JsonEncoder {
  switch (column.kind) {
    case 'string': {
      const encoded: (string | undefined)[] = new Array(column.dictionary.length);
      const { codes, dictionary } = column;
      return (i) => {
        const code = codes[i]!;
        if (code < 0) return 'null';
        return (encoded[code] ??= JSON.stringify(dictionary[code]));
      };
    }
    case 'bool': {
      const { values, nulls } = column;
      return (i) => (isNullBit(nulls, i) ? 'null' : values[i] ? 'true' : 'false');
    }
    case 'dynamic': {
      const { values } = column;
      return (i) => JSON.stringify(values[i] ?? null);
    }
    case 'number': {
      const { values, nulls, type } = column;
      if (type === 'datetime') return (i) => (isNullBit(nulls, i) ? 'null' : JSON.stringify(formatDatetime(values[i]!)));
      if (type === 'timespan') return (i) => (isNullBit(nulls, i) ? 'null' : JSON.stringify(formatTimespan(values[i]!)));
      return (i) => {
        if (isNullBit(nulls, i)) return 'null';
        const v = values[i]!;
        return Number.isFinite(v) ? String(v) : JSON.stringify(formatNumber(v));
      };
    }
  }
}

/** A function giving row i of a table as one NDJSON object line (no newline). */
export function ndjsonLineWriter(table: Table): (i: number) => string {
  const keys = table.columns.map((c, k) => (k === 0 ? '{' : ',') + JSON.stringify(c.name) + ':');
  const encoders = table.columns.map((c) => jsonEncoder(c.column));
  const n = keys.length;
  return (i) => {
    let line = '';
    for (let k = 0; k < n; k++) line += keys[k]! + encoders[k]!(i);
    return n === 0 ? '{}' : line + '}';
  };
}
