import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig, loadConfigFile } from '../../src/config/load-config.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { REPO_ROOT, CORPUS, ATTACK_BUNDLE } from '../helpers/shared.js';

const good = {
  sources: [{ name: 'local', format: 'sentinel', dir: 'rules', paths: ['**/*.yaml'], repo: 'https://github.com/a/b', ref: 'main' }],
  attack: 'attack.json',
};

function problemsOf(raw: unknown): string[] {
  try {
    validateConfig(raw, '/base', 'test.json');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('validateConfig', () => {
  test('a valid configuration resolves paths against the base folder and fills defaults', () => {
    const c = validateConfig(good, '/base', 'test.json');
    assert.deepEqual(c.sources[0]!.location, { kind: 'dir', path: '/base/rules' });
    assert.deepEqual(c.attack, { kind: 'file', path: '/base/attack.json' });
    assert.equal(c.db, '/base/.socfeed/catalog.db');
    assert.equal(c.maxFileBytes, 5 * 1024 * 1024);
    assert.deepEqual(c.sources[0]!.tags, []);
    assert.equal(c.sources[0]!.manifest, null);
    assert.deepEqual(c.schemas, [], 'no schemas: lint inside sync is parse-only');
  });

  test('schemas: folders of table schemas, relative to the configuration, in order; anything else is reported', () => {
    const c = validateConfig({ ...good, schemas: ['schemas/sentinel', '/abs/defender'] }, '/base', 'test.json');
    assert.deepEqual(c.schemas, ['/base/schemas/sentinel', '/abs/defender']);
    assert.deepEqual(problemsOf({ ...good, schemas: 'schemas' }), ['schemas: must be an array of strings']);
    assert.deepEqual(problemsOf({ ...good, schemas: ['ok', ''] }), ['schemas[1]: must be a non-empty string']);
  });

  test('a bad format names the key and the allowed values', () => {
    const raw = { ...good, sources: [good.sources[0], good.sources[0], { ...good.sources[0], name: 'x', format: 'yara' }] };
    const problems = problemsOf(raw);
    assert.ok(problems.includes('sources[2].format: must be one of sentinel, sigma, elastic, splunk, kql'), problems.join('\n'));
    // The first two share a name.
    assert.ok(problems.some((p) => p.startsWith('sources: the name "local" is used twice')));
  });

  test('every bad key is reported at once', () => {
    const problems = problemsOf({
      sources: [{ name: 'a b', format: 'sigma', git: 'not a url', dir: 'x', paths: [] , extra: 1 }],
      attack: 'ftp://x/y.json',
      db: 3,
      maxFileBytes: -1,
    });
    assert.deepEqual(problems.sort(), [
      'attack: a URL must use https',
      'db: must be a non-empty path',
      'maxFileBytes: must be a positive integer (bytes)',
      'sources[0].extra: unknown key (expected one of name, format, git, dir, paths, repo, ref, tags, manifest)',
      'sources[0].name: must be a non-empty name of letters, digits, \'.\', \'_\' or \'-\'',
      'sources[0].paths: must be a non-empty array of strings',
      'sources[0]: give either "git" or "dir", not both',
    ]);
  });

  test('missing pieces: no sources, no attack, no location', () => {
    assert.deepEqual(problemsOf({}).sort(), [
      'attack: must be the path or https URL of an ATT&CK STIX bundle',
      'sources: must be an array of sources',
    ]);
    const p = problemsOf({ sources: [{ name: 'a', format: 'kql', paths: ['**'] }], attack: 'a.json' });
    assert.deepEqual(p, ['sources[0]: needs "git" (a URL to clone) or "dir" (a local folder)']);
  });

  test('paths may not leave the source, manifests only on dir sources, repo must be https', () => {
    const p = problemsOf({
      sources: [{ name: 'a', format: 'kql', git: 'file:///tmp/x', paths: ['../x/**'], manifest: 'M.tsv', repo: 'http://x' }],
      attack: 'https://example.org/a.json',
    });
    assert.deepEqual(p.sort(), [
      'sources[0].manifest: only "dir" sources take a manifest',
      'sources[0].paths: "../x/**" must stay inside the source (relative, no "..")',
      'sources[0].repo: must be an https URL',
    ]);
  });

  test('an https attack is kept as a URL; tags and manifest are read', () => {
    const c = validateConfig(
      { sources: [{ ...good.sources[0], tags: ['microsoft'], manifest: 'M.tsv' }], attack: 'https://example.org/a.json', maxFileBytes: 1000 },
      '/base',
      'x',
    );
    assert.deepEqual(c.attack, { kind: 'url', url: 'https://example.org/a.json' });
    assert.deepEqual(c.sources[0]!.tags, ['microsoft']);
    assert.equal(c.sources[0]!.manifest, '/base/rules/M.tsv');
    assert.equal(c.maxFileBytes, 1000);
  });
});

describe('loadConfig', () => {
  test('no file in the working folder: the built-in default lists the public repositories over git', () => {
    const dir = mkdtempSync(join(tmpdir(), 'socfeed-config-'));
    const c = loadConfig(undefined, dir);
    assert.equal(c.origin, 'built-in default');
    assert.deepEqual(
      c.sources.map((s) => [s.name, s.format, s.location.kind === 'git' ? s.location.url : '']),
      [
        ['Azure-Sentinel', 'sentinel', 'https://github.com/Azure/Azure-Sentinel.git'],
        ['SigmaHQ', 'sigma', 'https://github.com/SigmaHQ/sigma.git'],
        ['Elastic', 'elastic', 'https://github.com/elastic/detection-rules.git'],
        ['Splunk', 'splunk', 'https://github.com/splunk/security_content.git'],
      ],
    );
    assert.deepEqual(c.sources[0]!.paths, ['Hunting Queries/**', 'Detections/**', 'Solutions/*/Analytic Rules/**', 'Solutions/*/Hunting Queries/**']);
    assert.equal(c.attack.kind, 'url');
    assert.match(c.attack.kind === 'url' ? c.attack.url : '', /mitre-attack\/attack-stix-data\/.*enterprise-attack\/enterprise-attack\.json$/);
    assert.equal(c.db, join(dir, '.socfeed/catalog.db'));
  });

  test('socfeed.config.json in the working folder is picked up; bad JSON is reported with the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'socfeed-config-'));
    writeFileSync(join(dir, 'socfeed.config.json'), JSON.stringify(good));
    assert.equal(loadConfig(undefined, dir).origin, join(dir, 'socfeed.config.json'));
    writeFileSync(join(dir, 'bad.json'), '{ "sources": [');
    assert.throws(() => loadConfig('bad.json', dir), (e: ConfigError) => e.problems[0]!.startsWith('not valid JSON') && e.message.includes('bad.json'));
    assert.throws(() => loadConfig('missing.json', dir), (e: ConfigError) => e.problems[0] === 'cannot read the file: ENOENT');
  });

  test('config/shared-corpus.json points every source at ../shared with the SOURCES.md commits', () => {
    const c = loadConfigFile(resolve(REPO_ROOT, 'config/shared-corpus.json'));
    assert.deepEqual(c.attack, { kind: 'file', path: ATTACK_BUNDLE });
    const byName = new Map(c.sources.map((s) => [s.name, s]));
    assert.deepEqual([...byName.keys()], ['Azure-Sentinel', 'SigmaHQ', 'Elastic', 'Splunk', 'RMM-Tools', 'reprise99', 'M365-Defender-Hunting-Queries']);
    assert.deepEqual(byName.get('Azure-Sentinel')!.location, { kind: 'dir', path: join(CORPUS, 'azure-sentinel') });
    assert.equal(byName.get('Azure-Sentinel')!.manifest, join(CORPUS, 'azure-sentinel/MANIFEST.tsv'));
    assert.equal(byName.get('SigmaHQ')!.ref, '8eaafff1f2845a696050e05e72ba1140ee190698');
    assert.equal(byName.get('RMM-Tools')!.format, 'sentinel');
    assert.equal(byName.get('reprise99')!.format, 'kql');
    assert.equal(c.db, join(REPO_ROOT, '.socfeed/catalog.db'));
  });
});
