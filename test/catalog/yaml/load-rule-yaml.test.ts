import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { loadRuleYaml } from '../../../src/catalog/yaml/load-rule-yaml.js';
import { CORPUS, REPO_ROOT } from '../../helpers/shared.js';

const SENTINEL = join(CORPUS, 'azure-sentinel');
const RMM_DIR = 'Hunting Queries/Microsoft 365 Defender/RemoteManagementMonitoring';
const BAD = join(REPO_ROOT, 'test/fixtures/bad-input');
const read = (abs: string): string => readFileSync(abs, 'utf8').replace(/\r\n?/g, '\n');

describe('loadRuleYaml: valid input', () => {
  test('a plain mapping comes back as is, without problems', () => {
    const r = loadRuleYaml('id: a1\nname: N\ntags:\n  - x\nquery: |\n  T\n  | take 1\n', 'f.yaml');
    assert.deepEqual(r, {
      documents: [{ id: 'a1', name: 'N', tags: ['x'], query: 'T\n| take 1\n' }],
      problems: [],
      recovered: false,
    });
  });

  test('a file with two documents returns both, in order', () => {
    const r = loadRuleYaml(read(join(BAD, 'two-documents.yaml')), 'two-documents.yaml');
    assert.equal(r.documents.length, 2);
    assert.equal(r.documents[0]!.name, 'First document');
    assert.equal(r.documents[0]!.query, 'SecurityEvent\n| where EventID == 4625\n');
    assert.equal(r.documents[1]!.name, 'Second document');
    assert.deepEqual(r.problems, []);
  });

  test('a trailing document marker adds no document and no problem', () => {
    const r = loadRuleYaml('id: 1\n---\n', 'f.yaml');
    assert.deepEqual(r.documents, [{ id: 1 }]);
    assert.deepEqual(r.problems, []);
  });

  test('dates stay strings (YAML 1.2 core schema)', () => {
    const r = loadRuleYaml('date: 2023-01-05\nmodified: 2023/01/05\n', 'f.yaml');
    assert.deepEqual(r.documents[0], { date: '2023-01-05', modified: '2023/01/05' });
  });
});

describe('loadRuleYaml: hostile input', () => {
  test('an alias bomb is rejected fast, with bounded memory and a reason', () => {
    const text = read(join(BAD, 'alias-bomb.yaml'));
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const r = loadRuleYaml(text, 'alias-bomb.yaml');
    const ms = performance.now() - t0;
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    assert.deepEqual(r.documents, []);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.severity, 'error');
    assert.match(r.problems[0]!.reason, /alias bomb/);
    assert.ok(ms < 500, `took ${ms} ms`);
    assert.ok(grownMb < 50, `heap grew ${grownMb} MB`);
  });

  test('ten thousand unclosed brackets are refused before the parser sees them', () => {
    const t0 = performance.now();
    const r = loadRuleYaml(`a: ${'['.repeat(10_000)}`, 'deep.yaml');
    assert.ok(performance.now() - t0 < 500);
    assert.deepEqual(r.documents, []);
    assert.equal(r.problems[0]!.severity, 'error');
    assert.match(r.problems[0]!.reason, /more than 256 brackets/);
    assert.deepEqual([r.problems[0]!.line, r.problems[0]!.column], [1, 260]);
  });

  test('a truly unreadable file gives an error with line and column', () => {
    const r = loadRuleYaml(read(join(BAD, 'unreadable.yaml')), 'unreadable.yaml');
    assert.deepEqual(r.documents, []);
    assert.equal(r.recovered, false);
    assert.equal(r.problems.length, 1);
    const p = r.problems[0]!;
    assert.equal(p.severity, 'error');
    assert.equal(p.file, 'unreadable.yaml');
    assert.match(p.reason, /^YAML error: Flow sequence/);
    assert.deepEqual([p.line, p.column], [2, 1]);
  });

  test('a document that is not a mapping is an error naming what it is', () => {
    const list = loadRuleYaml('- a\n- b\n', 'l.yaml');
    assert.deepEqual(list.documents, []);
    assert.equal(list.problems[0]!.reason, 'YAML document 1 is a list, not a mapping');
    const prose = loadRuleYaml('Just some prose, not YAML keys.\n', 'p.yaml');
    assert.equal(prose.problems[0]!.reason, 'YAML document 1 is a string, not a mapping');
  });

  test('an empty or comment-only text reports that it has no mapping', () => {
    for (const text of ['', '# only a comment\n']) {
      const r = loadRuleYaml(text, 'e.yaml');
      assert.deepEqual(r.documents, []);
      assert.deepEqual(r.problems, [{ file: 'e.yaml', reason: 'no YAML mapping in the file', severity: 'error' }]);
    }
  });
});

