import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { sentinelAdapter } from '../../../src/catalog/adapters/sentinel.js';
import type { AdapterResult } from '../../../src/catalog/adapters/adapter.js';
import type { ParsedRule } from '../../../src/catalog/rule.js';
import { CORPUS, REFERENCE_RULE_PATH, REPO_ROOT } from '../../helpers/shared.js';

const ROOT = join(CORPUS, 'azure-sentinel');
const parseFile = (path: string, root = ROOT): AdapterResult =>
  sentinelAdapter.parse({ path, text: readFileSync(join(root, path), 'utf8') });
const onlyRule = (r: AdapterResult): ParsedRule => {
  assert.equal(r.rules.length, 1, JSON.stringify(r.problems));
  return r.rules[0]!;
};

describe('sentinel adapter: the reference rule', () => {
  const text = readFileSync(join(ROOT, REFERENCE_RULE_PATH), 'utf8');
  const result = parseFile(REFERENCE_RULE_PATH);
  const rule = onlyRule(result);

  test('identity, text and kind as the file gives them', () => {
    assert.equal(rule.upstreamId, '4f0b3b8d-bde4-4cce-9ff7-1f0c0a7085af');
    // The upstream spelling "Montioring" is kept.
    assert.equal(rule.name, 'Remote Management and Montioring tool - Addigy - Network Connection');
    assert.equal(
      rule.description,
      'Remote Monitoring and Management (RMM) programs are IT to manage remote endpoints. Attackers have begun to abuse these programs to persist or provide C2 channels.\nhttps://github.com/jischell-msft/RemoteManagementMonitoringTools',
    );
    assert.equal(rule.format, 'sentinel');
    assert.equal(rule.language, 'kql');
    assert.equal(rule.kind, 'hunting');
    assert.equal(rule.path, REFERENCE_RULE_PATH);
    assert.equal(rule.indexInFile, 0);
    assert.equal(rule.raw, text);
  });

  test('the query, exactly', () => {
    const expected = `let Time_start = now(-5d);
let Time_end = now();
//
DeviceNetworkEvents
| where Timestamp between (Time_start..Time_end)
| where RemoteUrl has_any (
        'prod.addigy.com',
        'grtmprod.addigy.com',
        'agents.addigy.com'
    )
    and InitiatingProcessFileName has_any (
        'go-agent',
        'auditor',
        'collector',
        'xpcproxy',
        'lan-cache',
        'mdmclient',
        'launchd'
    )
    and isempty(InitiatingProcessVersionInfoCompanyName)
| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), 
    Report=make_set(ReportId), Count=count() by DeviceId, DeviceName,
    RemoteUrl 
`;
    assert.equal(rule.query, expected);
  });

  test('ATT&CK, data sources, tags, severity', () => {
    assert.deepEqual(rule.tacticsRaw, ['CommandAndControl']);
    assert.deepEqual(rule.techniquesRaw, ['T1219']);
    assert.deepEqual(rule.dataSources, ['DeviceNetworkEvents']);
    assert.deepEqual(rule.tags, ['hunting', 'microsoft']);
    // No severity in the file; command and control → medium by the documented rule.
    assert.equal(rule.severity, 'medium');
    assert.equal(rule.severityInferred, true);
    assert.equal(rule.status, null);
  });

  test('the rest: no author or dates in the file, the description URL as reference, connectors in extra', () => {
    assert.deepEqual(rule.authors, []);
    assert.equal(rule.created, null);
    assert.equal(rule.modified, null);
    assert.deepEqual(rule.references, ['https://github.com/jischell-msft/RemoteManagementMonitoringTools']);
    assert.deepEqual(rule.falsePositives, []);
    assert.deepEqual(rule.extra, {
      requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] }],
    });
    assert.deepEqual(rule.problems, []);
    assert.deepEqual(rule.flags, []);
    assert.deepEqual(result.problems, []);
  });
});

