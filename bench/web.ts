/**
 * Web benchmark over the full catalog: p95 server time of the pages a SOC uses most, and the
 * feed's page weight. Targets (issue 5): feed with a search and two filters ≤ 30 ms, a rule
 * page ≤ 20 ms, coverage ≤ 50 ms, feed page ≤ 150 KB.
 *
 * Server time is the app's own handling (Hono `app.request`: routing, store, rendering,
 * serialization), without the network, as wall time and as this process's CPU time (which
 * time slices lost to other processes on a shared machine do not inflate). The baseline,
 * measured in the same run, is the simplest route (`/api/rules/<id>`: one row as JSON), so
 * ratios stay comparable on a noisy machine; the previous SQL facet counting is timed too,
 * beside the facet index.
 *
 * Run: node --import tsx bench/web.ts [--db FILE] [--rounds N]
 * (a catalog synced from config/shared-corpus.json; without --db one is synced into a temp folder first)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { loadConfigFile } from '../src/config/load-config.js';
import { loadConfiguredAttack } from '../src/cli/load-attack.js';
import type { RuleFilters } from '../src/store/catalog-store.js';
import { SqliteCatalogStore } from '../src/store/sqlite-store.js';
import { filterSql, whereSql, withText } from '../src/store/filter-sql.js';
import { runSync } from '../src/sync/run-sync.js';
import { createWebApp } from '../src/web/server.js';
import { feedUrl } from '../src/web/feed-query.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, rounds: { type: 'string', default: '5' } } });
const config = loadConfigFile(resolve(import.meta.dirname, '../config/shared-corpus.json'));
let db = values.db ? resolve(values.db) : '';
if (!db) {
  config.db = db = join(mkdtempSync(join(tmpdir(), 'socfeed-bench-')), 'catalog.db');
  console.log('syncing config/shared-corpus.json first …');
  await runSync(config);
}
const rounds = Number(values.rounds);
const store = SqliteCatalogStore.open(db);
const app = createWebApp({ store, attack: await loadConfiguredAttack(config) });
console.log(`${store.countRules()} rules in ${db}; ${rounds} rounds`);

/** One GET through the app; throws on a non-200 answer (a benchmark of error pages is no benchmark). */
async function get(path: string): Promise<string> {
  const res = await app.request(path);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return body;
}

function p(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * sorted.length))]!;
}

/** Wall and CPU times of runs, in ms. */
interface Times {
  wall: number[];
  cpu: number[];
}

/** Times `fn` on every item `rounds` times after one warm-up pass. */
async function timeAll<T>(items: T[], fn: (item: T) => unknown): Promise<Times> {
  for (const item of items) await fn(item);
  const times: Times = { wall: [], cpu: [] };
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await fn(item);
      times.wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      times.cpu.push((c.user + c.system) / 1000);
    }
  }
  return times;
}

const timePaths = (paths: string[]) => timeAll(paths, get);

// Feed queries: a search and two filters, built from the catalog's own facets (as bench/search.ts).
const facets = store.facets({});
const words = ['powershell', 'login', 'process', 'registry', 'suspicious', 'network', 'admin', 'dns', 'token', 'encoded', 'remote', 'user'];
const feedFilters: RuleFilters[] = [];
for (const [i, word] of words.entries()) {
  feedFilters.push({ text: word, source: [facets.source[i % facets.source.length]!.value], tactic: [facets.tactic[i % facets.tactic.length]!.value] });
  feedFilters.push({ text: word, language: [facets.language[i % facets.language.length]!.value], technique: [facets.technique[i % 20]!.value] });
  feedFilters.push({ text: word.slice(0, 4), kind: [facets.kind[i % facets.kind.length]!.value], table: [facets.table[i % 20]!.value] });
}
const feedPaths = feedFilters.map((f) => feedUrl(f));

// Rule pages: an even spread over the catalog (every n-th id), so every source is in it.
const ids = store.allRuleIds();
const step = Math.max(1, Math.floor(ids.length / 150));
const rulePaths = ids.filter((_, i) => i % step === 0).map((id) => `/rules/${encodeURIComponent(id)}`);

// Coverage: unfiltered (cached after the first hit) and filtered by each source and language.
const coveragePaths = ['/coverage', ...facets.source.map((s) => `/coverage?source=${encodeURIComponent(s.value)}`), ...facets.language.map((l) => `/coverage?language=${encodeURIComponent(l.value)}`)];

