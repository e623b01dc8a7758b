/**
 * Builds engine columns and tables from values: what operators use to materialize computed
 * columns (extend, summarize, join outputs …) and tests use to make small tables by hand.
 */
import type { BoolColumn, Column, DynamicColumn, NumberColumn, StringColumn, Table } from './column.js';
import { storageKind } from './column.js';
import type { DynamicValue, KqlType, KqlValue } from './values.js';

/** Builds a column of `type` with `length` rows, row i being `valueAt(i)`; a value that does not fit the type becomes null. */
export function buildColumn(type: KqlType, length: number, valueAt: (i: number) => KqlValue): Column {
  switch (storageKind(type)) {
    case 'number': {
      const values = new Float64Array(length);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < length; i++) {
        const v = valueAt(i);
        if (typeof v === 'number') values[i] = v;
        else if (typeof v === 'boolean') values[i] = v ? 1 : 0;
        else {
          nulls ??= new Uint8Array((length + 7) >> 3);
          nulls[i >> 3]! |= 1 << (i & 7);
        }
      }
      return { kind: 'number', type: type as NumberColumn['type'], length, values, nulls };
    }
    case 'bool': {
      const values = new Uint8Array(length);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < length; i++) {
        const v = valueAt(i);
        if (typeof v === 'boolean') values[i] = v ? 1 : 0;
        else if (typeof v === 'number') values[i] = v !== 0 ? 1 : 0;
        else {
          nulls ??= new Uint8Array((length + 7) >> 3);
          nulls[i >> 3]! |= 1 << (i & 7);
        }
      }
      return { kind: 'bool', type: 'bool', length, values, nulls } satisfies BoolColumn;
    }
    case 'string': {
      const codes = new Int32Array(length);
      const dictionary: string[] = [];
      const index = new Map<string, number>();
      for (let i = 0; i < length; i++) {
        const v = valueAt(i);
        if (v === null || v === undefined) {
          codes[i] = -1;
          continue;
        }
        const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
        let code = index.get(s);
        if (code === undefined) {
          code = dictionary.length;
          dictionary.push(s);
          index.set(s, code);
        }
        codes[i] = code;
      }
      return { kind: 'string', type: type as StringColumn['type'], length, codes, dictionary };
    }
    case 'dynamic': {
      const values: DynamicValue[] = new Array(length);
      for (let i = 0; i < length; i++) values[i] = (valueAt(i) ?? null) as DynamicValue;
      return { kind: 'dynamic', type: 'dynamic', length, values } satisfies DynamicColumn;
    }
  }
}

/** A table from row arrays (`rows[r][c]`), columns typed as given. */
export function tableFromRows(name: string, columns: { name: string; type: KqlType }[], rows: KqlValue[][]): Table {
  return {
    name,
    length: rows.length,
    columns: columns.map((c, j) => ({ name: c.name, column: buildColumn(c.type, rows.length, (i) => rows[i]![j] ?? null) })),
  };
}

/** A column of `length` nulls. */
export function nullColumn(type: KqlType, length: number): Column {
  return buildColumn(type, length, () => null);
}
