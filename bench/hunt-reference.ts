/**
 * The reference hunt (rmm_Addigy_netconn) over N synthetic DeviceNetworkEvents rows, against
 * DuckDB running an equivalent SQL query on the same rows held in its own memory.
 *
 *   node --import tsx bench/hunt-reference.ts --schemas ../shared/schemas/defender [--rows 5000000] [--runs 3]
 *
 * Both engines get the same columns: the ones the query reads. DuckDB's `has_any` is a regular
 * expression on term boundaries (the KQL meaning), its `isempty` a coalesce to ''.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { columnValue } from '../src/kql/engine/column.js';
import { runQuery, type Table } from '../src/kql/index.js';
import { formatDatetime } from '../src/kql/io/format-value.js';
import { loadTableSchemas } from '../src/kql/schema/load-schemas.js';
import { generateSample, DEFAULT_SAMPLE_NOW } from '../src/kql/sample/generate-sample.js';

const { values } = parseArgs({ options: { schemas: { type: 'string', multiple: true }, rows: { type: 'string' }, runs: { type: 'string' } } });
if (!values.schemas?.length) {
  console.error('usage: hunt-reference.ts --schemas DIR [--rows N] [--runs R]');
  process.exit(2);
}
const ROWS = Number(values.rows ?? 5_000_000);
const RUNS = Number(values.runs ?? 3);

const QUERY = `let Time_start = now(-5d);
let Time_end = now();
DeviceNetworkEvents
| where Timestamp between (Time_start..Time_end)
| where RemoteUrl has_any ('prod.addigy.com', 'grtmprod.addigy.com', 'agents.addigy.com')
    and InitiatingProcessFileName has_any ('go-agent', 'auditor', 'collector', 'xpcproxy', 'lan-cache', 'mdmclient', 'launchd')
    and isempty(InitiatingProcessVersionInfoCompanyName)
| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Report=make_set(ReportId), Count=count() by DeviceId, DeviceName, RemoteUrl`;

const USED = ['Timestamp', 'DeviceId', 'DeviceName', 'RemoteUrl', 'InitiatingProcessFileName', 'InitiatingProcessVersionInfoCompanyName', 'ReportId'];

function termAlternation(terms: string[]): string {
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  return `'(^|[^a-z0-9])(${escaped.join('|')})($|[^a-z0-9])'`;
}

const SQL = (nowIso: string): string => `
SELECT DeviceId, DeviceName, RemoteUrl, min(Timestamp) AS FirstSeen, max(Timestamp) AS LastSeen,
       list(DISTINCT ReportId) AS Report, count(*) AS Count
FROM DeviceNetworkEvents
WHERE Timestamp BETWEEN TIMESTAMP '${nowIso}' - INTERVAL 5 DAY AND TIMESTAMP '${nowIso}'
  AND regexp_matches(lower(RemoteUrl), ${termAlternation(['prod.addigy.com', 'grtmprod.addigy.com', 'agents.addigy.com'])})
  AND regexp_matches(lower(InitiatingProcessFileName), ${termAlternation(['go-agent', 'auditor', 'collector', 'xpcproxy', 'lan-cache', 'mdmclient', 'launchd'])})
  AND coalesce(InitiatingProcessVersionInfoCompanyName, '') = ''
GROUP BY DeviceId, DeviceName, RemoteUrl`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Writes the table as CSV (batched) so DuckDB can load the very same rows. */
function writeCsv(table: Table, path: string): void {
  const fd = openSync(path, 'w');
  writeSync(fd, table.columns.map((c) => c.name).join(',') + '\n');
  let batch = '';
  for (let i = 0; i < table.length; i++) {
    batch +=
      table.columns
        .map((c) => {
          const v = columnValue(c.column, i);
          if (v === null) return '';
          if (c.column.type === 'datetime') return formatDatetime(v as number);
          const s = String(v);
          return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(',') + '\n';
    if (batch.length > 1 << 20) {
      writeSync(fd, batch);
      batch = '';
    }
  }
  writeSync(fd, batch);
  closeSync(fd);
}

const { tables: schemas } = loadTableSchemas(values.schemas);
const full = schemas.get('DeviceNetworkEvents');
if (!full) throw new Error('no DeviceNetworkEvents schema in --schemas');
const schema = { name: full.name, columns: full.columns.filter((c) => USED.includes(c.name)) };

let t = performance.now();
const table = generateSample(schema, { rows: ROWS, seed: 42 });
console.log(`generated ${ROWS} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const nowIso = new Date(DEFAULT_SAMPLE_NOW / 1000).toISOString().replace('Z', '');
const ours: number[] = [];
let resultRows = 0;
let peakRss = process.memoryUsage().rss;
for (let r = 0; r < RUNS + 1; r++) {
  t = performance.now();
  const result = runQuery(QUERY, [table], { now: DEFAULT_SAMPLE_NOW, schemas: [schema] });
  const ms = result.stats.executeMs;
  if (r > 0) ours.push(ms); // the first run warms up Kusto.Language and the JIT
  resultRows = result.stats.rows;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  void t;
}

mkdirSync('bench/out', { recursive: true });
const csv = join('bench/out', 'dne-reference.csv');
writeCsv(table, csv);
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run(`CREATE TABLE DeviceNetworkEvents AS SELECT * FROM read_csv('${csv}', header=true,
  types={'Timestamp':'TIMESTAMP','ReportId':'BIGINT','DeviceId':'VARCHAR','DeviceName':'VARCHAR','RemoteUrl':'VARCHAR','InitiatingProcessFileName':'VARCHAR','InitiatingProcessVersionInfoCompanyName':'VARCHAR'})`);
const duckTimes: number[] = [];
let duckRows = 0;
for (let r = 0; r < RUNS + 1; r++) {
  t = performance.now();
  const reader = await duck.runAndReadAll(SQL(nowIso));
  const ms = performance.now() - t;
  if (r > 0) duckTimes.push(ms);
  duckRows = reader.currentRowCount;
}

const oursMs = median(ours);
const duckMs = median(duckTimes);
console.log(`reference hunt over ${ROWS} rows (median of ${RUNS}):`);
console.log(`  socfeed: ${oursMs.toFixed(0)} ms, ${((ROWS / oursMs) * 1000 / 1e6).toFixed(1)} M rows/s, ${resultRows} result rows`);
console.log(`  DuckDB:  ${duckMs.toFixed(0)} ms, ${((ROWS / duckMs) * 1000 / 1e6).toFixed(1)} M rows/s, ${duckRows} result rows`);
console.log(`  ratio socfeed/DuckDB: ${(oursMs / duckMs).toFixed(2)}; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