describe('sentinel adapter: other kinds of rule', () => {
  test('a scheduled analytic rule: severity, tactic list, sub-techniques, schedule and entity mappings', () => {
    const path = 'Solutions/Microsoft Entra ID/Analytic Rules/UnusualGuestActivity.yaml';
    const rule = onlyRule(parseFile(path));
    assert.equal(rule.upstreamId, 'acc4c247-aaf7-494b-b5da-17f18863878a');
    assert.equal(rule.name, 'External guest invitation followed by Microsoft Entra ID PowerShell signin');
    assert.equal(rule.kind, 'analytic');
    assert.equal(rule.severity, 'medium');
    assert.equal(rule.severityInferred, false);
    assert.equal(rule.status, 'available');
    assert.deepEqual(rule.tacticsRaw, ['InitialAccess', 'Persistence', 'Discovery']);
    assert.deepEqual(rule.techniquesRaw, ['T1078.004', 'T1136.003', 'T1087.004']);
    assert.deepEqual(rule.dataSources, ['AuditLogs', 'SigninLogs']);
    assert.deepEqual(rule.tags, ['analytic', 'microsoft']);
    // The description's wrapping quotes are dropped; its link is a reference.
    assert.match(rule.description, /^By default guests have capability/);
    assert.deepEqual(rule.references, [
      'https://danielchronlund.com/2021/11/18/scary-azure-ad-tenant-enumeration-using-regular-b2b-guest-accounts/',
    ]);
    assert.match(rule.query, /^let queryfrequency = 1h;\nlet queryperiod = 1d;\nAuditLogs\n/);
    assert.equal(rule.extra.queryFrequency, '1h');
    assert.equal(rule.extra.queryPeriod, '1d');
    assert.equal(rule.extra.triggerOperator, 'gt');
    assert.equal(rule.extra.triggerThreshold, 0);
    assert.equal(rule.extra.version, '1.0.1');
    assert.equal(rule.extra.kind, 'Scheduled');
    assert.equal(rule.extra.solution, 'Microsoft Entra ID');
    const mappings = rule.extra.entityMappings as { entityType: string }[];
    assert.deepEqual(mappings.map((m) => m.entityType), ['Account', 'Account', 'Account', 'Account', 'IP']);
  });

  test('an NRT rule, whose metadata keys were written at the top level', () => {
    const rule = onlyRule(parseFile('Solutions/Microsoft Entra ID/Analytic Rules/nrt_FirstAppOrServicePrincipalCredential.yaml'));
    assert.equal(rule.kind, 'nrt');
    assert.equal(rule.severity, 'medium');
    assert.deepEqual(rule.tags, ['Solorigate', 'NOBELIUM', 'analytic', 'nrt', 'microsoft']);
    // tactics and threatAnalysisTactics name the same tactic once.
    assert.deepEqual(rule.tacticsRaw, ['DefenseEvasion']);
    assert.deepEqual(rule.techniquesRaw, ['T1550.001']);
    assert.deepEqual(rule.authors, ['Samik Roy']);
    assert.deepEqual(rule.dataSources, ['AuditLogs']);
    assert.equal(rule.extra.version, '1.0.6');
    assert.deepEqual(rule.extra.support, { tier: 'Community' });
  });

  test('an ASIM analytic rule: schema tag, every declared table, empty technique list', () => {
    const path = 'Solutions/Network Session Essentials/Analytic Rules/NetworkPortSweepFromExternalNetwork.yaml';
    const rule = onlyRule(parseFile(path));
    assert.equal(rule.name, 'Network Port Sweep from External Network (ASIM Network Session schema)');
    assert.equal(rule.kind, 'analytic');
    assert.equal(rule.severity, 'high');
    assert.deepEqual(rule.tags, ['asim', 'ASimNetworkSessions', 'analytic', 'microsoft']);
    assert.deepEqual(rule.extra.tags, [{ Schema: 'ASimNetworkSessions', SchemaVersion: '0.2.4' }]);
    assert.deepEqual(rule.tacticsRaw, ['Discovery']);
    assert.deepEqual(rule.techniquesRaw, []);
    assert.deepEqual(rule.dataSources.slice(0, 6), ['AWSVPCFlow', 'DeviceNetworkEvents', 'SecurityEvent', 'WindowsEvent', 'CommonSecurityLog', 'Syslog']);
    assert.equal(new Set(rule.dataSources).size, rule.dataSources.length);
    assert.match(rule.query, /_Im_NetworkSession\(starttime=ago\(lookback\),endtime=now\(\)\)/);
    assert.deepEqual(rule.extra.customDetails, { AllDstIpAddr: 'set_DstIpAddr' });
  });

  test('a Solutions hunting query stays a hunting query although it names kind Scheduled', () => {
    const rule = onlyRule(parseFile('Solutions/Microsoft 365/Hunting Queries/CopilotOffHoursActivity.yaml'));
    assert.equal(rule.name, 'Microsoft 365 Copilot Off-Hours Activity');
    assert.equal(rule.kind, 'hunting');
    assert.equal(rule.extra.kind, 'Scheduled');
    // It declares a severity, so nothing is inferred.
    assert.equal(rule.severity, 'medium');
    assert.equal(rule.severityInferred, false);
    assert.deepEqual(rule.tags, ['hunting', 'microsoft']);
    assert.deepEqual(rule.techniquesRaw, ['T1078', 'T1133']);
    assert.deepEqual(rule.dataSources, ['OfficeActivity']);
    assert.equal(rule.extra.solution, 'Microsoft 365');
  });

  test('a hunting query without an inside tactic is inferred low', () => {
    const rule = onlyRule(parseFile('Solutions/Network Session Essentials/Hunting Queries/Detect Outbound LDAP Traffic(ASIM Network Session schema).yaml'));
    assert.equal(rule.kind, 'hunting');
    assert.ok(rule.tags.includes('asim'));
    // InitialAccess and Execution: the adversary is not yet inside.
    assert.deepEqual(rule.tacticsRaw, ['InitialAccess', 'Execution']);
    assert.equal(rule.severity, 'low');
    assert.equal(rule.severityInferred, true);
  });

  test('a recovered file keeps its rule, flagged, with the warning at the original position', () => {
    const path = 'Hunting Queries/Microsoft 365 Defender/RemoteManagementMonitoring/rmm_AnyDesk_netconn.yaml';
    const result = parseFile(path);
    const rule = onlyRule(result);
    assert.equal(rule.name, 'Remote Management and Monitoring tool - AnyDesk - Network Connection');
    assert.deepEqual(rule.dataSources, ['DeviceNetworkEvents']);
    assert.ok(rule.flags.includes('recovered-yaml'));
    assert.equal(rule.problems.length, 1);
    assert.deepEqual([rule.problems[0]!.line, rule.problems[0]!.column, rule.problems[0]!.severity], [9, 1, 'warning']);
    assert.deepEqual(result.problems, []);
  });

  test('tactics are kept as written, a comma inside one not splitting it', () => {
    const rule = onlyRule(parseFile('Hunting Queries/Microsoft 365 Defender/Initial access/Check for Maalware Baazar (abuse.ch) hashes in your mail flow.yaml'));
    assert.deepEqual(rule.tacticsRaw, ['Initial access', 'Malware, component']);
    assert.equal(rule.severity, 'low');
  });

  test('a .yml file is read as well', () => {
    const path = 'Hunting Queries/Microsoft 365 Defender/Initial access/Detect DNS Obfuscation Using @ Symbol in Email URLs.yml';
    assert.equal(sentinelAdapter.accepts(path), true);
    const rule = onlyRule(parseFile(path));
    assert.equal(rule.kind, 'hunting');
    assert.equal(rule.language, 'kql');
  });
});

