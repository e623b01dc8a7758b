/**
 * Enrichment and lint of the whole corpus (target ≤ 20 s): every rule analyzed and enriched,
 * every KQL rule also bound against the Sentinel and Defender schemas (its analysis then comes
 * from the same bound tree) — `enrichAndLint`, what sync's enrichment runs per rule. Rules go to
 * one worker thread per core in batches, each taken when the worker is free (a few KQL rules
 * cost 100× the median; fixed shares left one worker idle for seconds). The time includes the
 * workers' start-up (each loads ATT&CK, the schemas and Kusto.Language). Loading the catalog
 * itself is not timed. The machine is shared: CPU seconds (every thread) and the load average
 * are printed with the wall time.
 * Run: node --import tsx bench/enrich.ts [--db FILE] [--workers N]   (default: sync into a fresh temp catalog first)
 */
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadAttackKnowledgeBase } from '../src/attack/index.js';
import type { Rule } from '../src/catalog/rule.js';
import { enrichAndLint } from '../src/enrich/persist/enrich-catalog.js';
import { loadTableSchemas } from '../src/kql/schema/load-schemas.js';
import { corpusCatalog } from './corpus-catalog.js';

interface Init {
  attackPath: string;
  schemaDirs: string[];
}
interface BatchStats {
  byLanguage: Record<string, { rules: number; ms: number }>;
  errors: number;
  warnings: number;
}
type FromWorker = { ready: number } | BatchStats;

const BATCH = 50;

if (!isMainThread) {
  const t0 = performance.now();
  const init = workerData as Init;
  const attack = loadAttackKnowledgeBase(init.attackPath);
  const schemas = [...loadTableSchemas(init.schemaDirs).tables.values()];
  parentPort!.postMessage({ ready: performance.now() - t0 } satisfies FromWorker);
  parentPort!.on('message', (rules: Rule[]) => {
    const stats: BatchStats = { byLanguage: {}, errors: 0, warnings: 0 };
    for (const rule of rules) {
      const start = performance.now();
      const { lint } = enrichAndLint(rule, attack, schemas);
      const entry = (stats.byLanguage[rule.language] ??= { rules: 0, ms: 0 });
      entry.rules++;
      entry.ms += performance.now() - start;
      for (const f of lint) {
        if (f.severity === 'error') stats.errors++;
        else if (f.severity === 'warning') stats.warnings++;
      }
    }
    parentPort!.postMessage(stats satisfies FromWorker);
  });
} else {
  const { values } = parseArgs({ options: { db: { type: 'string' }, workers: { type: 'string' } } });
  const shared = resolve(import.meta.dirname, '../../shared');
  const { rules, db } = await corpusCatalog(values.db);
  const n = Math.max(1, Number(values.workers ?? availableParallelism()));
  // KQL rules first: they cost ~20x the others, so the cheap ones fill in at the end.
  const ordered = [...rules.filter((r) => r.language === 'kql'), ...rules.filter((r) => r.language !== 'kql')];
  const batches: Rule[][] = [];
  for (let at = 0; at < ordered.length; at += BATCH) batches.push(ordered.slice(at, at + BATCH));
  const init: Init = { attackPath: join(shared, 'attack/enterprise-attack.json'), schemaDirs: [join(shared, 'schemas/sentinel'), join(shared, 'schemas/defender')] };

  const load0 = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const setupMs: number[] = [];
  const results: BatchStats[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((ok, fail) => {
        // A worker cannot start from a .ts file: it registers tsx's loader first, then imports this file.
        const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
        const worker = new Worker(boot, { eval: true, execArgv: [], workerData: init });
        const feed = () => {
          if (next < batches.length) worker.postMessage(batches[next++]);
          else void worker.terminate().then(() => ok());
        };
        worker.on('message', (m: FromWorker) => {
          if ('ready' in m) setupMs.push(m.ready);
          else results.push(m);
          feed();
        });
        worker.once('error', fail);
      }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const languages = new Map<string, { rules: number; ms: number }>();
  for (const r of results) {
    for (const [lang, e] of Object.entries(r.byLanguage)) {
      const sum = languages.get(lang) ?? { rules: 0, ms: 0 };
      languages.set(lang, { rules: sum.rules + e.rules, ms: sum.ms + e.ms });
    }
  }
  console.log(
    `enrich + lint of ${rules.length} rules on ${n} worker${n === 1 ? '' : 's'}: ${seconds.toFixed(2)} s wall (target ≤ 20 s) ${seconds <= 20 ? 'OK' : 'OVER'}, ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU; load average ${load0.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`,
  );
  console.log(`  worker start-up (ATT&CK + schemas): ${setupMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`);
  for (const [language, e] of [...languages].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${language.padEnd(8)} ${String(e.rules).padStart(5)} rules ${(e.ms / 1000).toFixed(2).padStart(7)} s in workers  ${(e.ms / e.rules).toFixed(2)} ms/rule`);
  }
  console.log(`  lint findings: ${results.reduce((s, r) => s + r.errors, 0)} errors, ${results.reduce((s, r) => s + r.warnings, 0)} warnings`);
  console.log(`catalog: ${db}`);
}