// "Data I have" (the 5, 20 and 60 most used tables), confidence shading, and the exports.
const haveOf = (n: number) => facets.table.slice(0, n).map((t) => `have=${encodeURIComponent(t.value)}`).join('&');
const dataPaths = [5, 20, 60].map((n) => `/coverage?${haveOf(n)}`);
const confidencePaths = ['/coverage?shade=confidence', ...facets.source.map((s) => `/coverage?shade=confidence&source=${encodeURIComponent(s.value)}`)];
const exportPaths = ['/coverage/layer.json', '/coverage.csv', ...facets.source.slice(0, 3).map((s) => `/coverage/layer.json?source=${encodeURIComponent(s.value)}`)];
const atomPaths = ['/feed.atom', ...feedPaths.slice(0, 12).map((u) => u.replace(/^\//, '/feed.atom'))];

const baseline = await timePaths(rulePaths.slice(0, 40).map((p) => p.replace('/rules/', '/api/rules/')));
const base95 = p(baseline.wall, 95);

/** The previous facet counting: one GROUP BY per facet, each with the filters and the text match. */
function sqlFacets(filters: RuleFilters): number {
  const f = withText(filterSql(filters));
  let n = 0;
  for (const col of ['source', 'language', 'kind', 'severity']) {
    n += store.db.prepare(`SELECT r.${col}, count(*) FROM rules r ${whereSql([`r.${col} IS NOT NULL`, ...f.clauses])} GROUP BY r.${col}`).all(...f.params).length;
  }
  for (const [table, col] of [['rule_tactics', 'tactic_id'], ['rule_techniques', 'technique_id'], ['rule_tables', 'table_name'], ['rule_tags', 'tag']]) {
    n += store.db.prepare(`SELECT t.${col}, count(*) FROM ${table} t JOIN rules r ON r.id = t.rule_id ${whereSql(f.clauses)} GROUP BY t.${col}`).all(...f.params).length;
  }
  return n;
}

const timeSync = (fn: (f: RuleFilters) => unknown) => timeAll(feedFilters, fn);

const rows: [string, Times, number][] = [
  ['feed, search + 2 filters', await timePaths(feedPaths), 30],
  ['rule page', await timePaths(rulePaths), 20],
  ['coverage (unfiltered + per source / language)', await timePaths(coveragePaths), 50],
  ['coverage, Data I have (5 / 20 / 60 tables)', await timePaths(dataPaths), 50],
  ['coverage, shaded by confidence', await timePaths(confidencePaths), 50],
  ['coverage layer.json / coverage.csv', await timePaths(exportPaths), NaN],
  ['feed.atom (unfiltered + search and filters)', await timePaths(atomPaths), NaN],
  ['  facets alone, facet index', await timeSync((f) => store.facets(f)), NaN],
  ['  facets alone, SQL GROUP BY (previous)', await timeSync(sqlFacets), NaN],
  ['  search rows alone (store.searchRules)', await timeSync((f) => store.searchRules(f, { limit: 25, offset: 0 })), NaN],
];

const [load1] = (await import('node:os')).loadavg();
console.log(`load average ${load1!.toFixed(1)}; baseline /api/rules/<id>: wall p50 ${p(baseline.wall, 50).toFixed(2)} ms, p95 ${base95.toFixed(2)} ms; cpu p95 ${p(baseline.cpu, 95).toFixed(2)} ms`);
for (const [name, times, target] of rows) {
  const wall95 = p(times.wall, 95);
  const cpu95 = p(times.cpu, 95);
  const verdict = Number.isNaN(target) ? '' : ` (target ≤ ${target} ms: wall ${wall95 <= target ? 'OK' : 'OVER'}, cpu ${cpu95 <= target ? 'OK' : 'OVER'})`;
  console.log(
    `${name} (${times.wall.length} runs): wall p50 ${p(times.wall, 50).toFixed(2)} ms, p95 ${wall95.toFixed(2)} ms; cpu p95 ${cpu95.toFixed(2)} ms${verdict}; ${(wall95 / base95).toFixed(1)}× baseline`,
  );
}

// Page weight: the unfiltered feed (the heaviest facet lists) and the filtered feeds.
const weights = [{ path: '/', body: await get('/') }, ...(await Promise.all(feedPaths.slice(0, 6).map(async (path) => ({ path, body: await get(path) }))))];
const heaviest = weights.reduce((a, b) => (Buffer.byteLength(b.body) > Buffer.byteLength(a.body) ? b : a));
const kb = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(1);
console.log(
  `feed page weight: unfiltered ${kb(weights[0]!.body)} KB (gzip ${(gzipSync(weights[0]!.body).length / 1024).toFixed(1)} KB); heaviest ${kb(heaviest.body)} KB at ${heaviest.path} ` +
    `(target ≤ 150 KB) ${Buffer.byteLength(heaviest.body) <= 150 * 1024 ? 'OK' : 'OVER'}`,
);
store.close();
