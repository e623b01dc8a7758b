import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sigmaAdapter } from '../../../src/catalog/adapters/sigma.js';
import { CORPUS } from '../../helpers/shared.js';
import type { ParsedRule } from '../../../src/catalog/rule.js';
import { assertFolderOutcome, countRules, runAdapterOverFolder } from './adapter-harness.js';

// Expected counts, taken independently of the adapter from the shell (in ../shared/corpus/sigma):
//   find . -type f | wc -l                                   → 3783 files
//   find . -name '*.yml' | wc -l                             → 3754 (every one has ^title: and ^detection:)
//   28 *.md + LICENSE                                        → 29 ignored
//   grep -rhE '^level: <name>\b' --include='*.yml' . | wc -l → 28 / 335 / 1494 / 1721 / 176
//   140 files under rules-threat-hunting/ + 1 file elsewhere tagged detection.threat-hunting → 141 hunting
//   find rules-emerging-threats -name '*.yml' | wc -l        → 473
//   grep -rE '^\s+- attack\.t[0-9]{4}(\.[0-9]{3})?' --include='*.yml' . | sort -u | wc -l → 4472
//   grep -rE '^\s+- attack\.[a-z-]+\s*$' --include='*.yml' . | sort -u | wc -l            → 6066
test('sigma adapter over the whole corpus folder: every file is a rule, an ignore or a problem', () => {
  const run = runAdapterOverFolder(sigmaAdapter, join(CORPUS, 'sigma'));
  assertFolderOutcome('sigma', run, { files: 3783, ruleFiles: 3754, ignoredFiles: 29 });
  assert.equal(run.rules.length, 3754);

  const count = (pred: (r: ParsedRule) => boolean) => countRules(run.rules, pred);
  assert.equal(count((r) => r.severity === 'informational'), 28);
  assert.equal(count((r) => r.severity === 'low'), 335);
  assert.equal(count((r) => r.severity === 'medium'), 1494);
  assert.equal(count((r) => r.severity === 'high'), 1721);
  assert.equal(count((r) => r.severity === 'critical'), 176);
  assert.equal(count((r) => r.kind === 'hunting'), 141);
  assert.equal(count((r) => r.tags.includes('emerging-threats')), 473);
  assert.equal(run.rules.reduce((n, r) => n + r.techniquesRaw.length, 0), 4472);
  assert.equal(run.rules.reduce((n, r) => n + r.tacticsRaw.length, 0), 6066);
  // Every rule has a query, a log source and an id; none needed the YAML recovery.
  assert.equal(count((r) => r.query.includes('condition')), 3754);
  assert.equal(count((r) => r.dataSources.length === 1), 3754);
  assert.equal(count((r) => r.upstreamId !== null && r.flags.length === 0), 3754);
});
