/**
 * Loading benchmark: NDJSON → columnar table, against DuckDB's read_json on the same file.
 *
 *   node --import tsx bench/load-ndjson.ts [--mb 200] [--file PATH]
 *
 * Generates a synthetic DeviceNetworkEvents NDJSON file of at least --mb megabytes (cached in
 * the OS temp folder, reused when present), then loads it in fresh child processes — ours with
 * the table's schema, then DuckDB — and prints MB/s, rows/s and each process's peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SCHEMA_DIRS = [resolve(fileURLToPath(import.meta.url), '../../../shared/schemas/defender')];
const TABLE = 'DeviceNetworkEvents';

interface Measure {
  seconds: number;
  /** User + system CPU seconds (DuckDB's spread over its threads). */
  cpuSeconds: number;
  rows: number;
  maxRssMB: number;
}

async function generate(file: string, mb: number): Promise<void> {
  const { loadTableSchemas } = await import('../src/kql/schema/load-schemas.js');
  const { generateSample } = await import('../src/kql/sample/generate-sample.js');
  const { writeNdjsonFile } = await import('../src/kql/io/to-ndjson.js');
  const schema = loadTableSchemas(SCHEMA_DIRS).tables.get(TABLE)!;
  // About 2,150 bytes per synthetic row of this schema.
  const rows = Math.ceil((mb * 1e6) / 2000);
  const started = performance.now();
  const table = generateSample(schema, { rows, seed: 20260525 });
  const bytes = writeNdjsonFile(table, file);
  console.error(`generated ${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s → ${file}`);
}

async function measureOurs(file: string): Promise<Measure> {
  const { loadTableSchemas } = await import('../src/kql/schema/load-schemas.js');
  const { loadTelemetry } = await import('../src/kql/io/load-telemetry.js');
  const schemas = loadTableSchemas(SCHEMA_DIRS).tables;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { tables } = await loadTelemetry([], { schemas, tables: { [TABLE]: file } });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, cpuSeconds: cpuSince(cpu), rows: tables.get(TABLE)!.length, maxRssMB: process.resourceUsage().maxRSS / 1024 };
}

async function measureDuckdb(file: string): Promise<Measure> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await conn.run(`CREATE TABLE t AS SELECT * FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited')`);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu);
  const reader = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM t');
  const rows = Number(reader.getRows()[0]![0]);
  return { seconds, cpuSeconds, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(start);
  return (c.user + c.system) / 1e6;
}

/** Runs one measurement in a fresh process so that peak RSS is that loader's alone. */
function inChild(mode: string, file: string): Measure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', mode, '--file', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
}

const { values } = parseArgs({ options: { mb: { type: 'string' }, file: { type: 'string' }, measure: { type: 'string' } } });
if (values.measure) {
  const m = values.measure === 'duckdb' ? await measureDuckdb(values.file!) : await measureOurs(values.file!);
  console.log(JSON.stringify(m));
} else {
  const mb = Number(values.mb ?? 200);
  const file = values.file ?? join(tmpdir(), `socfeed-bench-${TABLE}-${mb}mb.ndjson`);
  if (!existsSync(file)) await generate(file, mb);
  const sizeMB = statSync(file).size / 1e6;
  const ours = inChild('ours', file);
  const duck = inChild('duckdb', file);
  const line = (name: string, m: Measure): string =>
    `${name.padEnd(8)} ${m.seconds.toFixed(2).padStart(7)} s  ${(sizeMB / m.seconds).toFixed(0).padStart(5)} MB/s  ${Math.round(m.rows / m.seconds).toLocaleString('en-US').padStart(11)} rows/s  ` +
    `CPU ${m.cpuSeconds.toFixed(2)} s (${(sizeMB / m.cpuSeconds).toFixed(0)} MB per CPU-second)  peak RSS ${m.maxRssMB.toFixed(0)} MB`;
  console.log(`NDJSON load: ${file} (${sizeMB.toFixed(0)} MB, ${ours.rows.toLocaleString('en-US')} rows)`);
  console.log(line('socfeed', ours));
  console.log(line('duckdb', duck));
  console.log(`ratio: socfeed takes ${(ours.seconds / duck.seconds).toFixed(2)}× DuckDB's time`);
  if (ours.rows !== duck.rows) console.log(`WARNING: row counts differ (${ours.rows} vs ${duck.rows})`);
}
