import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRuleQuery } from '../../src/analysis/index.js';
import { enrichRule } from '../../src/enrich/index.js';
import { corpusRule, corpusRules, realAttack } from './corpus-rule.js';

function enrich(source: Parameters<typeof corpusRule>[0], path: string, index = 0) {
  const rule = corpusRules(source, path)[index]!;
  return { rule, e: enrichRule(rule, { attack: realAttack(), analysis: analyzeRuleQuery(rule) }) };
}

describe('enrichment of other real rules', () => {
  test('Sigma: AddinUtil child process — names the tool, T1218, the log source, the parent and the excluded werfault paths', () => {
    const { e } = enrich('sigma', 'rules/windows/process_creation/proc_creation_win_addinutil_uncommon_child_process.yml');
    assert.match(e.hypothesis, /AddinUtil for System Binary Proxy Execution \(T1218\), a defense evasion technique/);
    assert.match(e.hypothesis, /windows\/process_creation logs as process creations where ParentImage ends with/);
    assert.match(e.hypothesis, /leaves out events where Image ends with .*werfault\.exe/);
    // The rule declares only "Unknown", which the adapter drops: technique guidance comes first.
    assert.equal(e.falsePositives[0]?.origin, 'technique');
    const ds = e.dataSources[0]!;
    assert.equal(ds.kind, 'logsource');
    assert.match(ds.connector, /DeviceProcessEvents/);
    assert.match(ds.connector, /SecurityEvent \(4688\)/);
  });

  test('Splunk: the _filter macro is named as the place for exclusions; tests raise confidence', () => {
    const { e } = enrich('splunk', 'detections/endpoint/7zip_commandline_to_smb_share_path.yml');
    assert.ok(e.falsePositives.some((n) => n.tuning?.includes('`7zip_commandline_to_smb_share_path_filter`')));
    assert.match(e.hypothesis, /7z\.exe or 7za\.exe/);
    assert.ok(e.confidence.reasons.some((r) => r.effect === 1 && /ships \d+ test/.test(r.text)));
    assert.equal(e.dataSources[0]?.name, 'Endpoint.Processes');
  });

  test('Splunk: declared false positives (known_false_positives) come first; the sysmon macro is a data source with a note', () => {
    const { e } = enrich('splunk', 'detections/endpoint/access_lsass_memory_for_dump_creation.yml');
    assert.deepEqual(e.falsePositives[0], {
      text: 'Administrators can create memory dumps for debugging purposes, but memory dumps of the LSASS process would be unusual.',
      origin: 'declared',
      tuning: null,
    });
    const macro = e.dataSources.find((d) => d.name === 'sysmon');
    assert.equal(macro?.kind, 'macro');
    assert.match(macro!.notes[0]!, /sets the index and sourcetype/);
    assert.match(e.hypothesis, /in the `sysmon` macro's data as events where .*EventCode is the event id 10/);
    assert.match(e.hypothesis, /CallTrace matches the file names \*dbgcore\.dll\* or \*dbghelp\.dll\*/);
  });

  test('a revoked technique id is mapped and flagged (Elastic hunt giving T1574.002)', () => {
    const { e } = enrich('elastic', 'hunting/windows/queries/detect_rare_dll_sideload_by_occurrence.toml');
    const t = e.attack.find((x) => x.id === 'T1574.001');
    assert.ok(t, 'mapped to T1574.001');
    assert.match(t.flag!, /gives T1574\.002, which ATT&CK revoked; it is mapped to T1574\.001/);
    assert.ok(e.confidence.reasons.some((r) => r.effect === -1 && /revoked or deprecated/.test(r.text)));
  });

  test('a deprecated technique without replacement is flagged (Sentinel squid_volume_anomalies.yaml, T1043)', () => {
    const { e } = enrich('sentinel', 'Hunting Queries/Syslog/squid_volume_anomalies.yaml');
    assert.match(e.attack.find((x) => x.id === 'T1043')!.flag!, /deprecated/);
  });

  test('two RMM rules for different tools give different hypotheses naming their own domains', () => {
    const a = enrich('rmm', 'RMM/Addigy/rmm_Addigy_netconn.yaml').e.hypothesis;
    const b = enrich('sentinel', 'Hunting Queries/Microsoft 365 Defender/RemoteManagementMonitoring/rmm_AnyDesk_netconn.yaml').e.hypothesis;
    assert.notEqual(a, b);
    assert.match(b, /AnyDesk/);
    assert.doesNotMatch(b, /addigy/i);
  });
});