describe('sentinel adapter: files that give no rule', () => {
  test('the three "moved to Solutions" stubs are reported with where the rule went', () => {
    const stubs = {
      'Hunting Queries/SecurityEvent/PotentialImpacketExecution.yaml':
        'https://github.com/Azure/Azure-Sentinel/blob/master/Solutions/Attacker%20Tools%20Threat%20Protection%20Essentials',
      'Hunting Queries/MultipleDataSources/CobaltDNSBeacon.yaml':
        'https://github.com/Azure/Azure-Sentinel/blob/master/Solutions/Attacker%20Tools%20Threat%20Protection%20Essentials/Hunting%20Queries/CobaltDNSBeacon.yaml',
      'Hunting Queries/SecurityEvent/Suspicious_Windows_Login_outside_normal_hours.yaml':
        'https://github.com/Azure/Azure-Sentinel/blob/master/Solutions/Windows%20Security%20Events/Hunting%20Queries/Suspicious_Windows_Login_outside_normal_hours.yaml',
    };
    for (const [path, target] of Object.entries(stubs)) {
      const r = parseFile(path);
      assert.deepEqual(r.rules, [], path);
      assert.equal(r.ignored, undefined);
      assert.deepEqual(r.problems, [
        { file: path, reason: `"moved to Solutions" stub without a query; the rule now lives at ${target}`, severity: 'error' },
      ]);
    }
  });

  test('a YAML file without a query is an error; a non-YAML file is not accepted', () => {
    const r = sentinelAdapter.parse({ path: 'Detections/x.yaml', text: 'id: 1\nname: No query here\n' });
    assert.deepEqual(r.rules, []);
    assert.deepEqual(r.problems, [{ file: 'Detections/x.yaml', reason: 'no query: not a Sentinel rule', severity: 'error' }]);
    assert.equal(sentinelAdapter.accepts('MANIFEST.tsv'), false);
    assert.equal(sentinelAdapter.accepts('Hunting Queries/README.md'), false);
  });

  test('an alias bomb and an unreadable file are errors; a template is ignored', () => {
    const bad = join(REPO_ROOT, 'test/fixtures/bad-input');
    const bomb = parseFile('alias-bomb.yaml', bad);
    assert.deepEqual(bomb.rules, []);
    assert.match(bomb.problems[0]!.reason, /alias bomb/);
    const unreadable = parseFile('unreadable.yaml', bad);
    assert.deepEqual(unreadable.rules, []);
    assert.deepEqual([unreadable.problems[0]!.line, unreadable.problems[0]!.severity], [2, 'error']);
    const template = parseFile('_Templates/sentinel_rmm_template_netconn.yaml', join(CORPUS, 'rmm-tools'));
    assert.deepEqual(template, { rules: [], problems: [], ignored: 'rule template with %%…%% placeholders, not a rule' });
  });

  test('two YAML documents: the first is the rule, the rest is a warning', () => {
    const r = parseFile('two-documents.yaml', join(REPO_ROOT, 'test/fixtures/bad-input'));
    const rule = onlyRule(r);
    assert.equal(rule.name, 'First document');
    assert.ok(rule.flags.includes('extra-yaml-documents'));
    assert.match(rule.problems[0]!.reason, /2 YAML documents; only the first is read/);
  });
});