describe('loadRuleYaml: recovery', () => {
  test('rmm_AnyDesk_netconn.yaml: misindented requiredDataConnectors repaired, flagged at the original error', () => {
    const r = loadRuleYaml(read(join(SENTINEL, RMM_DIR, 'rmm_AnyDesk_netconn.yaml')), 'rmm_AnyDesk_netconn.yaml');
    assert.equal(r.recovered, true);
    assert.equal(r.documents.length, 1);
    const d = r.documents[0]!;
    assert.equal(d.id, 'ed1ef511-c52a-4e07-a864-588e96a7eb91');
    assert.equal(d.name, 'Remote Management and Monitoring tool - AnyDesk - Network Connection');
    assert.equal(
      d.query,
      [
        'let Time_start = now(-5d);',
        'let Time_end = now();',
        '//',
        'DeviceNetworkEvents',
        '| where Timestamp between (Time_start..Time_end)',
        '| where RemoteUrl has_any (',
        "        'anydesk.com',",
        "        'api.playanext.com'",
        '    )',
        "    and InitiatingProcessVersionInfoProductName has 'AnyDesk'",
        '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), ',
        '    Report=make_set(ReportId), Count=count() by DeviceId, DeviceName,',
        '    AccountUpn, RemoteUrl ',
        '',
      ].join('\n'),
    );
    // The repair keeps the structure: dataTypes belongs to the connector item.
    assert.deepEqual(d.requiredDataConnectors, [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] }]);
    assert.equal(d.tactics, 'CommandAndControl');
    assert.equal(r.problems.length, 1);
    const p = r.problems[0]!;
    assert.equal(p.severity, 'warning');
    assert.deepEqual([p.line, p.column], [9, 1]);
    assert.match(p.reason, /All mapping items must start at the same column.*repaired/);
  });

  test('every RemoteManagementMonitoring query loads; exactly the 29 broken ones are flagged', () => {
    const files = readdirSync(join(SENTINEL, RMM_DIR)).filter((f) => f.endsWith('.yaml'));
    assert.equal(files.length, 78);
    const recovered: string[] = [];
    for (const f of files) {
      const r = loadRuleYaml(read(join(SENTINEL, RMM_DIR, f)), f);
      assert.equal(r.documents.length, 1, f);
      const d = r.documents[0]!;
      assert.match(String(d.id), /^[0-9a-f-]{36}$/, f);
      assert.match(String(d.name), /^Remote Management and Mon/, f);
      assert.match(String(d.query), /^let Time_start = now\(-5d\);\n/, f);
      assert.ok(Array.isArray((d.requiredDataConnectors as { dataTypes: unknown }[])[0]!.dataTypes), f);
      if (r.recovered) recovered.push(f);
      else assert.deepEqual(r.problems, [], f);
    }
    assert.equal(recovered.length, 29);
    assert.ok(recovered.includes('rmm_AnyDesk_netconn.yaml'));
    assert.ok(!recovered.includes('rmm_Addigy_netconn.yaml'));
  });

  test('the rmm-tools repository has the same fault: all its rule files recover', () => {
    const root = join(CORPUS, 'rmm-tools');
    const files = globSync(['RMM/**/*.yaml', 'Network Indicators/*.yaml'], { cwd: root });
    assert.equal(files.length, 168);
    for (const f of files) {
      const r = loadRuleYaml(read(join(root, f)), f);
      assert.equal(r.recovered, true, f);
      assert.equal(r.documents.length, 1, f);
      assert.ok(String(r.documents[0]!.query).length > 100, f);
    }
    const addigy = loadRuleYaml(read(join(root, 'RMM/Addigy/rmm_Addigy_netconn.yaml')), 'a.yaml').documents[0]!;
    assert.equal(addigy.name, 'Remote Management and Monitoring tool - Addigy - Network Connection');
    assert.deepEqual(addigy.requiredDataConnectors, [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] }]);
  });

  test('name:Login… without a space after the colon is repaired', () => {
    const f = 'Hunting Queries/SigninLogs/LoginSpikeWithIncreaseFailureRate.yaml';
    const r = loadRuleYaml(read(join(SENTINEL, f)), f);
    assert.equal(r.recovered, true);
    const d = r.documents[0]!;
    assert.equal(d.id, '528c1708-a67e-4e2f-b76d-d5e5e88a22aa');
    assert.equal(d.name, 'Login spike with increase failure rate');
    assert.match(String(d.query), /^\nlet timerange = 30d;\nlet failureThreshold = 15;\n/);
    assert.deepEqual([r.problems[0]!.line, r.problems[0]!.column, r.problems[0]!.severity], [2, 1, 'warning']);
    assert.match(r.problems[0]!.reason, /missing space after a key's colon/);
  });

  test('a stray trailing tab after a list item is harmless', () => {
    const f = 'Hunting Queries/MultipleDataSources/NetworkConnectiontoOMIPorts.yaml';
    const r = loadRuleYaml(read(join(SENTINEL, f)), f);
    assert.equal(r.recovered, false);
    assert.ok((r.documents[0]!.tactics as string[]).includes('Initial Access'));
  });

  test('tab indentation is expanded and flagged', () => {
    const r = loadRuleYaml('id: 1\nrequiredDataConnectors:\n\t- connectorId: X\n\t  dataTypes:\n\t\t- T\n', 't.yaml');
    assert.equal(r.recovered, true);
    assert.deepEqual(r.documents[0], { id: 1, requiredDataConnectors: [{ connectorId: 'X', dataTypes: ['T'] }] });
    assert.deepEqual([r.problems[0]!.line, r.problems[0]!.reason.includes('tab')], [3, true]);
  });

  test('a quoted value continued at column 0 (Splunk) is re-indented', () => {
    const text = "name: m\ndefinition: 'eval x=1\n| stats count\n| where x=''a'''\nother: 2\n";
    const r = loadRuleYaml(text, 'm.yml');
    assert.equal(r.recovered, true);
    // Line breaks inside a quoted scalar fold to spaces, as YAML defines.
    assert.deepEqual(r.documents[0], { name: 'm', definition: "eval x=1 | stats count | where x='a'", other: 2 });
  });

  test('a repeated key keeps the last value and is flagged', () => {
    const r = loadRuleYaml('id: 1\nname: a\nname: b\n', 'd.yaml');
    assert.deepEqual(r.documents[0], { id: 1, name: 'b' });
    assert.equal(r.problems[0]!.line, 3);
    assert.match(r.problems[0]!.reason, /last value/);
  });

  test('an unrepairable key costs only that key: the others are read one by one', () => {
    const text = 'id: r1\nname: Kept\ntags: [a, b\nquery: |\n  T | take 1\nseverity: High\n';
    const r = loadRuleYaml(text, 'k.yaml');
    assert.equal(r.recovered, true);
    assert.deepEqual(r.documents[0], { id: 'r1', name: 'Kept', query: 'T | take 1\n', severity: 'High' });
    assert.equal(r.problems.length, 2);
    assert.match(r.problems[0]!.reason, /read the top-level keys one by one/);
    assert.deepEqual(r.problems[1], { file: 'k.yaml', line: 3, reason: 'top-level key "tags": not readable as YAML', severity: 'warning' });
  });

  test('a broken second document does not cost the first; lines count from the file start', () => {
    const r = loadRuleYaml('id: 1\nname: a\n---\nid: 2\nname:b\n', 'two.yaml');
    assert.deepEqual(r.documents, [{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.line, 5);
  });
});
