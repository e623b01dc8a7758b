/**
 * Enrichment and lint of the whole corpus (target ≤ 20 s): every rule analyzed and enriched,
 * every KQL rule also bound against the Sentinel and Defender schemas (its analysis then comes
 * from the same bound tree). The rules are split over one worker thread per core; the time
 * includes the workers' start-up (each loads ATT&CK and Kusto.Language). Loading the catalog
 * itself is not timed.
 * Run: node --import tsx bench/enrich.ts [--db FILE] [--workers N]   (default: sync into a fresh temp catalog first)
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadAttackKnowledgeBase } from '../src/attack/index.js';
import { analyzeRuleQuery, type QueryAnalysis } from '../src/analysis/index.js';
import type { Rule } from '../src/catalog/rule.js';
import { enrichRule } from '../src/enrich/index.js';
import { loadTableSchemas } from '../src/kql/schema/load-schemas.js';
import { countFindings, lintAndAnalyzeKqlRule } from '../src/lint/index.js';
import { corpusCatalog } from './corpus-catalog.js';

interface Job {
  rules: Rule[];
  attackPath: string;
  schemaDirs: string[];
}
interface Stats {
  byLanguage: Record<string, { rules: number; ms: number }>;
  errors: number;
  warnings: number;
  setupMs: number;
}

/** Lints (KQL) and enriches every rule of a job; what a worker does. */
function runJob(job: Job): Stats {
  const t0 = performance.now();
  const attack = loadAttackKnowledgeBase(job.attackPath);
  const schemas = [...loadTableSchemas(job.schemaDirs).tables.values()];
  const stats: Stats = { byLanguage: {}, errors: 0, warnings: 0, setupMs: performance.now() - t0 };
  for (const rule of job.rules) {
    const start = performance.now();
    let analysis: QueryAnalysis;
    let lint = null;
    if (rule.language === 'kql') {
      const linted = lintAndAnalyzeKqlRule(rule, { schemas, attack });
      lint = countFindings(linted.findings);
      stats.errors += lint.errors;
      stats.warnings += lint.warnings;
      analysis = linted.analysis ?? analyzeRuleQuery(rule);
    } else {
      analysis = analyzeRuleQuery(rule);
    }
    enrichRule(rule, { attack, analysis, lint });
    const entry = (stats.byLanguage[rule.language] ??= { rules: 0, ms: 0 });
    entry.rules++;
    entry.ms += performance.now() - start;
  }
  return stats;
}

if (!isMainThread) {
  parentPort!.postMessage(runJob(workerData as Job));
} else {
  const { values } = parseArgs({ options: { db: { type: 'string' }, workers: { type: 'string' } } });
  const shared = resolve(import.meta.dirname, '../../shared');
  const { rules, db } = await corpusCatalog(values.db);
  const n = Math.max(1, Number(values.workers ?? availableParallelism()));
  // KQL rules cost ~50x the others: deal them round-robin so every worker gets its share.
  const kql = rules.filter((r) => r.language === 'kql');
  const rest = rules.filter((r) => r.language !== 'kql');
  const chunks: Rule[][] = Array.from({ length: n }, () => []);
  [...kql, ...rest].forEach((r, i) => chunks[i % n]!.push(r));
  const base = { attackPath: join(shared, 'attack/enterprise-attack.json'), schemaDirs: [join(shared, 'schemas/sentinel'), join(shared, 'schemas/defender')] };

  const t0 = performance.now();
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<Stats>((ok, fail) => {
          // A worker cannot start from a .ts file: it registers tsx's loader first, then imports this file.
          const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
          const worker = new Worker(boot, { eval: true, execArgv: [], workerData: { ...base, rules: chunk } satisfies Job });
          worker.once('message', ok);
          worker.once('error', fail);
        }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const languages = new Map<string, { rules: number; ms: number }>();
  for (const r of results) {
    for (const [lang, e] of Object.entries(r.byLanguage)) {
      const sum = languages.get(lang) ?? { rules: 0, ms: 0 };
      languages.set(lang, { rules: sum.rules + e.rules, ms: sum.ms + e.ms });
    }
  }
  console.log(`enrich + lint of ${rules.length} rules on ${n} worker${n === 1 ? '' : 's'}: ${seconds.toFixed(2)} s wall (target ≤ 20 s) ${seconds <= 20 ? 'OK' : 'OVER'}`);
  console.log(`  worker start-up (ATT&CK + schemas): ${results.map((r) => (r.setupMs / 1000).toFixed(1)).join(', ')} s`);
  for (const [language, e] of [...languages].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${language.padEnd(8)} ${String(e.rules).padStart(5)} rules ${(e.ms / 1000).toFixed(2).padStart(7)} s CPU  ${(e.ms / e.rules).toFixed(2)} ms/rule`);
  }
  console.log(`  lint findings: ${results.reduce((s, r) => s + r.errors, 0)} errors, ${results.reduce((s, r) => s + r.warnings, 0)} warnings`);
  console.log(`catalog: ${db}`);
}
