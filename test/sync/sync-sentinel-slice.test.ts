import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import type { SyncReport } from '../../src/sync/run-sync.js';
import type { SocfeedConfig } from '../../src/config/config-types.js';
import { REFERENCE_RULE_PATH } from '../helpers/shared.js';
import { AZURE_SENTINEL_SOURCE, syncAt, tempDir, writeConfig } from './sync-fixture.js';

/**
 * The real azure-sentinel corpus folder through config → sync → store, twice.
 * Counts checked by hand: 149 files under the four globs (MANIFEST.tsv is outside them), of
 * which 3 have no `query:` key (grep -L '^query' → the "moved to Solutions" stubs).
 */
const T1 = '2026-01-01T10:00:00.000Z';
const T2 = '2026-01-02T10:00:00.000Z';
const T3 = '2026-01-03T10:00:00.000Z';
const NO_QUERY_STUBS = [
  'Hunting Queries/MultipleDataSources/CobaltDNSBeacon.yaml',
  'Hunting Queries/SecurityEvent/PotentialImpacketExecution.yaml',
  'Hunting Queries/SecurityEvent/Suspicious_Windows_Login_outside_normal_hours.yaml',
];
// From corpus/azure-sentinel/MANIFEST.tsv, line of the reference rule.
const REFERENCE_COMMIT = '1b4ccf67c11f615b5400fbe44a4f4e5f8893becb';

let config: SocfeedConfig;
let first: SyncReport;
let second: SyncReport;
let third: SyncReport;
let afterFirst: { ids: string[]; rowids: Map<string, number>; problems: number; refId: string };
let store: SqliteCatalogStore;

before(async () => {
  const dir = tempDir();
  config = writeConfig(dir, [AZURE_SENTINEL_SOURCE]).config;
  first = await syncAt(config, T1);
  const s = SqliteCatalogStore.open(config.db);
  const rows = s.db.prepare('SELECT id, rowid FROM rules').all() as { id: string; rowid: number }[];
  const refId = (s.db.prepare('SELECT id FROM rules WHERE path = ?').pluck().get(REFERENCE_RULE_PATH) as string);
  afterFirst = { ids: s.allRuleIds(), rowids: new Map(rows.map((r) => [r.id, r.rowid])), problems: s.problems().length, refId };
  s.close();
  // The second sync parses every file again (--full), the third reuses the per-file cache:
  // both must find nothing changed.
  second = await syncAt(config, T2, { full: true });
  third = await syncAt(config, T3);
  store = SqliteCatalogStore.open(config.db);
});

describe('sync of corpus/azure-sentinel', () => {
  test('every file is a rule or a problem: 149 files, 146 rules, 3 failed stubs', () => {
    const s = first.sources[0]!;
    assert.equal(first.ok, true);
    assert.equal(s.filesRead, 149);
    assert.equal(s.rules, 146);
    assert.equal(s.added, 146);
    assert.equal(s.failedFiles, 3);
    assert.equal(s.ignored, 0);
    assert.equal(s.filesRead, s.rules! + s.ignored + s.failedFiles!, 'one rule per Sentinel file');
    const errors = store.problems().filter((p) => p.severity === 'error');
    assert.deepEqual([...new Set(errors.map((p) => p.file))].sort(), NO_QUERY_STUBS);
    assert.ok(errors.every((p) => p.source === 'Azure-Sentinel'));
    assert.equal(store.countRules(), 146);
  });

  test('the reference rule comes out as PRODUCT.md describes it', () => {
    const rule = store.getRule(afterFirst.refId)!;
    assert.equal(rule.name, 'Remote Management and Montioring tool - Addigy - Network Connection');
    assert.equal(rule.source, 'Azure-Sentinel');
    assert.equal(rule.language, 'kql');
    assert.equal(rule.kind, 'hunting');
    assert.deepEqual(rule.tactics, [{ id: 'TA0011', shortname: 'command-and-control', name: 'Command and Control' }]);
    assert.deepEqual(rule.techniques, [{ id: 'T1219', name: 'Remote Access Tools', known: true }]);
    assert.deepEqual(rule.dataSources, ['DeviceNetworkEvents']);
    for (const tag of ['hunting', 'microsoft', 'official']) assert.ok(rule.tags.includes(tag), tag);
    assert.equal(rule.commit, REFERENCE_COMMIT);
    assert.equal(
      rule.url,
      `https://github.com/Azure/Azure-Sentinel/blob/${REFERENCE_COMMIT}/Hunting%20Queries/Microsoft%20365%20Defender/RemoteManagementMonitoring/rmm_Addigy_netconn.yaml`,
    );
    assert.match(rule.query, /^let Time_start = now\(-5d\);\n/);
    assert.match(rule.raw, /^id: 4f0b3b8d-bde4-4cce-9ff7-1f0c0a7085af\n/);
    assert.equal(rule.upstreamId, '4f0b3b8d-bde4-4cce-9ff7-1f0c0a7085af');
    assert.match(rule.id, /^azure-sentinel-rmm-addigy-netconn-[0-9a-f]{10}$/);
    assert.equal(rule.firstSeen, T1);
    assert.equal(rule.lastChanged, T1);
    assert.equal(rule.retrievedAt, T3, 'retrieval time is the last sync that saw it');
    assert.match(rule.contentHash, /^[0-9a-f]{64}$/);
  });

  test('a re-sync with nothing changed (full re-parse, then cached) rewrites no rule and keeps ids and first-seen', () => {
    for (const report of [second, third]) {
      const s = report.sources[0]!;
      assert.deepEqual([s.added, s.changed, s.removed, s.unchanged], [0, 0, 0, 146]);
      assert.equal(s.problems, first.sources[0]!.problems);
    }
    assert.deepEqual(store.allRuleIds(), afterFirst.ids);
    const rows = store.db.prepare('SELECT id, rowid, first_seen, last_changed FROM rules').all() as {
      id: string;
      rowid: number;
      first_seen: string;
      last_changed: string;
    }[];
    // A rewritten row would have a new rowid (delete + insert) or a moved last_changed.
    assert.ok(rows.every((r) => afterFirst.rowids.get(r.id) === r.rowid));
    assert.ok(rows.every((r) => r.first_seen === T1 && r.last_changed === T1));
    assert.equal(store.problems().length, afterFirst.problems, 'problems replaced, not appended');
    assert.equal(store.lastSync()!.startedAt, T3);
    assert.equal(store.lastSync()!.sources[0]!.unchanged, 146);
  });

  test('catalog ids are URL-safe and unique', () => {
    const ids = store.allRuleIds();
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => /^[a-z0-9-]+$/.test(id)), ids.find((id) => !/^[a-z0-9-]+$/.test(id)));
  });

  test('the db lives where the configuration says, relative to its folder', () => {
    assert.equal(config.db, join(config.origin, '..', 'catalog.db'));
  });
});
