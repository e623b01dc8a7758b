/**
 * Sync benchmark: a full sync of config/shared-corpus.json into an empty catalog (target
 * ≤ 30 s), then a re-sync with nothing changed (target ≤ 2 s).
 * Run: node --import tsx bench/sync.ts [--db FILE]   (default: a fresh temp file)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../src/config/load-config.js';
import { runSync, type SyncReport } from '../src/sync/run-sync.js';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const config = loadConfigFile(resolve(import.meta.dirname, '../config/shared-corpus.json'));
const dir = mkdtempSync(join(tmpdir(), 'socfeed-bench-'));
config.db = values.db ? resolve(values.db) : join(dir, 'catalog.db');
rmSync(config.db, { force: true });

async function timed(label: string, target: number): Promise<SyncReport> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await runSync(config);
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // The machine is shared: CPU seconds (all threads, workers included) say what the work cost.
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const rules = report.sources.reduce((n, x) => n + (x.rules ?? 0), 0);
  const files = report.sources.reduce((n, x) => n + x.filesRead, 0);
  console.log(`${label}: ${s.toFixed(2)} s wall (target ≤ ${target} s) ${s <= target ? 'OK' : 'OVER'}, ${cpuS.toFixed(2)} s CPU — ${files} files, ${rules} rules, ` +
    `+${report.sources.reduce((n, x) => n + x.added, 0)} ~${report.sources.reduce((n, x) => n + x.changed, 0)} ` +
    `-${report.sources.reduce((n, x) => n + x.removed, 0)}${report.ok ? '' : ' (some sources FAILED)'}`);
  return report;
}

await timed('full sync into an empty catalog', 30);
await timed('re-sync with no change', 2);
console.log(`catalog: ${config.db}`);
