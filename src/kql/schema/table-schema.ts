import type { KqlType } from '../engine/values.js';

/** A table's name and its typed columns, as a schema file or loaded telemetry declares them. */
export interface TableSchema {
  name: string;
  columns: { name: string; type: KqlType }[];
}
