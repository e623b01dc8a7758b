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

test('migration 6 indexes ATT&CK technique ids and names: "T1219" finds the rules mapped to it, old and new', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 5)) db.exec(m.sql);
  db.prepare('INSERT INTO schema_version VALUES (5)').run();
  const insert = (r: Rule) => {
    const row = ruleToRow(r) as unknown as Record<string, unknown>;
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO rules (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);
  };
  // Neither the name, the description, the query nor the tags say T1219: only the mapping does.
  insert({ ...rule, techniques: [{ id: 'T1219', name: 'Remote Access Tools', known: true }] });
  const match = (q: string) => db.prepare('SELECT rowid FROM rules_fts WHERE rules_fts MATCH ?').pluck().all(q);
  assert.deepEqual(match('"T1219"*'), [], 'version 5 did not index techniques');

  assert.equal(migrate(db), MIGRATIONS[MIGRATIONS.length - 1]!.version);
  assert.deepEqual(match('"T1219"*'), [1], 'the migration re-indexed the existing rule');
  assert.deepEqual(match('"remote" AND "access"'), [1], 'technique names too');
  assert.deepEqual(match('official'), [1], 'tags are still indexed');
  // The new triggers: an inserted rule's sub-technique is found by its parent's id (T1566.001 is the words t1566 and 001).
  insert({ ...rule, id: 'r2', name: 'Phish', techniques: [{ id: 'T1566.001', name: 'Spearphishing Attachment', known: true }] });
  assert.deepEqual(match('"T1566"*'), [2]);
  db.prepare("UPDATE rules SET techniques_json = '[]' WHERE id = 'r2'").run();
  assert.deepEqual(match('"T1566"*'), [], 'an update re-indexes');
});
