import { referencedSources, type Table, type TableSchema } from '../../kql/index.js';
import { generateSample } from '../../kql/sample/generate-sample.js';
import { inferSchemas } from './infer-schema.js';
import { HUNT_LIMITS, SYNTHETIC_SEED } from './hunt-limits.js';

/** Synthetic tables for a query, and how each table's columns were chosen. */
export interface SyntheticTables {
  tables: Map<string, Table>;
  notes: string[];
}

/**
 * Synthetic telemetry for every table the query reads: a schema file's columns where one is
 * known, otherwise the columns the query names (see infer-schema.ts). Deterministic: a fixed
 * seed, and timestamps spread over the 7 days before the hunt's "now".
 */
export function syntheticTables(query: string, schemas: ReadonlyMap<string, TableSchema>, nowMicros: number): SyntheticTables {
  const names = referencedSources(query)
    .filter((s) => s.kind === 'table')
    .map((s) => s.name);
  const missing = names.filter((n) => !schemas.has(n));
  const inferred = new Map(inferSchemas(query, missing, [...schemas.values()]).map((s) => [s.name, s]));
  const tables = new Map<string, Table>();
  const notes: string[] = [];
  for (const name of names) {
    const schema = schemas.get(name) ?? inferred.get(name)!;
    tables.set(name, generateSample(schema, { rows: HUNT_LIMITS.syntheticRows, seed: SYNTHETIC_SEED, now: nowMicros }));
    notes.push(
      schemas.has(name)
        ? `${name}: ${HUNT_LIMITS.syntheticRows.toLocaleString('en')} synthetic rows from its schema (${schema.columns.length} columns).`
        : `${name}: ${HUNT_LIMITS.syntheticRows.toLocaleString('en')} synthetic rows; no schema is known for it, so its columns (${schema.columns.length}) were inferred from the query.`,
    );
  }
  return { tables, notes };
}
