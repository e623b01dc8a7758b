import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import { exportSite, MANIFEST } from '../../src/web/export/static-export.js';
import { ATTACK_BUNDLE } from '../helpers/shared.js';
import { tempDir } from '../sync/sync-fixture.js';
import { COVERAGE_RULES } from './coverage-catalog.js';
import { handBuiltCatalog } from './hand-built-catalog.js';

test('a second export into the folder removes the pages of rules gone since, and nothing else', async () => {
  const attack = loadAttackKnowledgeBase(ATTACK_BUNDLE);
  const out = tempDir('socfeed-export-update-');
  const full = handBuiltCatalog(COVERAGE_RULES);
  const fewer = handBuiltCatalog(COVERAGE_RULES.filter((r) => r.id !== 'sig-c'));
  try {
    const first = await exportSite({ store: full.store, attack, outDir: out, baseUrl: null });
    assert.equal(first.removed, 0);
    assert.ok(existsSync(join(out, 'rules/sig-c.html')));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const second = await exportSite({ store: fewer.store, attack, outDir: out, baseUrl: null });
    assert.equal(second.rules, 6);
    assert.equal(second.removed, 2, 'the page and the JSON of sig-c');
    assert.equal(existsSync(join(out, 'rules/sig-c.html')), false);
    assert.equal(existsSync(join(out, 'api/rules/sig-c.json')), false);
    assert.ok(existsSync(join(out, 'rules/sig-d.html')));
    assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'mine', 'files the export did not write stay');
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as { files: string[] };
    assert.equal(manifest.files.length, second.files);
    // A manifest pointing outside the folder is not followed.
    const outside = `${basename(out)}-outside.txt`;
    writeFileSync(join(out, MANIFEST), JSON.stringify({ files: [`../${outside}`, '/etc/hostname'] }));
    writeFileSync(join(out, '..', outside), 'x');
    assert.equal((await exportSite({ store: fewer.store, attack, outDir: out, baseUrl: null })).removed, 0);
    assert.ok(existsSync(join(out, '..', outside)));
    rmSync(join(out, '..', outside));
  } finally {
    full.dispose();
    fewer.dispose();
    rmSync(out, { recursive: true, force: true });
  }
});
