import type { DynamicValue, KqlType, KqlValue } from './values.js';

/**
 * Columnar storage. A table is a list of named, typed columns of equal length.
 * Numbers (int, long, real, decimal, datetime, timespan) sit in a Float64Array with a null
 * bitmap; booleans in a Uint8Array with a null bitmap; strings and guids dictionary-encoded
 * (Int32Array of codes into a string dictionary, code -1 for null) so that string predicates
 * run once per distinct value; dynamic values in a plain array.
 */

/** One bit per row, set when the row is null; absent when the column has no null. */
export type NullBitmap = Uint8Array;

export interface NumberColumn {
  kind: 'number';
  type: 'int' | 'long' | 'real' | 'decimal' | 'datetime' | 'timespan';
  length: number;
  values: Float64Array;
  nulls: NullBitmap | null;
}

export interface BoolColumn {
  kind: 'bool';
  type: 'bool';
  length: number;
  values: Uint8Array;
  nulls: NullBitmap | null;
}

export interface StringColumn {
  kind: 'string';
  type: 'string' | 'guid';
  length: number;
  /** Index into `dictionary`; -1 is null. */
  codes: Int32Array;
  dictionary: string[];
}

export interface DynamicColumn {
  kind: 'dynamic';
  type: 'dynamic';
  length: number;
  values: DynamicValue[];
}

export type Column = NumberColumn | BoolColumn | StringColumn | DynamicColumn;

export interface NamedColumn {
  name: string;
  column: Column;
}

/** A table: named columns of one length. */
export interface Table {
  name: string;
  columns: NamedColumn[];
  length: number;
}

/** Whether bit `i` of a null bitmap is set (a null bitmap of null means "no nulls"). */
export function isNullBit(nulls: NullBitmap | null, i: number): boolean {
  return nulls !== null && (nulls[i >> 3]! & (1 << (i & 7))) !== 0;
}

/** Reads row `i` of a column as a KqlValue (null for null). Slow path: operators specialize. */
export function columnValue(column: Column, i: number): KqlValue {
  switch (column.kind) {
    case 'number':
      return isNullBit(column.nulls, i) ? null : column.values[i]!;
    case 'bool':
      return isNullBit(column.nulls, i) ? null : column.values[i] === 1;
    case 'string': {
      const code = column.codes[i]!;
      return code < 0 ? null : column.dictionary[code]!;
    }
    case 'dynamic':
      return column.values[i] ?? null;
  }
}

/** The storage kind a KQL type uses. */
export function storageKind(type: KqlType): Column['kind'] {
  switch (type) {
    case 'bool':
      return 'bool';
    case 'string':
    case 'guid':
      return 'string';
    case 'dynamic':
      return 'dynamic';
    default:
      return 'number';
  }
}
