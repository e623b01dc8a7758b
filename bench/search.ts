/**
 * Search benchmark: p95 latency of API-level searches (text + two filters, first page of 50)
 * over the full catalog (target ≤ 30 ms).
 * Run: node --import tsx bench/search.ts --db FILE   (a catalog synced from config/shared-corpus.json;
 * without --db, one is synced into a temp folder first)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../src/config/load-config.js';
import type { RuleFilters } from '../src/store/catalog-store.js';
import { SqliteCatalogStore } from '../src/store/sqlite-store.js';
import { runSync } from '../src/sync/run-sync.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, rounds: { type: 'string', default: '5' } } });
let db = values.db ? resolve(values.db) : '';
if (!db) {
  const config = loadConfigFile(resolve(import.meta.dirname, '../config/shared-corpus.json'));
  config.db = db = join(mkdtempSync(join(tmpdir(), 'socfeed-bench-')), 'catalog.db');
  console.log('syncing config/shared-corpus.json first …');
  await runSync(config);
}
const store = SqliteCatalogStore.open(db);
console.log(`${store.countRules()} rules in ${db}`);

// Text + two filters, built from the catalog's own facets so every query is realistic.
const facets = store.facets({});
const words = ['powershell', 'login', 'process', 'registry', 'suspicious', 'network', 'admin', 'dns', 'token', 'encoded', 'remote', 'user'];
const queries: RuleFilters[] = [];
for (const [i, word] of words.entries()) {
  const source = facets.source[i % facets.source.length]!.value;
  queries.push({ text: word, source: [source], tactic: [facets.tactic[i % facets.tactic.length]!.value] });
  queries.push({ text: word, language: [facets.language[i % facets.language.length]!.value], technique: [facets.technique[i % 20]!.value] });
  queries.push({ text: word.slice(0, 4), kind: [facets.kind[i % facets.kind.length]!.value], table: [facets.table[i % 20]!.value] });
}

const times: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const q of queries) {
    const t0 = performance.now();
    store.searchRules(q, { limit: 50, offset: 0, sort: 'relevance' });
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(
  `search (text + two filters, ${times.length} runs): p50 ${pct(50).toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms ` +
    `(target ≤ 30 ms) ${pct(95) <= 30 ? 'OK' : 'OVER'}, max ${times.at(-1)!.toFixed(2)} ms`,
);
store.close();
