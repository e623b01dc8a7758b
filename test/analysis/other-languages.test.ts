import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRuleQuery } from '../../src/analysis/index.js';
import { negatedSelections } from '../../src/analysis/sigma.js';
import { corpusRule, corpusRules } from '../enrich/corpus-rule.js';

describe('Sigma analysis', () => {
  // rules/windows/process_creation/proc_creation_win_addinutil_uncommon_child_process.yml:
  // selection ParentImage|endswith '\addinutil.exe'; filter_main_werfault Image|endswith three
  // paths; condition "selection and not 1 of filter_main_*"; logsource windows / process_creation.
  const a = analyzeRuleQuery(corpusRule('sigma', 'rules/windows/process_creation/proc_creation_win_addinutil_uncommon_child_process.yml'));

  test('log source and condition', () => {
    assert.deepEqual(a.sources, [{ name: 'windows/process_creation', kind: 'logsource' }]);
    assert.deepEqual(a.sigma?.condition, ['selection and not 1 of filter_main_*']);
    assert.deepEqual(a.sigma?.logsource, { product: 'windows', category: 'process_creation' });
  });

  test('selections with modifiers and the negated filter', () => {
    assert.deepEqual(
      a.sigma?.selections.map((s) => [s.name, s.negated]),
      [['selection', false], ['filter_main_werfault', true]],
    );
    const [sel, filter] = a.filters;
    assert.deepEqual([sel?.field, sel?.operator, sel?.values, sel?.negated], ['ParentImage', 'endswith', ['\\addinutil.exe'], false]);
    assert.equal(filter?.field, 'Image');
    assert.equal(filter?.negated, true);
    assert.deepEqual(filter?.values, [':\\Windows\\System32\\conhost.exe', ':\\Windows\\System32\\werfault.exe', ':\\Windows\\SysWOW64\\werfault.exe']);
  });

  test('negated selections: not name, not 1 of pattern, not (a or b), them', () => {
    const names = ['sel', 'filter_a', 'filter_b', 'other'];
    assert.deepEqual([...negatedSelections(['sel and not filter_a'], names)], ['filter_a']);
    assert.deepEqual([...negatedSelections(['sel and not 1 of filter_*'], names)], ['filter_a', 'filter_b']);
    assert.deepEqual([...negatedSelections(['sel and not (filter_a or other)'], names)], ['filter_a', 'other']);
    assert.deepEqual([...negatedSelections(['all of them'], names)], []);
  });
});

describe('Elastic analysis', () => {
  test('EQL: event category, file.name list, and the comparisons inside not ( … ) groups negated', () => {
    // rules/windows/credential_access_lsass_memdump_file_created.toml: `file where … file.name : ("lsass*.dmp", …)
    // and not ( process.executable : (…) and file.path : (…) )`.
    const a = analyzeRuleQuery(corpusRule('elastic', 'rules/windows/credential_access_lsass_memdump_file_created.toml'));
    assert.ok(a.sources.some((s) => s.kind === 'event-category' && s.name === 'file'));
    const name = a.filters.find((f) => f.field === 'file.name');
    assert.equal(name?.operator, ':');
    assert.deepEqual(name?.values.slice(0, 3), ['lsass*.dmp', 'dumpert.dmp', 'Andrew.dmp']);
    assert.equal(name?.negated, false);
    const action = a.filters.find((f) => f.field === 'event.action');
    assert.deepEqual([action?.operator, action?.values, action?.negated], ['!=', ['deletion'], true], 'a negative operator is a negation');
    const exe = a.filters.find((f) => f.field === 'process.executable');
    assert.equal(exe?.negated, true);
    assert.ok(exe?.values.includes('?:\\Windows\\System32\\dllhost.exe'));
  });

  test('ES|QL: FROM index, WHERE comparisons, STATS keys, thresholds after STATS, 7-day window', () => {
    const a = analyzeRuleQuery(corpusRule('elastic', 'hunting/aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml'));
    assert.deepEqual(a.sources, [{ name: 'logs-aws.cloudtrail-*', kind: 'index' }]);
    assert.deepEqual(
      a.filters.map((f) => [f.field, f.operator, f.values]),
      [
        ['event.dataset', '==', ['aws.cloudtrail']],
        ['event.provider', '==', ['ec2.amazonaws.com']],
        ['event.action', '==', ['DescribeInstances']],
      ],
    );
    assert.deepEqual(a.aggregations[0]?.keys, ['target_time_window', 'aws.cloudtrail.user_identity.arn']);
    assert.deepEqual(a.thresholds.map((t) => [t.field, t.operator, t.value]), [['region_count', '>=', 10], ['window_count', '>=', 10]]);
    assert.equal(a.timeWindow?.lookbackMs, 7 * 86_400_000);
  });

  test('kuery: lists in parentheses, a range comparison, and fields inside `and not ( … )` negated', () => {
    // rules/network/lateral_movement_dns_server_overflow.toml (kuery): event.category:(network or
    // network_traffic), destination.bytes >= 65000, then `and not ( event.duration > … and ( event.action:(…) … ))`.
    const a = analyzeRuleQuery(corpusRule('elastic', 'rules/network/lateral_movement_dns_server_overflow.toml'));
    assert.equal(a.language, 'kuery');
    assert.deepEqual(a.filters.find((f) => f.field === 'event.category')?.values, ['network', 'network_traffic']);
    const bytes = a.filters.find((f) => f.field === 'destination.bytes');
    assert.deepEqual([bytes?.operator, bytes?.values, bytes?.negated], ['>=', ['65000'], false]);
    assert.equal(a.filters.find((f) => f.field === 'event.duration')?.negated, true);
    const action = a.filters.find((f) => f.field === 'event.action');
    assert.deepEqual([action?.values, action?.negated], [['flow_terminated', 'network_flow'], true]);
  });
});

describe('Splunk SPL analysis', () => {
  // detections/endpoint/7zip_commandline_to_smb_share_path.yml: tstats from datamodel=Endpoint.Processes
  // where process_name / original_file_name = 7z.exe / 7za.exe and process = *\C$\* … by nine fields.
  const a = analyzeRuleQuery(corpusRule('splunk', 'detections/endpoint/7zip_commandline_to_smb_share_path.yml'));

  test('data model as source; formatting and tuning macros are not sources', () => {
    assert.deepEqual(a.sources, [{ name: 'Endpoint.Processes', kind: 'datamodel' }]);
  });

  test('where-clause comparisons with their literals', () => {
    const names = a.filters.filter((f) => f.field === 'Processes.process_name').flatMap((f) => f.values);
    assert.deepEqual(names, ['7z.exe', '7za.exe']);
    const processes = a.filters.filter((f) => f.field === 'Processes.process').flatMap((f) => f.values);
    assert.deepEqual(processes, ['*\\C$\\*', '*\\Admin$\\*', '*\\IPC$\\*']);
  });

  test('tstats by keys', () => {
    assert.equal(a.aggregations[0]?.keys.length, 9);
    assert.equal(a.aggregations[0]?.keys[0], 'Processes.original_file_name');
  });
});
