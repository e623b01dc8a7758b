import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRuleQuery } from '../../src/analysis/index.js';
import { ENRICHMENT_VERSION, enrichRule } from '../../src/enrich/index.js';
import { REFERENCE_RULE_PATH } from '../helpers/shared.js';
import { corpusRule, realAttack } from './corpus-rule.js';

describe('enrichment of the reference rule (rmm_Addigy_netconn.yaml)', () => {
  const rule = corpusRule('sentinel', REFERENCE_RULE_PATH);
  const e = enrichRule(rule, { attack: realAttack(), analysis: analyzeRuleQuery(rule) });

  test('the hypothesis names Addigy as an RMM tool, T1219, C2 or persistence, the table, the domains, the agent processes and the empty company name', () => {
    const h = e.hypothesis;
    assert.match(h, /Addigy, a legitimate remote monitoring and management \(RMM\) tool/);
    assert.match(h, /Remote Access Tools \(T1219\)/);
    assert.match(h, /command and control or persistence/);
    assert.match(h, /DeviceNetworkEvents as network connections/);
    for (const domain of ['prod.addigy.com', 'grtmprod.addigy.com', 'agents.addigy.com']) assert.ok(h.includes(domain), domain);
    for (const process of ['go-agent', 'auditor', 'collector', 'xpcproxy', 'lan-cache', 'mdmclient', 'launchd']) assert.ok(h.includes(process), process);
    assert.match(h, /over the last 5 days/);
    assert.match(h, /empty InitiatingProcessVersionInfoCompanyName condition means .*no company name/);
    assert.ok(h.split(/(?<=\.) /).length <= 3, 'at most three sentences');
  });

  test('false positives: technique guidance for T1219, then the filters, each with a column to allow-list', () => {
    assert.equal(rule.falsePositives.length, 0, 'the rule declares none');
    const [first] = e.falsePositives;
    assert.equal(first?.origin, 'technique');
    assert.match(first!.text, /remote-access and RMM tools legitimately/);
    assert.match(first!.tuning!, /by DeviceName/);
    const domains = e.falsePositives.find((n) => n.origin === 'filter' && n.text.includes('prod.addigy.com'));
    assert.match(domains!.text, /sanctioned Addigy deployment/);
    assert.match(domains!.tuning!, /DeviceName/);
    const generic = e.falsePositives.find((n) => n.text.startsWith('Generic names'));
    assert.match(generic!.text, /auditor, collector/);
    assert.match(generic!.tuning!, /InitiatingProcessFolderPath or InitiatingProcessSHA256/);
    assert.ok(e.falsePositives.some((n) => n.text.startsWith('InitiatingProcessVersionInfoCompanyName is empty')));
    assert.ok(e.falsePositives.every((n) => n.tuning && n.tuning.length > 10));
  });

  test('ATT&CK context: T1219 with its tactic, summary, DET0496 analytics on network connections, mitigations, groups with counts', () => {
    assert.equal(e.attack.length, 1);
    const t = e.attack[0]!;
    assert.deepEqual([t.id, t.name, t.tactics, t.known, t.flag], ['T1219', 'Remote Access Tools', ['Command and Control'], true, null]);
    assert.match(t.summary!, /^An adversary may use legitimate remote access tools/);
    assert.doesNotMatch(t.summary!, /\(Citation:/);
    assert.equal(t.detectionStrategies[0]?.id, 'DET0496');
    assert.deepEqual(t.detectionStrategies[0]?.analytics.map((a) => a.id), ['AN1366', 'AN1367', 'AN1368']);
    assert.ok(t.detectionStrategies[0]!.analytics.every((a) => a.matchedOn.includes('Network Connection Creation')));
    assert.equal(t.mitigationCount, t.mitigations.length);
    assert.ok(t.groupCount >= t.groups.length && t.groups.length === 5);
    assert.equal(t.url, 'https://attack.mitre.org/techniques/T1219/');
  });

  test('data source: DeviceNetworkEvents from Defender XDR via the declared connector, the columns used, the Timestamp note', () => {
    assert.equal(e.dataSources.length, 1);
    const d = e.dataSources[0]!;
    assert.equal(d.name, 'DeviceNetworkEvents');
    assert.match(d.product, /Defender XDR/);
    assert.equal(d.connector, 'MicrosoftThreatProtection (declared by the rule)');
    assert.ok(d.columns.includes('InitiatingProcessVersionInfoCompanyName') && d.columns.includes('RemoteUrl'));
    assert.match(d.notes[0]!, /Timestamp .*TimeGenerated/);
  });

  test('references: the rule link, the ATT&CK page, the original file', () => {
    assert.deepEqual(e.references.map((r) => r.origin), ['rule', 'attack', 'original']);
    assert.equal(e.references[0]?.url, 'https://github.com/jischell-msft/RemoteManagementMonitoringTools');
    assert.match(e.references[2]!.url, /^https:\/\/github\.com\/Azure\/Azure-Sentinel\/blob\/main\/Hunting%20Queries\//);
  });

  test('confidence is high with its reasons: official, parses, ATT&CK agrees, specific filters', () => {
    assert.equal(e.confidence.level, 'high');
    const texts = e.confidence.reasons.map((r) => r.text).join('\n');
    assert.match(texts, /official/);
    assert.match(texts, /parses cleanly/);
    assert.match(texts, /agree with ATT&CK/);
    assert.match(texts, /specific value/);
  });

  test('deterministic and versioned', () => {
    const again = enrichRule(rule, { attack: realAttack(), analysis: analyzeRuleQuery(rule) });
    assert.deepEqual(again, e);
    assert.equal(e.version, ENRICHMENT_VERSION);
    assert.deepEqual(e.author, { kind: 'deterministic' });
  });
});
