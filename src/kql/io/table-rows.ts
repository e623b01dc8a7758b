import { columnValue, type Table } from '../engine/column.js';
import { valueToJson, valueToText } from './format-value.js';

/** Row `i` of a table as JSON-ready values (datetimes/timespans as KQL text, null as null). */
export function jsonRow(table: Table, i: number): unknown[] {
  return table.columns.map(({ column }) => valueToJson(columnValue(column, i), column.type));
}

/** Row `i` of a table as display texts (null → ""). */
export function textRow(table: Table, i: number): string[] {
  return table.columns.map(({ column }) => valueToText(columnValue(column, i), column.type));
}
