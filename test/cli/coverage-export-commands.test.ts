import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.js';
import { tempDir, writeConfig } from '../sync/sync-fixture.js';
import { coverageCatalog } from '../web/coverage-catalog.js';
import type { HandBuiltCatalog } from '../web/hand-built-catalog.js';
import { layerProblems } from '../web/navigator-layer-format.js';
import type { NavigatorLayer } from '../../src/web/coverage/navigator-layer.js';

/** `socfeed coverage` and `socfeed export` as users run them, over the hand-built coverage catalog (counts in coverage-catalog.ts). */

function socfeed(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let config: string;
let catalog: HandBuiltCatalog;

before(() => {
  dir = tempDir('socfeed-coverage-cli-');
  // The command reads only the configuration's ATT&CK location; a source is required by the format.
  config = writeConfig(dir, [{ name: 'unused', format: 'kql', dir: '.', paths: ['none/**'] }]).path;
  catalog = coverageCatalog();
});

after(() => {
  catalog?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('socfeed coverage', () => {
  test('--layer writes a valid 4.5 layer with the filters applied and links to --base-url', async () => {
    const file = join(dir, 'layer.json');
    const run = await socfeed(['coverage', '--config', config, '--db', catalog.store.db.name, '--layer', file, '--source', 'SigmaHQ', '--base-url', 'https://socfeed.example/']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /coverage: 3 techniques and sub-techniques with at least one rule/);
    const layer = JSON.parse(readFileSync(file, 'utf8')) as NavigatorLayer;
    assert.deepEqual(layerProblems(layer), []);
    assert.deepEqual(layer.techniques.map((t) => [t.techniqueID, t.score]), [['T1059', 2], ['T1059.001', 2], ['T1059.003', 1]]);
    assert.deepEqual(layer.techniques[1]!.links!.slice(0, 2), [
      { label: 'PowerShell C', url: 'https://socfeed.example/rules/sig-c' },
      { label: 'Shells D', url: 'https://socfeed.example/rules/sig-d' },
    ]);
  });

  test('--csv - prints the CSV; --have adds the data columns', async () => {
    const run = await socfeed(['coverage', '--config', config, '--db', catalog.store.db.name, '--csv', '-', '--have', 'DeviceNetworkEvents']);
    assert.equal(run.code, 0, run.stderr);
    const t1219 = run.stdout.split('\r\n').find((l) => l.startsWith('T1219,'));
    assert.match(t1219 ?? '', /^T1219,Remote Access Tools,,Command and Control,3,high,.*,1,runnable,https:\/\/attack\.mitre\.org\/techniques\/T1219\/$/);
  });

  test('exit 2 for bad usage, 1 without a catalog, 0 for --help', async () => {
    const none = await socfeed(['coverage', '--config', config, '--db', catalog.store.db.name]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give --layer FILE and\/or --csv FILE/);
    assert.match(none.stderr, /Usage: socfeed coverage/);
    assert.equal((await socfeed(['coverage', '--layer', 'x', '--base-url', 'ftp://x'])).code, 2);
    const missing = await socfeed(['coverage', '--config', config, '--db', join(dir, 'nope.db'), '--layer', join(dir, 'x.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no catalog at .*nope\.db/);
    const help = await socfeed(['coverage', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--layer FILE/);
  });
});

describe('socfeed export', () => {
  test('--out writes the site; --base-url makes the Atom and layer links absolute under it', async () => {
    const out = join(dir, 'site');
    const run = await socfeed(['export', '--config', config, '--db', catalog.store.db.name, '--out', out, '--base-url', 'https://example.org/socfeed/']);
    assert.equal(run.code, 0, run.stderr);
    // 7 rules: a page and a JSON file each, plus index, search index, coverage, 3 API files, CSV, layer, Atom and the assets.
    assert.match(run.stdout, /^exported 7 rules: \d+ files, [\d.]+ MB in [\d.]+ s to .*site\n$/);
    for (const file of ['index.html', 'search-index.js', 'coverage.html', 'rules/kql-a.html', 'api/rules/kql-a.json', 'api/rules.json', 'api/coverage.json', 'coverage.csv', 'coverage/layer.json', 'feed.atom', 'assets/app.css', 'assets/static-search.js']) {
      assert.ok(existsSync(join(out, file)), file);
    }
    const atom = readFileSync(join(out, 'feed.atom'), 'utf8');
    assert.ok(atom.includes('<link rel="self" type="application/atom+xml" href="https://example.org/socfeed/feed.atom"/>'));
    assert.ok(atom.includes('<link rel="alternate" type="text/html" href="https://example.org/socfeed/rules/kql-a.html"/>'));
    const layer = JSON.parse(readFileSync(join(out, 'coverage/layer.json'), 'utf8')) as NavigatorLayer;
    assert.deepEqual(layerProblems(layer), []);
    const t1219 = layer.techniques.find((t) => t.techniqueID === 'T1219')!;
    assert.deepEqual(t1219.links!.find((l) => 'label' in l && l.label === 'RMM A'), { label: 'RMM A', url: 'https://example.org/socfeed/rules/kql-a.html' });
    assert.deepEqual(t1219.links!.at(-1), { label: 'All 3 rules in socfeed', url: 'https://example.org/socfeed/index.html?technique=T1219' });
    assert.ok(readFileSync(join(out, 'rules/kql-a.html'), 'utf8').includes('href="../coverage.html"'), 'pages stay relative');
  });

  test('exit 2 without --out or with a bad --base-url, 1 without a catalog', async () => {
    const none = await socfeed(['export', '--config', config, '--db', catalog.store.db.name]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give --out DIR/);
    assert.equal((await socfeed(['export', '--out', join(dir, 'x'), '--base-url', 'example.org'])).code, 2);
    const missing = await socfeed(['export', '--config', config, '--db', join(dir, 'nope.db'), '--out', join(dir, 'y')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no catalog at/);
    assert.equal(existsSync(join(dir, 'y')), false, 'nothing written');
  });
});
