import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Rule } from '../../src/catalog/rule.js';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import type { SyncReport } from '../../src/sync/run-sync.js';
import { CORPUS, REFERENCE_RULE_PATH } from '../helpers/shared.js';
import { syncAt, tempDir, writeConfig } from './sync-fixture.js';

/**
 * A git source against a real local repository (file:// URL) built from corpus files:
 * a first commit, then one that changes one rule, adds one and deletes one.
 */
const AUDIT = 'Hunting Queries/AuditLogs';
const FIRST_FILES = [
  REFERENCE_RULE_PATH,
  `${AUDIT}/ConsentToApplicationDiscovery.yaml`,
  `${AUDIT}/RareAuditActivityByApp.yaml`,
  `${AUDIT}/ServicePrincipalCredentialAdditionByRareActor.yaml`,
  `${AUDIT}/StsRefreshTokenModification.yaml`,
];
const CHANGED = REFERENCE_RULE_PATH;
const DELETED = `${AUDIT}/StsRefreshTokenModification.yaml`;
const ADDED = 'Hunting Queries/SigninLogs/SignInLogsWithExpandedPolicies.yaml';
const OUTSIDE = 'Tools/not-a-rule.yaml';

const T1 = '2026-03-01T00:00:00.000Z';
const T2 = '2026-03-02T00:00:00.000Z';

let repo: string;
let commits: string[] = [];
let reports: SyncReport[] = [];
let before1: Rule[];
let after2: Rule[];
let cacheFolder: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'user.name=socfeed test', '-c', 'user.email=test@socfeed.invalid', ...args], { encoding: 'utf8' }).trim();
}

function put(path: string, from = path) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  copyFileSync(join(CORPUS, 'azure-sentinel', from), join(repo, path));
}

before(async () => {
  const dir = tempDir('socfeed-git-');
  repo = join(dir, 'upstream');
  mkdirSync(repo);
  git('init', '--quiet', '-b', 'main');
  git('config', 'uploadpack.allowFilter', 'true');
  for (const f of FIRST_FILES) put(f);
  put(OUTSIDE, FIRST_FILES[1]);
  git('add', '-A');
  git('commit', '--quiet', '-m', 'first');
  commits.push(git('rev-parse', 'HEAD'));

  const { config } = writeConfig(dir, [
    {
      name: 'Azure-Sentinel',
      format: 'sentinel',
      git: `file://${repo}`,
      ref: 'main',
      repo: 'https://github.com/Azure/Azure-Sentinel',
      paths: ['Hunting Queries/**'],
      tags: ['microsoft', 'official'],
    },
  ]);
  cacheFolder = join(dir, 'sources', 'Azure-Sentinel');
  reports.push(await syncAt(config, T1));
  let store = SqliteCatalogStore.open(config.db);
  before1 = store.getRules(store.allRuleIds());
  store.close();

  const text = readFileSync(join(repo, CHANGED), 'utf8');
  writeFileSync(join(repo, CHANGED), text.replace('Attackers have begun to abuse', 'Attackers abuse'));
  git('rm', '--quiet', DELETED);
  put(ADDED);
  git('add', '-A');
  git('commit', '--quiet', '-m', 'second');
  commits.push(git('rev-parse', 'HEAD'));

  reports.push(await syncAt(config, T2));
  store = SqliteCatalogStore.open(config.db);
  after2 = store.getRules(store.allRuleIds());
  store.close();
});

describe('git source', () => {
  test('first sync: a sparse shallow checkout of the configured paths at the commit', () => {
    const s = reports[0]!.sources[0]!;
    assert.equal(reports[0]!.ok, true, s.error);
    assert.equal(s.commit, commits[0]);
    assert.deepEqual([s.filesRead, s.added, s.rules], [5, 5, 5]);
    assert.ok(before1.every((r) => r.commit === commits[0] && r.url!.includes(`/blob/${commits[0]}/`)));
    // Sparse: the file outside the paths is not checked out; shallow: one commit of history.
    assert.equal(existsSync(join(cacheFolder, OUTSIDE)), false);
    assert.equal(existsSync(join(cacheFolder, CHANGED)), true);
    assert.equal(execFileSync('git', ['-C', cacheFolder, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim(), '1');
  });

  test('second sync: exactly one added, one changed, one removed, the rest unchanged', () => {
    const s = reports[1]!.sources[0]!;
    assert.equal(s.commit, commits[1]);
    assert.deepEqual(
      { added: s.added, changed: s.changed, removed: s.removed, unchanged: s.unchanged, rules: s.rules },
      { added: 1, changed: 1, removed: 1, unchanged: 3, rules: 5 },
    );
    const byPath = (rules: Rule[]) => new Map(rules.map((r) => [r.path, r]));
    const old = byPath(before1);
    const now = byPath(after2);
    assert.equal(now.has(DELETED), false);

    const added = now.get(ADDED)!;
    assert.equal(added.firstSeen, T2);
    assert.ok(added.url!.includes(`/blob/${commits[1]}/`), added.url!);

    const changed = now.get(CHANGED)!;
    assert.equal(changed.id, old.get(CHANGED)!.id, 'same file, same id');
    assert.match(changed.description, /^Remote Monitoring and Management \(RMM\) programs are IT to manage remote endpoints\. Attackers abuse/);
    assert.equal(changed.firstSeen, T1);
    assert.equal(changed.lastChanged, T2);
    assert.equal(changed.commit, commits[1]);
    assert.ok(changed.url!.includes(`/blob/${commits[1]}/Hunting%20Queries/`), changed.url!);
    assert.notEqual(changed.contentHash, old.get(CHANGED)!.contentHash);

    for (const path of FIRST_FILES.filter((p) => p !== CHANGED && p !== DELETED)) {
      const r = now.get(path)!;
      assert.equal(r.firstSeen, T1, path);
      assert.equal(r.lastChanged, T1, path);
      assert.equal(r.contentHash, old.get(path)!.contentHash, path);
      assert.equal(r.retrievedAt, T2, path);
    }
  });

  test('an unreachable remote fails the source with git\'s message and keeps its rules', async () => {
    const dir = tempDir('socfeed-git-');
    const { config } = writeConfig(dir, [
      { name: 'Gone', format: 'sentinel', git: `file://${join(dir, 'no-such-repo')}`, paths: ['**'] },
    ]);
    const report = await syncAt(config, T1);
    assert.equal(report.ok, false);
    assert.match(report.sources[0]!.error!, /^git fetch failed for source Gone \(file:\/\/.*no-such-repo\): /);
    rmSync(dir, { recursive: true, force: true });
  });
});
