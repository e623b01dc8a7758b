import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { elasticAdapter } from '../../../src/catalog/adapters/elastic.js';
import { CORPUS } from '../../helpers/shared.js';
import { assertFolderOutcome, countRules, runAdapterOverFolder } from './adapter-harness.js';

// Expected counts, taken independently of the adapter from the shell (in ../shared/corpus/elastic;
// H = awk header tracking that only counts keys of the [rule] table itself):
//   find . -type f | wc -l                                   → 2358 files
//   find rules -name '*.toml' | wc -l                        → 2064 detection rules
//   find hunting -name '*.toml' | wc -l                      → 140 hunt files; their queries:
//     grep -rho "'''" hunting --include='*.toml' | wc -l     → 476 = 238 '''-quoted queries, plus
//     one """-quoted query (okta/…/credential_access_mfa_bombing_push_notifications.toml) → 239
//   144 *.md + 7 *.py + LICENSE.txt + NOTICE.txt + hunting/index.yml → 154 ignored
//   awk H + '/^severity = /' → critical 21, high 565, low 518, medium 960
//   awk H + '/^language = /' → eql 1011, esql 209, kuery 737, lucene 1 (+ 106 machine_learning, no language)
//   grep -rl '^building_block_type' rules | wc -l            → 5
//   find rules/_deprecated -name '*.toml' | wc -l            → 124 (all maturity = "deprecated")
test('elastic adapter over the whole corpus folder: every file is a rule, an ignore or a problem', () => {
  const run = runAdapterOverFolder(elasticAdapter, join(CORPUS, 'elastic'));
  assertFolderOutcome('elastic', run, { files: 2358, ruleFiles: 2064 + 140, ignoredFiles: 154 });

  const detections = run.rules.filter((r) => r.kind !== 'hunting');
  const hunts = run.rules.filter((r) => r.kind === 'hunting');
  assert.equal(detections.length, 2064);
  assert.equal(hunts.length, 239);

  const count = countRules;
  assert.equal(count(detections, (r) => r.severity === 'critical'), 21);
  assert.equal(count(detections, (r) => r.severity === 'high'), 565);
  assert.equal(count(detections, (r) => r.severity === 'low'), 518);
  assert.equal(count(detections, (r) => r.severity === 'medium'), 960);
  assert.equal(count(hunts, (r) => r.severity === null), 239);
  assert.equal(count(detections, (r) => r.language === 'eql'), 1011);
  assert.equal(count(detections, (r) => r.language === 'esql'), 209);
  assert.equal(count(detections, (r) => r.language === 'kuery'), 737);
  assert.equal(count(detections, (r) => r.language === 'lucene'), 1);
  assert.equal(count(detections, (r) => r.language === 'unknown' && r.flags.includes('no-query')), 106);
  assert.equal(count(detections, (r) => r.kind === 'building-block'), 5);
  assert.equal(count(detections, (r) => r.status === 'deprecated'), 124);
  // Every rule has an id and a name; the only flag in the corpus is `no-query`.
  assert.equal(count(run.rules, (r) => r.upstreamId !== null && r.name !== ''), 2064 + 239);
  assert.equal(count(run.rules, (r) => r.flags.some((f) => f !== 'no-query')), 0);
});
