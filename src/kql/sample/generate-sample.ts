import type { Table } from '../engine/column.js';
import type { KqlValue } from '../engine/values.js';
import { MICROS } from '../engine/values.js';
import { ColumnBuilder } from '../io/column-builder.js';
import { appendJsonValue } from '../io/value-fit.js';
import type { TableSchema } from '../schema/table-schema.js';
import { generatorFor, makeRow } from './column-generators.js';
import { Prng } from './prng.js';

/** Options of `generateSample`. */
export interface SampleOptions {
  rows: number;
  /** Same seed → same rows (default 1). */
  seed?: number | string;
  /** The end of the time window, µs since the epoch (default: 2026-05-25T23:00:00Z, fixed so samples are reproducible). */
  now?: number;
  /** Days the timestamps spread over, ending at `now` (default 7). */
  windowDays?: number;
  /** How many distinct devices appear (default 50). */
  devices?: number;
}

/** The default end of the sample window: the reference hunt's `--now`. */
export const DEFAULT_SAMPLE_NOW = Date.UTC(2026, 4, 25, 23) * 1000;

/** Distinct row shapes drawn per sample: string, guid and dynamic columns come from these. */
const TEMPLATES = 4096;

/** Columns whose values vary per row (timestamps, ports, ids, flags); the others repeat per template. */
const variesPerRow = (type: string): boolean => type !== 'string' && type !== 'guid' && type !== 'dynamic';

/**
 * Generates `rows` realistic rows for a table schema (see column-generators.ts), deterministic
 * for a seed, as a columnar table typed by the schema. For speed, text-like columns come from
 * up to 4096 row templates (so at most 4096 distinct values each); timestamps and numbers are
 * drawn for every row.
 */
export function generateSample(schema: TableSchema, opts: SampleOptions): Table {
  const rng = new Prng(opts.seed ?? 1);
  const now = opts.now ?? DEFAULT_SAMPLE_NOW;
  const windowMicros = (opts.windowDays ?? 7) * MICROS.day;
  const columns = schema.columns.filter((c, i) => schema.columns.findIndex((d) => d.name === c.name) === i);
  const generators = columns.map((c) => generatorFor(c.name, c.type));
  const perRow = columns.map((c) => variesPerRow(c.type));
  const builders = columns.map((c) => new ColumnBuilder(c.type, Math.max(16, opts.rows)));
  const templateCount = Math.min(TEMPLATES, Math.max(1, opts.rows));
  const templates = Array.from({ length: templateCount }, (_, t) => {
    const context = makeRow(rng, t, schema.name, now, windowMicros, opts.devices ?? 50);
    // Text columns keep their dictionary code, so rows repeat a template by code.
    const values = generators.map((g, k): KqlValue => {
      if (perRow[k]) return null;
      const v = g(context);
      const b = builders[k]!;
      return (b.type === 'string' || b.type === 'guid') && typeof v === 'string' ? b.codeOf(v) : v;
    });
    return { context, values };
  });
  for (let i = 0; i < opts.rows; i++) {
    const template = templates[opts.rows <= TEMPLATES ? i : rng.int(templateCount)]!;
    const row = template.context;
    row.index = i;
    row.timestamp = now - Math.floor(rng.next() * windowMicros);
    for (let k = 0; k < columns.length; k++) {
      const b = builders[k]!;
      if (perRow[k]) push(b, generators[k]!(row));
      else if (b.type === 'string' || b.type === 'guid') {
        const code = template.values[k];
        if (typeof code === 'number') b.pushCode(code);
        else push(b, code ?? null);
      } else push(b, template.values[k]!);
    }
  }
  return {
    name: schema.name,
    columns: columns.map((c, k) => ({ name: c.name, column: builders[k]!.finish() })),
    length: opts.rows,
  };
}

function push(b: ColumnBuilder, v: KqlValue): void {
  if (v === null) b.pushNull();
  else if (typeof v === 'number' && b.type !== 'dynamic' && b.type !== 'string') b.pushNumber(v);
  else if (typeof v === 'boolean' && b.type === 'bool') b.pushBool(v);
  else appendJsonValue(b, v);
}
