import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, openSync, closeSync, ftruncateSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import type { StoredProblem } from '../../src/store/catalog-store.js';
import type { SyncReport } from '../../src/sync/run-sync.js';
import { CORPUS, REFERENCE_RULE_PATH, REPO_ROOT } from '../helpers/shared.js';
import { syncAt, tempDir, writeConfig } from './sync-fixture.js';

/**
 * A folder of bad files (test/fixtures/bad-input, plus a 50 MB file made here) synced as a
 * Sentinel source: nothing may stop the sync, and every file must end as a rule, an ignored
 * file or a reported problem.
 */
const FIXTURES = join(REPO_ROOT, 'test/fixtures/bad-input');
const T1 = '2026-04-01T00:00:00.000Z';
const T2 = '2026-04-02T00:00:00.000Z';

let root: string;
let first: SyncReport;
let second: SyncReport;
let problems: StoredProblem[];
let rulesByPath: Map<string, { flags: string[]; id: string; lastChanged: string }[]>;
let afterSecond: Map<string, { flags: string[]; lastChanged: string }>;

before(async () => {
  const dir = tempDir('socfeed-bad-');
  root = join(dir, 'rules');
  mkdirSync(root);
  for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), join(root, f));
  copyFileSync(join(CORPUS, 'azure-sentinel', REFERENCE_RULE_PATH), join(root, 'good.yaml'));
  // 50 MB, sparse: a size far over the limit without writing 50 MB.
  const fd = openSync(join(root, 'huge.yaml'), 'w');
  writeSync(fd, 'id: huge\n');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);

  const { config } = writeConfig(dir, [{ name: 'Bad', format: 'sentinel', dir: 'rules', paths: ['**'] }]);
  first = await syncAt(config, T1);
  let store = SqliteCatalogStore.open(config.db);
  problems = store.problems();
  rulesByPath = new Map();
  for (const r of store.getRules(store.allRuleIds())) {
    rulesByPath.set(r.path, [...(rulesByPath.get(r.path) ?? []), { flags: r.flags, id: r.id, lastChanged: r.lastChanged }]);
  }
  store.close();

  rmSync(join(root, 'duplicate-id-b.yaml'));
  second = await syncAt(config, T2);
  store = SqliteCatalogStore.open(config.db);
  afterSecond = new Map(store.getRules(store.allRuleIds()).map((r) => [r.path, { flags: r.flags, lastChanged: r.lastChanged }]));
  store.close();
});

function errorsOf(file: string): string[] {
  return problems.filter((p) => p.file === file && p.severity === 'error').map((p) => p.reason);
}

describe('bad inputs through sync', () => {
  test('the sync finishes and counts every file', () => {
    const s = first.sources[0]!;
    assert.equal(first.ok, true);
    assert.equal(s.filesRead, 11, 'nine fixtures + good.yaml + huge.yaml');
    const ruleFiles = rulesByPath.size;
    assert.equal(ruleFiles + s.ignored + s.failedFiles!, s.filesRead);
    assert.equal(s.ignored, 1, 'README.md is not a Sentinel rule file');
  });

  test('unreadable files are reported with the reason, and give no rule', () => {
    assert.match(errorsOf('huge.yaml').join(), /50\.0 MB, over the 5\.0 MB limit for a rule file; skipped unread/);
    assert.match(errorsOf('binary.yaml').join(), /binary file/);
    assert.deepEqual(errorsOf('empty.yaml'), ['empty file']);
    assert.match(errorsOf('invalid-utf8.yaml').join(), /invalid UTF-8 at byte offset 15/);
    assert.ok(errorsOf('alias-bomb.yaml').length > 0, 'alias bomb rejected');
    assert.ok(errorsOf('unreadable.yaml').length > 0);
    for (const f of ['huge.yaml', 'binary.yaml', 'empty.yaml', 'invalid-utf8.yaml', 'alias-bomb.yaml', 'unreadable.yaml']) {
      assert.equal(rulesByPath.has(f), false, f);
    }
    assert.equal(first.sources[0]!.failedFiles, 6);
  });

  test('good files are rules; two YAML documents still give a rule', () => {
    assert.equal(rulesByPath.get('good.yaml')?.length, 1);
    assert.ok(rulesByPath.has('two-documents.yaml'));
    assert.ok(problems.some((p) => p.file === 'two-documents.yaml'), 'the second document is reported');
  });

  test('the same upstream id in two files: both kept, both flagged, both reported', () => {
    const a = rulesByPath.get('duplicate-id-a.yaml')![0]!;
    const b = rulesByPath.get('duplicate-id-b.yaml')![0]!;
    assert.notEqual(a.id, b.id);
    assert.ok(a.flags.includes('duplicate-upstream-id'));
    assert.ok(b.flags.includes('duplicate-upstream-id'));
    const dupWarnings = problems.filter((p) => p.reason.includes('is also used by'));
    assert.deepEqual(dupWarnings.map((p) => p.file).sort(), ['duplicate-id-a.yaml', 'duplicate-id-b.yaml']);
    assert.match(dupWarnings.find((p) => p.file === 'duplicate-id-a.yaml')!.reason, /also used by duplicate-id-b\.yaml/);
  });

  test('when one duplicate goes, the other loses its flag (an unchanged file whose rule changed)', () => {
    const s = second.sources[0]!;
    assert.deepEqual([s.added, s.changed, s.removed], [0, 1, 1]);
    assert.equal(afterSecond.has('duplicate-id-b.yaml'), false);
    const a = afterSecond.get('duplicate-id-a.yaml')!;
    assert.equal(a.flags.includes('duplicate-upstream-id'), false);
    assert.equal(a.lastChanged, T2);
    assert.equal(afterSecond.get('good.yaml')!.lastChanged, T1);
  });

  test('a configured size limit applies to ordinary files too', async () => {
    const dir = tempDir('socfeed-bad-');
    mkdirSync(join(dir, 'rules'));
    copyFileSync(join(CORPUS, 'azure-sentinel', REFERENCE_RULE_PATH), join(dir, 'rules', 'good.yaml'));
    const { config } = writeConfig(dir, [{ name: 'Small', format: 'sentinel', dir: 'rules', paths: ['**'] }], { maxFileBytes: 100 });
    const report = await syncAt(config, T1);
    assert.deepEqual([report.sources[0]!.rules, report.sources[0]!.failedFiles], [0, 1]);
    const store = SqliteCatalogStore.open(config.db);
    assert.match(store.problems()[0]!.reason, /over the 100 B limit/);
    store.close();
  });
});
