/**
 * A join-heavy hunt: the parent → child process join of the corpus's
 * `Hunting Queries/Microsoft 365 Defender/Execution/detect-anomalous-process-trees.yaml`
 * (DeviceProcessEvents joined with itself on DeviceId and process id), over N rows per side,
 * against DuckDB running the same join on the same rows.
 *
 *   node --import tsx bench/hunt-join.ts [--rows 1000000] [--runs 3]
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { runQuery, type Table } from '../src/kql/index.js';
import { buildColumn } from '../src/kql/engine/table-builder.js';

const { values } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' } } });
const ROWS = Number(values.rows ?? 1_000_000);
const RUNS = Number(values.runs ?? 3);
const FILES = ['winword.exe', 'excel.exe', 'powershell.exe', 'cmd.exe', 'rundll32.exe', 'svchost.exe', 'explorer.exe', 'chrome.exe'];

/** Deterministic rows: 5,000 devices, process ids 0…999, so a (device, pid) pair repeats a few times. */
function processEvents(n: number): Table {
  let seed = 12345;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  const device = new Array<string>(n);
  const pid = new Float64Array(n);
  const ppid = new Float64Array(n);
  const file = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    device[i] = `dev-${rand(5000)}`;
    pid[i] = rand(1000);
    ppid[i] = rand(1000);
    file[i] = FILES[rand(FILES.length)]!;
  }
  return {
    name: 'DeviceProcessEvents',
    length: n,
    columns: [
      { name: 'DeviceId', column: buildColumn('string', n, (i) => device[i]!) },
      { name: 'ProcessId', column: buildColumn('long', n, (i) => pid[i]!) },
      { name: 'InitiatingProcessId', column: buildColumn('long', n, (i) => ppid[i]!) },
      { name: 'FileName', column: buildColumn('string', n, (i) => file[i]!) },
    ],
  };
}

const QUERY = `DeviceProcessEvents
| project DeviceId, ParentId = ProcessId, ParentFileName = FileName
| join kind=inner (DeviceProcessEvents | project DeviceId, InitiatingProcessId, FileName) on DeviceId, $left.ParentId == $right.InitiatingProcessId
| summarize Children = count() by ParentFileName, FileName`;

const SQL = `SELECT p.FileName AS ParentFileName, c.FileName, count(*) AS Children
FROM DeviceProcessEvents p JOIN DeviceProcessEvents c ON p.DeviceId = c.DeviceId AND p.ProcessId = c.InitiatingProcessId
GROUP BY p.FileName, c.FileName`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const table = processEvents(ROWS);
const ours: number[] = [];
let outRows = 0;
let peak = process.memoryUsage().rss;
for (let r = 0; r <= RUNS; r++) {
  const result = runQuery(QUERY, [table], { now: 0 });
  if (r > 0) ours.push(result.stats.executeMs);
  outRows = result.rows.reduce((n, row) => n + (row[2] as number), 0);
  peak = Math.max(peak, process.memoryUsage().rss);
}

mkdirSync('bench/out', { recursive: true });
const csv = join('bench/out', 'dpe-join.csv');
const fd = openSync(csv, 'w');
writeSync(fd, 'DeviceId,ProcessId,InitiatingProcessId,FileName\n');
const [dev, pid, ppid, file] = table.columns.map((c) => c.column);
let batch = '';
for (let i = 0; i < ROWS; i++) {
  if (dev!.kind !== 'string' || pid!.kind !== 'number' || ppid!.kind !== 'number' || file!.kind !== 'string') break;
  batch += `${dev.dictionary[dev.codes[i]!]},${pid.values[i]},${ppid.values[i]},${file.dictionary[file.codes[i]!]}\n`;
  if (batch.length > 1 << 20) {
    writeSync(fd, batch);
    batch = '';
  }
}
writeSync(fd, batch);
closeSync(fd);
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run(`CREATE TABLE DeviceProcessEvents AS SELECT * FROM read_csv('${csv}', header=true)`);
const theirs: number[] = [];
let duckRows = 0;
for (let r = 0; r <= RUNS; r++) {
  const t = performance.now();
  const reader = await duck.runAndReadAll(SQL);
  if (r > 0) theirs.push(performance.now() - t);
  duckRows = reader.getRows().reduce((n, row) => n + Number(row[2]), 0);
}
const a = median(ours);
const b = median(theirs);
console.log(`parent/child process join, ${ROWS} rows per side (median of ${RUNS}); ${outRows} joined rows (DuckDB: ${duckRows})`);
console.log(`  socfeed: ${a.toFixed(0)} ms, ${((2 * ROWS) / a / 1000).toFixed(1)} M input rows/s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`);
console.log(`  DuckDB:  ${b.toFixed(0)} ms`);
console.log(`  ratio socfeed/DuckDB: ${(a / b).toFixed(2)} (target ≤ 3)`);
