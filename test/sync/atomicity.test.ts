import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { CORPUS, REPO_ROOT } from '../helpers/shared.js';
import { syncAt, tempDir, writeConfig } from './sync-fixture.js';

/**
 * SIGKILL a real `socfeed sync` child process at known moments (hooks that pause inside the
 * parse loop and inside the write transaction) and at an arbitrary one: the catalog must
 * always be the previous one, whole and readable — or, after a clean finish, the new one.
 */
const FILES = [
  'Hunting Queries/AuditLogs/ConsentToApplicationDiscovery.yaml',
  'Hunting Queries/AuditLogs/RareAuditActivityByApp.yaml',
  'Hunting Queries/AuditLogs/ServicePrincipalCredentialAdditionByRareActor.yaml',
  'Hunting Queries/AuditLogs/StsRefreshTokenModification.yaml',
  'Hunting Queries/SigninLogs/LoginSpikeWithIncreaseFailureRate.yaml',
];
const ADDED = 'Hunting Queries/SigninLogs/SignInLogsWithExpandedPolicies.yaml';

interface Snapshot {
  rules: string[];
  syncs: number;
  fts: number;
  problems: number;
}

let dir: string;
let configPath: string;
let dbPath: string;
let old: Snapshot;

function snapshot(): Snapshot {
  const db = new Database(dbPath, { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    return {
      rules: (db.prepare("SELECT id || ' ' || content_hash FROM rules ORDER BY id").pluck().all() as string[]),
      syncs: db.prepare('SELECT count(*) FROM syncs').pluck().get() as number,
      fts: db.prepare('SELECT count(*) FROM rules_fts').pluck().get() as number,
      problems: db.prepare('SELECT count(*) FROM problems').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** Runs `socfeed sync` in a child; kills it with SIGKILL when stderr shows `marker` (or after `afterMs`). */
function syncAndKill(opts: { env?: Record<string, string>; marker?: string; afterMs?: number }): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'sync', '--config', configPath], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (!killed && child.exitCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (opts.marker && stderr.includes(opts.marker)) kill();
    });
    if (opts.afterMs !== undefined) setTimeout(kill, opts.afterMs);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ killed, code }));
  });
}

before(async () => {
  dir = tempDir('socfeed-atomic-');
  for (const f of FILES) {
    mkdirSync(dirname(join(dir, 'rules', f)), { recursive: true });
    copyFileSync(join(CORPUS, 'azure-sentinel', f), join(dir, 'rules', f));
  }
  const written = writeConfig(dir, [{ name: 'Atomic', format: 'sentinel', dir: 'rules', paths: ['**/*.yaml'], repo: 'https://github.com/Azure/Azure-Sentinel', ref: 'main' }]);
  configPath = written.path;
  dbPath = written.config.db;
  await syncAt(written.config, '2026-05-01T00:00:00.000Z');
  old = snapshot();
  assert.equal(old.rules.length, 5);

  // The next sync has work to do: one change, one removal, one addition.
  const changed = join(dir, 'rules', FILES[0]!);
  writeFileSync(changed, readFileSync(changed, 'utf8').replace(/^name: .*$/m, 'name: Renamed for the atomicity test'));
  rmSync(join(dir, 'rules', FILES[1]!));
  copyFileSync(join(CORPUS, 'azure-sentinel', ADDED), join(dir, 'rules', ADDED));
});

describe('a sync killed with SIGKILL', () => {
  test('while parsing: the previous catalog is intact', async () => {
    const r = await syncAndKill({ env: { SOCFEED_TEST_PAUSE_IN_PARSE: '60000' }, marker: 'socfeed-test: paused while parsing' });
    assert.equal(r.killed, true);
    assert.deepEqual(snapshot(), old);
  });

  test('inside the write transaction (everything written but not committed): the previous catalog is intact', async () => {
    const r = await syncAndKill({ env: { SOCFEED_TEST_PAUSE_IN_WRITE: '60000' }, marker: 'socfeed-test: paused in the write transaction' });
    assert.equal(r.killed, true);
    assert.deepEqual(snapshot(), old);
  });

  test('at an arbitrary moment: the catalog is the old one or the new one, never a mix', async () => {
    await syncAndKill({ afterMs: 2500 });
    const now = snapshot();
    assert.ok(now.syncs === old.syncs || now.syncs === old.syncs + 1);
    if (now.syncs === old.syncs) assert.deepEqual(now, old);
    else assert.equal(now.rules.length, 5);
    assert.equal(now.fts, now.rules.length);
  });

  test('left alone, the same sync completes: 1 added, 1 changed, 1 removed', async () => {
    const r = await syncAndKill({});
    assert.equal(r.code, 0);
    const now = snapshot();
    assert.equal(now.rules.length, 5);
    assert.equal(now.fts, 5);
    const oldSet = new Set(old.rules);
    assert.equal(now.rules.filter((x) => oldSet.has(x)).length, 3, 'three rules untouched');
  });
});