describe('sentinel adapter: the whole corpus', () => {
  test('every file of azure-sentinel is a rule or a reported problem', () => {
    const files = globSync(['**/*'], { cwd: ROOT });
    // 148 .yaml + 1 .yml (SOURCES.md: 149 files) + MANIFEST.tsv, which is not a rule.
    assert.equal(files.length, 150);
    const accepted = files.filter((f) => sentinelAdapter.accepts(f));
    assert.deepEqual(files.filter((f) => !accepted.includes(f)), ['MANIFEST.tsv']);
    let rules = 0;
    let recovered = 0;
    const failed: string[] = [];
    for (const f of accepted) {
      const r = parseFile(f);
      assert.equal(r.ignored, undefined, f);
      assert.ok(r.rules.length === 1 || r.problems.some((p) => p.severity === 'error'), f);
      rules += r.rules.length;
      if (r.rules.length === 0) failed.push(f);
      if (r.rules[0]?.flags.includes('recovered-yaml')) recovered++;
      for (const rule of r.rules) {
        assert.equal(rule.language, 'kql');
        assert.ok(rule.name !== '' && rule.query.trim() !== '' && rule.upstreamId, f);
        assert.ok(rule.severity !== null, f);
      }
    }
    // Counted by hand: `grep -rL '^query:' --include='*.y*ml' .` in the corpus lists exactly the
    // three moved stubs below; every other file has a query. 149 − 3 = 146 rules.
    assert.equal(rules, 146);
    assert.deepEqual(failed.sort(), [
      'Hunting Queries/MultipleDataSources/CobaltDNSBeacon.yaml',
      'Hunting Queries/SecurityEvent/PotentialImpacketExecution.yaml',
      'Hunting Queries/SecurityEvent/Suspicious_Windows_Login_outside_normal_hours.yaml',
    ]);
    // 29 RemoteManagementMonitoring files + LoginSpikeWithIncreaseFailureRate.yaml.
    assert.equal(recovered, 30);
  });

  test('rmm-tools: every rule file is a flagged rule, templates ignored', () => {
    const root = join(CORPUS, 'rmm-tools');
    const files = globSync(['**/*.yaml'], { cwd: root });
    let rules = 0;
    let ignored = 0;
    for (const f of files) {
      const r = parseFile(f, root);
      rules += r.rules.length;
      if (r.ignored) ignored++;
      for (const rule of r.rules) assert.ok(rule.flags.includes('recovered-yaml'), f);
    }
    // 171 YAML files: 3 templates under _Templates/, 167 under RMM/, 1 under Network Indicators/.
    assert.deepEqual([files.length, rules, ignored], [171, 168, 3]);
  });
});
