import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Rule } from '../../src/catalog/rule.js';
import { COMMANDS } from '../../src/cli/registry.js';
import { CORPUS, REFERENCE_RULE_PATH, REPO_ROOT, SCHEMAS } from '../helpers/shared.js';
import { tempDir, writeConfig } from '../sync/sync-fixture.js';

/** The CLI as users run it: `node --import tsx src/cli/main.ts …` in a child process. */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function socfeed(args: string[], opts: { cwd?: string; untilStdout?: RegExp; then?: (stdout: string) => Promise<void> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let triggered = false;
    child.stdout.on('data', (c) => {
      stdout += c;
      if (opts.untilStdout && !triggered && opts.untilStdout.test(stdout)) {
        triggered = true;
        opts.then!(stdout).then(() => child.kill('SIGTERM'), (err) => { child.kill('SIGKILL'); reject(err); });
      }
    });
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const FILES = [REFERENCE_RULE_PATH, 'Hunting Queries/AuditLogs/RareAuditActivityByApp.yaml', 'Hunting Queries/SecurityEvent/PotentialImpacketExecution.yaml'];
let dir: string;
let configPath: string;
let db: string;
let syncRun: Run;

before(async () => {
  dir = tempDir('socfeed-cli-');
  for (const f of FILES) {
    mkdirSync(dirname(join(dir, 'rules', f)), { recursive: true });
    copyFileSync(join(CORPUS, 'azure-sentinel', f), join(dir, 'rules', f));
  }
  configPath = writeConfig(dir, [
    { name: 'Azure-Sentinel', format: 'sentinel', dir: 'rules', paths: ['Hunting Queries/**'], repo: 'https://github.com/Azure/Azure-Sentinel', ref: 'main', tags: ['microsoft', 'official'] },
  ]).path;
  db = join(dir, 'cli.db');
  syncRun = await socfeed(['sync', '--config', configPath, '--db', db]);
});

const RULE_KEYS = [
  'id', 'source', 'upstreamId', 'name', 'description', 'format', 'language', 'query', 'raw', 'kind', 'severity',
  'severityInferred', 'status', 'tactics', 'techniques', 'tacticsRaw', 'techniquesRaw', 'dataSources', 'tags', 'authors',
  'created', 'modified', 'references', 'falsePositives', 'path', 'indexInFile', 'problems', 'flags', 'extra', 'commit',
  'url', 'firstSeen', 'lastChanged', 'retrievedAt', 'contentHash',
  // Added by the sync's enrichment pass (issue 4).
  'enrichment', 'lint',
].sort();

describe('socfeed CLI', () => {
  test('sync: exit 0 (every source synced), the summary on stdout counts files, rules and problems', () => {
    assert.equal(syncRun.code, 0, syncRun.stderr);
    assert.match(syncRun.stdout, /^Synced 1\/1 sources in [\d.]+ s: 3 files → 2 rules \(\+2 added, ~0 changed, -0 removed, =0 unchanged\), 0 ignored, 1 failed files, \d+ problems/);
    assert.match(syncRun.stderr, /Azure-Sentinel @ main: 3 files, 2 rules/, 'plain progress lines when not a TTY');
  });

  test('--help on every command exits 0 with its usage; the command list names them all', async () => {
    const runs = await Promise.all(COMMANDS.map((c) => socfeed([c.name, '--help'])));
    runs.forEach((r, i) => {
      assert.equal(r.code, 0);
      assert.ok(r.stdout.startsWith(`Usage: socfeed ${COMMANDS[i]!.name}`), r.stdout);
      assert.match(r.stdout, /--config FILE/);
      assert.match(r.stdout, /--db FILE/);
    });
    const top = await socfeed(['--help']);
    assert.equal(top.code, 0);
    for (const c of ['sync', 'serve', 'start', 'search', 'show', 'problems']) assert.match(top.stdout, new RegExp(`^  ${c} `, 'm'));
  });

  test('bad usage exits 2 with the usage on stderr', async () => {
    const [none, unknown, option, limit, show, both] = await Promise.all([
      socfeed([]),
      socfeed(['frobnicate']),
      socfeed(['search', '--bogus', '--db', db]),
      socfeed(['search', '--limit', 'many', '--db', db]),
      socfeed(['show', '--db', db]),
      socfeed(['search', '--all', '--limit', '3', '--db', db]),
    ]);
    for (const r of [none, unknown, option, limit, show, both]) assert.equal(r.code, 2, r.stderr);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    assert.match(option.stderr, /Unknown option '--bogus'[\s\S]*Usage: socfeed search/);
    assert.match(limit.stderr, /--limit: not a whole number: many/);
    assert.match(show.stderr, /missing argument[\s\S]*Usage: socfeed show ID/);
  });

  test('failures exit 1 with a message: no catalog, unknown rule, invalid configuration', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ sources: [{ name: 'x', format: 'yara', dir: '.', paths: ['**'] }], attack: 'a.json' }));
    const [missing, unknownRule, unknownHuntRule, invalid, offline] = await Promise.all([
      socfeed(['search', '--db', join(dir, 'none.db')]),
      socfeed(['show', 'no-such-rule', '--db', db]),
      socfeed(['hunt', '--rule', 'no-such-rule', '--db', db]),
      socfeed(['sync', '--config', bad]),
      // No socfeed.config.json in the repository root: the built-in public configuration. Our
      // machines reach no website, so this is as far as it can be tested.
      socfeed(['sync', '--db', join(dir, 'default', 'catalog.db')]),
    ]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no catalog at .*none\.db: run "socfeed sync" first/);
    assert.equal(unknownRule.code, 1);
    assert.match(unknownRule.stderr, /no rule with id no-such-rule/);
    // a well-formed id the catalog lacks is a failure, as for show, not bad usage
    assert.equal(unknownHuntRule.code, 1, unknownHuntRule.stderr);
    assert.match(unknownHuntRule.stderr, /^socfeed hunt: no rule with id no-such-rule in the catalog\n$/);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /sources\[0\]\.format: must be one of sentinel, sigma, elastic, splunk, kql/);
    assert.equal(offline.code, 1);
    assert.match(offline.stderr, /^socfeed sync: 4 sources from built-in default/);
    assert.match(
      offline.stderr,
      /could not download the ATT&CK bundle from https:\/\/raw\.githubusercontent\.com\/mitre-attack\/attack-stix-data\/master\/enterprise-attack\/enterprise-attack\.json \(.+\) and no copy is cached; set "attack" in the configuration to a local enterprise-attack\.json/,
    );
  });

  test('search --json prints full rule records; empty text matches every rule; filters and --limit apply', async () => {
    const [all, text, filtered, limited] = await Promise.all([
      socfeed(['search', '--json', '--db', db]),
      socfeed(['search', 'addigy', '--json', '--db', db]),
      socfeed(['search', '--technique', 'T1219', '--source', 'Azure-Sentinel', '--language', 'kql', '--db', db]),
      socfeed(['search', '--limit', '1', '--db', db]),
    ]);
    const rules = JSON.parse(all.stdout) as Rule[];
    assert.equal(rules.length, 2);
    for (const r of rules) assert.deepEqual(Object.keys(r).sort(), RULE_KEYS);
    const found = JSON.parse(text.stdout) as Rule[];
    assert.deepEqual(found.map((r) => r.name), ['Remote Management and Montioring tool - Addigy - Network Connection']);
    assert.equal(found[0]!.url, 'https://github.com/Azure/Azure-Sentinel/blob/main/Hunting%20Queries/Microsoft%20365%20Defender/RemoteManagementMonitoring/rmm_Addigy_netconn.yaml');
    assert.equal(filtered.code, 0);
    assert.deepEqual(filtered.stdout.trim().split('\n').map((l) => l.split('\t')[0]), [found[0]!.id]);
    assert.equal(limited.stdout.trim().split('\n').length, 1);
    assert.match(limited.stderr, /1 of 2 matching rules/);
  });

  test('show ID prints the rule; --json gives the same record as search', async () => {
    const id = (JSON.parse((await socfeed(['search', 'addigy', '--json', '--db', db])).stdout) as Rule[])[0]!;
    const [text, json] = await Promise.all([socfeed(['show', id.id, '--db', db]), socfeed(['show', id.id, '--json', '--db', db])]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^Remote Management and Montioring tool - Addigy - Network Connection\n/);
    assert.match(text.stdout, /techniques: {3}T1219 Remote Access Tools/);
    assert.deepEqual(JSON.parse(json.stdout), id);
  });

  test('problems --json lists the failed stub with source, file and reason', async () => {
    const r = await socfeed(['problems', '--json', '--db', db]);
    assert.equal(r.code, 0);
    const problems = JSON.parse(r.stdout) as { source: string; file: string; reason: string; severity: string }[];
    const errors = problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors.map((p) => [p.source, p.file]), [['Azure-Sentinel', 'Hunting Queries/SecurityEvent/PotentialImpacketExecution.yaml']]);
  });

  test('serve answers HTTP on the port it prints, hunts with its --schemas, and stops on SIGTERM with exit 0', async () => {
    let status = 0;
    let body: { total?: number } = {};
    let hunt: { rows?: unknown[][]; data?: { notes: string[] } } = {};
    const r = await socfeed(['serve', '--config', configPath, '--db', db, '--port', '0', '--schemas', join(SCHEMAS, 'defender')], {
      untilStdout: /serving \d+ rules on (http:\S+)/,
      then: async (stdout) => {
        const url = /serving \d+ rules on (http:\S+)/.exec(stdout)![1]!;
        const res = await fetch(new URL('/api/rules', url));
        status = res.status;
        body = (await res.json()) as { total?: number };
        const h = await fetch(new URL('/api/hunt', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'DeviceNetworkEvents | count', now: '2026-05-25T23:00:00Z' }),
        });
        hunt = (await h.json()) as typeof hunt;
      },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(status, 200);
    assert.equal(body.total, 2);
    assert.deepEqual(hunt.rows, [[2000]]);
    assert.match(hunt.data!.notes[0]!, /^DeviceNetworkEvents: 2,000 synthetic rows from its schema \(\d+ columns\)/);
  });
});
