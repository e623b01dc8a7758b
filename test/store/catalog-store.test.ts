import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openCatalogDb, CatalogMissingError } from '../../src/store/open-catalog-db.js';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import { ftsMatch } from '../../src/store/filter-sql.js';
import { REFERENCE_RULE_PATH } from '../helpers/shared.js';
import { AZURE_SENTINEL_SOURCE, syncAt, tempDir, writeConfig } from '../sync/sync-fixture.js';

/** The store over a real sync of corpus/azure-sentinel (146 rules). */
let store: SqliteCatalogStore;
let refId: string;

before(async () => {
  const { config } = writeConfig(tempDir(), [AZURE_SENTINEL_SOURCE]);
  await syncAt(config, '2026-02-01T00:00:00.000Z');
  store = SqliteCatalogStore.open(config.db);
  refId = store.db.prepare('SELECT id FROM rules WHERE path = ?').pluck().get(REFERENCE_RULE_PATH) as string;
});

/** Every rule, read in full, for checking filters against the records themselves. */
function everyRule() {
  return store.getRules(store.allRuleIds());
}

describe('migrations', () => {
  test('a new database gets every migration once, recorded in schema_version', () => {
    const db = openCatalogDb(join(tempDir(), 'new.db'), { create: true });
    const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all();
    assert.deepEqual(versions, MIGRATIONS.map((m) => m.version));
    assert.equal(migrate(db), MIGRATIONS.at(-1)!.version, 'running again applies nothing');
    assert.equal(db.prepare('SELECT count(*) FROM schema_version').pluck().get(), MIGRATIONS.length);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  test('a database from a newer socfeed is refused, a missing one is an error when not creating', () => {
    const path = join(tempDir(), 'future.db');
    const db = new Database(path);
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (999)');
    db.close();
    assert.throws(() => openCatalogDb(path, { create: false }), /schema version 999 is newer/);
    assert.throws(() => openCatalogDb(join(tempDir(), 'none.db'), { create: false }), CatalogMissingError);
  });
});

describe('full-text search', () => {
  test('the FTS table is kept in step with rules', () => {
    assert.equal(store.db.prepare('SELECT count(*) FROM rules_fts').pluck().get(), store.countRules());
  });

  test('words match as prefixes in name, description, query and tags; the name match ranks first', () => {
    const r = store.searchRules({ text: 'addig network conn' }, { limit: 10, offset: 0 });
    assert.ok(r.total >= 1);
    assert.equal(r.rules[0]!.id, refId);
    assert.ok(r.rules[0]!.snippet?.includes('\u0001'), 'snippet marks the match');
    // A word found only in the query text of the reference rule.
    const q = store.searchRules({ text: 'grtmprod' }, { limit: 10, offset: 0 });
    assert.deepEqual(q.rules.map((x) => x.id), [refId]);
  });

  test('FTS5 syntax in user text is taken literally, never an error', () => {
    assert.equal(ftsMatch('  "a" OR b* NEAR( -c ) '), '"a"* AND "OR"* AND "b"* AND "NEAR"* AND "c"*');
    assert.equal(ftsMatch('---'), null);
    assert.doesNotThrow(() => store.searchRules({ text: 'name:"x" AND (' }, { limit: 5, offset: 0 }));
    assert.equal(store.searchRules({ text: '***' }, { limit: 1, offset: 0 }).total, store.countRules());
  });
});

describe('filters, facets, pagination, coverage', () => {
  test('source + technique + table filters agree with the rules themselves', () => {
    const expected = everyRule()
      .filter((r) => r.techniques.some((t) => t.id === 'T1219') && r.dataSources.includes('DeviceNetworkEvents'))
      .map((r) => r.id)
      .sort();
    assert.ok(expected.length > 10);
    const r = store.searchRules({ source: ['Azure-Sentinel'], technique: ['t1219'], table: ['DeviceNetworkEvents'] }, { limit: 1000, offset: 0 });
    assert.equal(r.total, expected.length);
    assert.deepEqual(r.rules.map((x) => x.id).sort(), expected);
  });

  test('a parent technique matches its sub-techniques; tactic, kind and language filters', () => {
    const all = everyRule();
    const t1078 = all.filter((r) => r.techniques.some((t) => t.id === 'T1078' || t.id.startsWith('T1078.'))).length;
    assert.ok(all.some((r) => r.techniques.some((t) => t.id.startsWith('T1078.'))), 'the slice has T1078 sub-techniques');
    assert.equal(store.searchRules({ technique: ['T1078'] }, { limit: 0, offset: 0 }).total, t1078);
    const c2Hunting = all.filter((r) => r.kind === 'hunting' && r.tactics.some((t) => t.id === 'TA0011')).length;
    assert.equal(store.searchRules({ tactic: ['TA0011'], kind: ['hunting'] }, { limit: 0, offset: 0 }).total, c2Hunting);
    assert.equal(store.searchRules({ language: ['kql'] }, { limit: 0, offset: 0 }).total, all.filter((r) => r.language === 'kql').length);
    const flagged = all.filter((r) => r.problems.length > 0 || r.flags.length > 0).length;
    assert.ok(flagged > 0);
    assert.equal(store.searchRules({ flagged: true }, { limit: 0, offset: 0 }).total, flagged);
  });

  test('facets count under the current filters', () => {
    const filters = { text: 'addigy' };
    const total = store.searchRules(filters, { limit: 0, offset: 0 }).total;
    const f = store.facets(filters);
    assert.deepEqual(f.source, [{ value: 'Azure-Sentinel', label: 'Azure-Sentinel', count: total }]);
    const t1219 = f.technique.find((x) => x.value === 'T1219')!;
    assert.equal(t1219.label, 'T1219 Remote Access Tools');
    assert.equal(t1219.count, store.searchRules({ ...filters, technique: ['T1219'] }, { limit: 0, offset: 0 }).total);
    assert.deepEqual(f.tactic.find((x) => x.value === 'TA0011'), { value: 'TA0011', label: 'Command and Control', count: t1219.count });
    const all = store.facets({});
    assert.equal(all.tag.find((t) => t.value === 'official')!.count, store.countRules());
    assert.equal(all.kind.reduce((n, k) => n + k.count, 0), store.countRules());
  });

  test('pages are disjoint and cover the result; sorts by name and severity', () => {
    const total = store.countRules();
    const ids: string[] = [];
    for (let offset = 0; offset < total; offset += 40) {
      ids.push(...store.searchRules({}, { limit: 40, offset, sort: 'name' }).rules.map((r) => r.id));
    }
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total);
    const names = store.searchRules({}, { limit: 1000, offset: 0, sort: 'name' }).rules.map((r) => r.name.toLowerCase());
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const ranks = store.searchRules({}, { limit: 1000, offset: 0, sort: 'severity' }).rules.map((r) =>
      ['informational', 'low', 'medium', 'high', 'critical'].indexOf(r.severity ?? ''),
    );
    assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a));
  });

  test('coverage counts rules per technique, parents including their sub-techniques', () => {
    const cov = store.coverage({});
    assert.equal(cov.get('T1219'), store.searchRules({ technique: ['T1219'] }, { limit: 0, offset: 0 }).total);
    assert.equal(cov.get('T1078'), store.searchRules({ technique: ['T1078'] }, { limit: 0, offset: 0 }).total);
    assert.equal(store.coverage({ source: ['nope'] }).size, 0);
  });

  test('getRules keeps the order asked and skips unknown ids; getRule of an unknown id is null', () => {
    const ids = store.allRuleIds().slice(0, 3).reverse();
    assert.deepEqual(store.getRules([...ids, 'missing']).map((r) => r.id), ids);
    assert.equal(store.getRule('missing'), null);
  });
});
