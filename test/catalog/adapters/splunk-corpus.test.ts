import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { splunkAdapter } from '../../../src/catalog/adapters/splunk.js';
import { CORPUS } from '../../helpers/shared.js';
import type { ParsedRule } from '../../../src/catalog/rule.js';
import { assertFolderOutcome, countRules, runAdapterOverFolder } from './adapter-harness.js';

// Expected counts, taken independently of the adapter from the shell (in ../shared/corpus/splunk):
//   find . -type f | wc -l                          → 2106 files
//   find detections -type f | wc -l                 → 1711 detections
//   find data_sources macros -type f | wc -l        → 394, + LICENSE → 395 ignored
//   grep -rh '^type:' detections | sort | uniq -c   → TTP 987, Anomaly 481, Hunting 228, Correlation 15
//   grep -rh '^status:' detections | sort | uniq -c → production 1472, experimental 141, deprecated 98
//   awk over '^  risk_score: N' with contentctl's buckets → informational 211, low 539, medium 458,
//     high 364, critical 139 (no file has tags.severity or rba)
//   awk over tags.mitre_attack_id items, sort -u per file → 2873
//   awk over data_source(s) items → 2577 + 1 list indented under the key
//     (endpoint/windows_vulnerable_driver_loaded.yml) → 2578
//   known_false_positives "unknown"/"None"/"None identified"/… (grep -ic) → 259, + "No known false
//     positives" (deprecated/scheduled_tasks_used_in_badrabbit_ransomware.yml) → 260 left empty
//   quoted `search:` values continued at column 0 with `|` (grep) → the 2 deprecated okta_threatinsight_* files
test('splunk adapter over the whole corpus folder: every file is a rule, an ignore or a problem', () => {
  const run = runAdapterOverFolder(splunkAdapter, join(CORPUS, 'splunk'));
  assertFolderOutcome('splunk', run, { files: 2106, ruleFiles: 1711, ignoredFiles: 395 });
  assert.equal(run.rules.length, 1711);

  const count = (pred: (r: ParsedRule) => boolean) => countRules(run.rules, pred);
  assert.equal(count((r) => r.kind === 'analytic'), 987 + 481);
  assert.equal(count((r) => r.tags.includes('ttp')), 987);
  assert.equal(count((r) => r.tags.includes('anomaly')), 481);
  assert.equal(count((r) => r.kind === 'hunting'), 228);
  assert.equal(count((r) => r.kind === 'correlation'), 15);
  assert.equal(count((r) => r.status === 'production'), 1472);
  assert.equal(count((r) => r.status === 'experimental'), 141);
  assert.equal(count((r) => r.status === 'deprecated'), 98);
  assert.equal(count((r) => r.severity === 'informational'), 211);
  assert.equal(count((r) => r.severity === 'low'), 539);
  assert.equal(count((r) => r.severity === 'medium'), 458);
  assert.equal(count((r) => r.severity === 'high'), 364);
  assert.equal(count((r) => r.severity === 'critical'), 139);
  assert.equal(count((r) => r.severityInferred), 1711);
  assert.equal(run.rules.reduce((n, r) => n + r.techniquesRaw.length, 0), 2873);
  assert.equal(run.rules.reduce((n, r) => n + r.dataSources.length, 0), 2578);
  assert.equal(count((r) => r.falsePositives.length === 0), 260);
  assert.deepEqual(
    run.rules.filter((r) => r.flags.length > 0).map((r) => [r.path, r.flags]),
    [
      ['detections/deprecated/okta_threatinsight_login_failure_with_high_unknown_users.yml', ['recovered-yaml']],
      ['detections/deprecated/okta_threatinsight_suspected_passwordspray_attack.yml', ['recovered-yaml']],
    ],
  );
  assert.equal(count((r) => r.language === 'spl' && r.query !== ''), 1711);
});
