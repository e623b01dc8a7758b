import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { loadConfigFile } from '../../src/config/load-config.js';
import type { SourceSyncSummary } from '../../src/store/catalog-store.js';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import { runSync, type SyncReport } from '../../src/sync/run-sync.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { tempDir } from './sync-fixture.js';

/**
 * config/shared-corpus.json synced whole (every corpus source, on worker threads), then
 * again with nothing changed. File counts were taken with `find` (dot files excluded, as the
 * globs exclude them); the ignored counts are the files no adapter reads by name (Sigma's 27
 * `.md`, Elastic's 153 non-TOML files); rule counts only where one file is one rule.
 */
let first: SyncReport;
let second: SyncReport;
let bySource: Map<string, SourceSyncSummary>;
let store: SqliteCatalogStore;

before(async () => {
  const config = loadConfigFile(resolve(REPO_ROOT, 'config/shared-corpus.json'));
  config.db = join(tempDir('socfeed-corpus-'), 'catalog.db');
  first = await runSync(config);
  bySource = new Map(first.sources.map((s) => [s.source, s]));
  second = await runSync(config);
  store = SqliteCatalogStore.open(config.db);
});

describe('sync of config/shared-corpus.json', () => {
  test('every source syncs; every file is a rule file, an ignored file or a failed one', () => {
    assert.equal(first.ok, true, first.sources.map((s) => s.error).filter(Boolean).join('; '));
    for (const s of first.sources) {
      assert.ok(s.filesRead >= (s.rules! > 0 ? 1 : 0), s.source);
      assert.ok(s.failedFiles! + s.ignored <= s.filesRead, s.source);
      assert.ok(s.problems >= s.failedFiles!, `${s.source}: each failed file has a problem`);
    }
    assert.equal(store.countRules(), first.sources.reduce((n, s) => n + s.rules!, 0));
  });

  test('counts per source, checked against the corpus folders', () => {
    const expect = (name: string, files: number, extra: Partial<SourceSyncSummary>) => {
      const s = bySource.get(name)!;
      assert.equal(s.filesRead, files, `${name} files`);
      for (const [k, v] of Object.entries(extra)) assert.equal(s[k as keyof SourceSyncSummary], v, `${name} ${k}`);
    };
    expect('Azure-Sentinel', 149, { rules: 146, failedFiles: 3, ignored: 0 });
    expect('SigmaHQ', 3781, { rules: 3754, ignored: 27, failedFiles: 0 });
    expect('Elastic', 2357, { ignored: 153, failedFiles: 0 });
    assert.ok(bySource.get('Elastic')!.rules! >= 2204, 'at least one rule per TOML file');
    expect('Splunk', 1711, { rules: 1711, ignored: 0, failedFiles: 0 });
    expect('RMM-Tools', 167, { rules: 167, ignored: 0, failedFiles: 0 });
    // the kql adapter's counts (test/catalog/adapters/kql.test.ts): files holding several
    // queries without `;` give one rule per query (231 in 98 reprise99 files; 204 in 21 m365
    // files and 42 in 8 of its Markdown blocks)
    expect('reprise99', 477, { rules: 636, ignored: 12, failedFiles: 0 });
    expect('M365-Defender-Hunting-Queries', 382, { rules: 592 });
  });

  test('links point at the public repositories at the SOURCES.md commits', () => {
    const sigma = store.searchRules({ source: ['SigmaHQ'] }, { limit: 1, offset: 0 }).rules[0]!;
    assert.match(store.getRule(sigma.id)!.url!, /^https:\/\/github\.com\/SigmaHQ\/sigma\/blob\/8eaafff1f2845a696050e05e72ba1140ee190698\/rules/);
    const kql = store.searchRules({ source: ['reprise99'] }, { limit: 1, offset: 0 }).rules[0]!;
    assert.match(store.getRule(kql.id)!.url!, /^https:\/\/github\.com\/reprise99\/Sentinel-Queries\/blob\/96b1908558c5d5201dbf61c63cedce4c53e8f672\//);
  });

  test('Splunk rules get their tactics from their techniques', () => {
    const splunk = store.getRules(store.searchRules({ source: ['Splunk'], technique: ['T1059'] }, { limit: 20, offset: 0 }).rules.map((r) => r.id));
    assert.ok(splunk.length > 0);
    assert.ok(splunk.every((r) => r.tacticsRaw.length > 0 || r.tactics.some((t) => t.id === 'TA0002')), 'T1059 is Execution');
  });

  test('a second sync with nothing changed changes nothing', () => {
    for (const s of second.sources) assert.deepEqual([s.added, s.changed, s.removed], [0, 0, 0], s.source);
    assert.equal(second.sources.reduce((n, s) => n + s.unchanged, 0), store.countRules());
  });
});
