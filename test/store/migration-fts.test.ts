import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { ruleToRow } from '../../src/store/rule-row.js';
import type { Rule } from '../../src/catalog/rule.js';

const rule: Rule = {
  id: 'r1', source: 'S', upstreamId: null, name: 'Addigy network connection', description: 'RMM tool', format: 'kql',
  language: 'kql', query: 'DeviceNetworkEvents | take 1', raw: '', kind: 'hunting', severity: null, severityInferred: false,
  status: null, tactics: [], techniques: [], tacticsRaw: [], techniquesRaw: [], dataSources: [], tags: ['official'],
  authors: [], created: null, modified: null, references: [], falsePositives: [], path: 'a.yaml', indexInFile: 0,
  problems: [], flags: [], extra: {}, commit: null, url: null, firstSeen: '2026-01-01T00:00:00Z',
  lastChanged: '2026-01-01T00:00:00Z', retrievedAt: '2026-01-01T00:00:00Z', contentHash: 'h',
};

test('migration 2 rebuilds the full-text index of a version-1 catalog: rules stay findable, prefixes still match', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
  db.exec(MIGRATIONS[0]!.sql);
  db.prepare('INSERT INTO schema_version VALUES (1)').run();
  const row = ruleToRow(rule) as unknown as Record<string, unknown>;
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO rules (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);

  assert.equal(migrate(db), MIGRATIONS[MIGRATIONS.length - 1]!.version);
  const match = (q: string) => db.prepare('SELECT rowid FROM rules_fts WHERE rules_fts MATCH ?').pluck().all(q);
  assert.deepEqual(match('addigy'), [1]);
  assert.deepEqual(match('addi*'), [1], 'prefix queries work without a prefix index');
  assert.deepEqual(match('official'), [1], 'tags are indexed');
  assert.deepEqual(match('sigma'), []);
  // The triggers came back too: a new rule is indexed.
  db.prepare(`INSERT INTO rules (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run({ ...row, id: 'r2', name: 'Sigma thing' });
  assert.deepEqual(match('sigma'), [2]);
});
