import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, REFERENCE_RULE_PATH, REPO_ROOT, SCHEMAS } from '../helpers/shared.js';

const REFERENCE = join(CORPUS, 'azure-sentinel', REFERENCE_RULE_PATH);
const VARIANT = join(CORPUS, 'rmm-tools/RMM/Addigy/rmm_Addigy_netconn.yaml');

function socfeed(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Checks the parts of SARIF 2.1.0 that code-scanning tools require. */
function assertSarif(log: Record<string, unknown>): void {
  assert.equal(log['version'], '2.1.0');
  assert.match(String(log['$schema']), /sarif-2\.1\.0/);
  const runs = log['runs'] as Record<string, unknown>[];
  assert.equal(runs.length, 1);
  const driver = (runs[0]!['tool'] as { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } }).driver;
  assert.equal(driver.name, 'socfeed');
  const ruleIds = driver.rules.map((r) => r.id);
  for (const r of driver.rules) assert.ok(r.shortDescription.text.length > 0);
  for (const result of runs[0]!['results'] as Record<string, unknown>[]) {
    assert.ok(ruleIds.includes(result['ruleId'] as string));
    assert.ok(['error', 'warning', 'note'].includes(result['level'] as string));
    assert.equal(typeof (result['message'] as { text: string }).text, 'string');
    const [loc] = result['locations'] as { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    assert.equal(typeof loc!.physicalLocation.artifactLocation.uri, 'string');
    assert.ok(Number.isInteger(loc!.physicalLocation.region.startLine) && loc!.physicalLocation.region.startLine >= 1);
    assert.ok(Number.isInteger(loc!.physicalLocation.region.startColumn) && loc!.physicalLocation.region.startColumn >= 1);
  }
}

describe('socfeed lint', { concurrency: true }, () => {
  test('reference rule against the Defender schema: clean, exit 0', async () => {
    const r = await socfeed(['lint', '--schemas', join(SCHEMAS, 'defender'), REFERENCE]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 rule linted: 0 errors, 0 warnings/);
  });

  test('against the Sentinel schema: SARIF 2.1.0 naming the column at its line in the YAML, exit 1', async () => {
    const r = await socfeed(['lint', '--schemas', join(SCHEMAS, 'sentinel'), '--format', 'sarif', REFERENCE]);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as Record<string, unknown>;
    assertSarif(log);
    const results = (log['runs'] as { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[])[0]!.results;
    assert.equal(results.length, 1);
    assert.equal(results[0]!.ruleId, 'unknown-column');
    assert.match(results[0]!.message.text, /InitiatingProcessVersionInfoCompanyName/);
    const loc = results[0]!.locations[0]!.physicalLocation;
    assert.match(loc.artifactLocation.uri, /rmm_Addigy_netconn\.yaml$/);
    assert.deepEqual([loc.region.startLine, loc.region.startColumn], [32, 19]);
  });

  test('json over a folder: the variant reports AccountUpn', async () => {
    const r = await socfeed(['lint', '--schemas', join(SCHEMAS, 'defender'), '--format', 'json', VARIANT]);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as { code: string; message: string; file: string }[];
    assert.deepEqual(findings.map((f) => f.code), ['unknown-column']);
    assert.match(findings[0]!.message, /AccountUpn/);
    assert.match(findings[0]!.file, /rmm_Addigy_netconn\.yaml$/);
  });

  // The CLI runs in the repository and ../shared lies beside it: a path relative to the working
  // folder starts with "..", which the Sigma/Elastic/Splunk/KQL adapters once took for a hidden folder.
  test('files outside the working folder are linted, not skipped as in a hidden folder', async () => {
    const sigma = await socfeed(['lint', join(CORPUS, 'sigma/rules/windows/file/file_event/file_event_win_rdp_file_susp_creation.yml')]);
    assert.equal(sigma.code, 0, sigma.stderr);
    assert.doesNotMatch(sigma.stderr, /hidden folder/);
    assert.match(sigma.stdout, /1 rule linted: 0 errors, 0 warnings/);

    const dir = mkdtempSync(join(tmpdir(), 'socfeed-lint-'));
    try {
      const file = join(dir, 'bad.kql');
      // `where Foo ==` lacks its right-hand side: the parser's "Missing expression" at column 35
      writeFileSync(file, 'DeviceNetworkEvents | where Foo ==\n');
      const kql = await socfeed(['lint', file]);
      assert.equal(kql.code, 1, kql.stderr);
      assert.match(kql.stdout, /bad\.kql:1:35 error syntax-error/);
      assert.match(kql.stdout, /1 rule linted: 1 error, 0 warnings/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a rule file that gives no rule fails the lint (exit 1); a README beside it is skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socfeed-lint-'));
    try {
      writeFileSync(join(dir, 'README.md'), '# My detections\n\nNotes, no query.\n');
      const readmeOnly = await socfeed(['lint', dir]);
      assert.equal(readmeOnly.code, 0, readmeOnly.stderr);
      assert.match(readmeOnly.stderr, /skipped .*README\.md: Markdown without KQL code blocks/);
      // a Sentinel rule whose author forgot the query: sync reports it as an error, so must lint
      writeFileSync(join(dir, 'no-query.yaml'), 'id: 5b0e1a56-0000-4000-8000-000000000001\nname: Forgot the query\nseverity: Low\n');
      const broken = await socfeed(['lint', '--format', 'sarif', dir]);
      assert.equal(broken.code, 1, broken.stderr);
      assert.match(broken.stderr, /error: .*no-query\.yaml: /);
      const text = await socfeed(['lint', dir]);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /0 rules linted: 0 errors, 0 warnings\n1 rule file gave no rule \(see above\)\n$/);
      const missing = await socfeed(['lint', join(dir, 'nowhere.kql')]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /nowhere\.kql: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad --format is a usage error (exit 2)', async () => {
    const r = await socfeed(['lint', '--format', 'xml', REFERENCE]);
    assert.equal(r.code, 2);
  });
});
