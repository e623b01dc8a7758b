/** Row selection shared by operators: copies the rows at given indexes out of a column (index -1 gives null). */
import type { Column, Table } from '../column.js';
import { isNullBit } from '../column.js';
import type { DynamicValue } from '../values.js';

/** Column with row k = `column[indexes[k]]`; -1 yields null. String dictionaries are shared, not rebuilt. */
export function gatherColumn(column: Column, indexes: Int32Array): Column {
  const n = indexes.length;
  switch (column.kind) {
    case 'number':
    case 'bool': {
      const values = column.kind === 'number' ? new Float64Array(n) : new Uint8Array(n);
      const src = column.values;
      const srcNulls = column.nulls;
      let nulls: Uint8Array | null = null;
      for (let k = 0; k < n; k++) {
        const i = indexes[k]!;
        if (i < 0 || (srcNulls !== null && isNullBit(srcNulls, i))) {
          nulls ??= new Uint8Array((n + 7) >> 3);
          nulls[k >> 3]! |= 1 << (k & 7);
        } else {
          values[k] = src[i]!;
        }
      }
      return column.kind === 'number'
        ? { kind: 'number', type: column.type, length: n, values: values as Float64Array, nulls }
        : { kind: 'bool', type: 'bool', length: n, values: values as Uint8Array, nulls };
    }
    case 'string': {
      const codes = new Int32Array(n);
      const src = column.codes;
      for (let k = 0; k < n; k++) {
        const i = indexes[k]!;
        codes[k] = i < 0 ? -1 : src[i]!;
      }
      return { kind: 'string', type: column.type, length: n, codes, dictionary: column.dictionary };
    }
    case 'dynamic': {
      const values: DynamicValue[] = new Array(n);
      for (let k = 0; k < n; k++) {
        const i = indexes[k]!;
        values[k] = i < 0 ? null : (column.values[i] ?? null);
      }
      return { kind: 'dynamic', type: 'dynamic', length: n, values };
    }
  }
}

/** The table's rows at `indexes`, every column gathered. */
export function gatherTable(table: Table, indexes: Int32Array): Table {
  return {
    name: table.name,
    length: indexes.length,
    columns: table.columns.map((c) => ({ name: c.name, column: gatherColumn(c.column, indexes) })),
  };
}

/** 0, 1, …, n-1. */
export function identityIndexes(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
