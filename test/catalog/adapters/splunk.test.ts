import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { severityFromRiskScore } from '../../../src/catalog/adapters/splunk-detection.js';
import { splunkAdapter } from '../../../src/catalog/adapters/splunk.js';
import { CORPUS } from '../../helpers/shared.js';
import { adapterParsers, onlyRule } from './adapter-harness.js';

const ROOT = join(CORPUS, 'splunk');
const { parseCorpusFile, parseText } = adapterParsers(splunkAdapter, ROOT, 'detections/endpoint/test.yml');

describe('splunk adapter: real detections, field by field', () => {
  test('detections/endpoint/3cx_supply_chain_attack_network_indicators.yml (TTP)', () => {
    const path = 'detections/endpoint/3cx_supply_chain_attack_network_indicators.yml';
    const result = parseCorpusFile(path);
    const rule = onlyRule(result);
    assert.deepEqual(result.problems, []);
    assert.equal(rule.upstreamId, '791b727c-deec-4fbe-a732-756131b3c5a1');
    assert.equal(rule.name, '3CX Supply Chain Attack Network Indicators');
    assert.ok(rule.description.startsWith('The following analytic identifies DNS queries to domains associated with the 3CX supply chain attack. It leverages'));
    assert.ok(rule.description.endsWith('leading to extensive damage and data breaches.'));
    assert.equal(rule.format, 'splunk');
    assert.equal(rule.language, 'spl');
    assert.equal(
      rule.query,
      '| tstats `security_content_summariesonly` values(DNS.answer) as IPs min(_time) as firstTime from datamodel=Network_Resolution by DNS.src, DNS.query | `drop_dm_object_name(DNS)` | `security_content_ctime(firstTime)` | `security_content_ctime(lastTime)` | lookup 3cx_ioc_domains domain as query OUTPUT Description isIOC | search isIOC=true | `3cx_supply_chain_attack_network_indicators_filter`',
    );
    assert.equal(rule.kind, 'analytic');
    // risk_score 100 → critical, derived.
    assert.equal(rule.severity, 'critical');
    assert.equal(rule.severityInferred, true);
    assert.equal(rule.status, 'experimental');
    assert.deepEqual(rule.tacticsRaw, []);
    assert.deepEqual(rule.techniquesRaw, ['T1195.002']);
    assert.deepEqual(rule.dataSources, ['Sysmon EventID 22']);
    assert.deepEqual(rule.tags, [
      'Analytic Story: 3CX Supply Chain Attack',
      'Asset Type: Network',
      'Security Domain: network',
      'Product: Splunk Enterprise',
      'Product: Splunk Enterprise Security',
      'Product: Splunk Cloud',
      'CVE-2023-29059',
      'ttp',
      'analytic',
      'splunk',
      'official',
    ]);
    assert.deepEqual(rule.authors, ['Michael Haag', 'Splunk']);
    assert.equal(rule.created, null);
    assert.equal(rule.modified, '2024-10-17');
    assert.equal(rule.references.length, 5);
    assert.equal(rule.references[4], 'https://www.3cx.com/community/threads/3cx-desktopapp-security-alert.119951/');
    assert.deepEqual(rule.falsePositives, [
      'False positives will be present for accessing the 3cx[.]com website. Remove from the lookup as needed.',
    ]);
    assert.equal(rule.extra.version, 3);
    assert.equal(rule.extra.splunkType, 'TTP');
    assert.equal(rule.extra.riskScore, 100);
    // A plain (unquoted) scalar: the doubled quote is literal text, as upstream wrote it.
    assert.match(String(rule.extra.howToImplement), /the latest TA''s are installed\.$/);
    const tests = rule.extra.tests as { attack_data: { data: string }[] }[];
    assert.equal(
      tests[0]!.attack_data[0]!.data,
      'https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/attack_techniques/T1195.002/3CX/3cx_network-windows-sysmon.log',
    );
    assert.deepEqual(rule.extra.requiredFields, ['DNS.src', 'DNS.query', '_time']);
    assert.equal(rule.raw, readFileSync(join(ROOT, path), 'utf8'));
    assert.deepEqual(rule.flags, []);
  });

  test('detections/web/hunting_for_log4shell.yml (Hunting, risk score 40 → low)', () => {
    const rule = onlyRule(parseCorpusFile('detections/web/hunting_for_log4shell.yml'));
    assert.equal(rule.name, 'Hunting for Log4Shell');
    assert.equal(rule.upstreamId, '158b68fa-5d1a-11ec-aac8-acde48001122');
    assert.equal(rule.kind, 'hunting');
    assert.equal(rule.severity, 'low');
    assert.equal(rule.severityInferred, true);
    assert.equal(rule.status, 'production');
    assert.deepEqual(rule.techniquesRaw, ['T1190', 'T1133']);
    assert.deepEqual(rule.dataSources, ['Nginx Access']);
    assert.ok(rule.tags.includes('Analytic Story: Log4Shell CVE-2021-44228'));
    assert.ok(rule.tags.includes('Analytic Story: CISA AA22-320A'));
    assert.ok(rule.tags.includes('Asset Type: Web Server'));
    assert.deepEqual(rule.tags.slice(-4), ['CVE-2021-44228', 'hunting', 'splunk', 'official']);
    assert.ok(rule.query.startsWith('| from datamodel Web.Web | eval jndi=if(match(_raw, "(\\{|%7B)[jJnNdDiI]{4}:"),4,0)'));
    assert.ok(rule.query.endsWith('| `hunting_for_log4shell_filter`'));
    assert.equal(rule.references.length, 7);
    assert.equal(rule.falsePositives.length, 1);
    assert.ok(rule.falsePositives[0]!.startsWith('It is highly possible you will find false positives, however, the base score is set to 2'));
  });

  test('detections/web/proxyshell_proxynotshell_behavior_detected.yml (Correlation, empty data_source)', () => {
    const rule = onlyRule(parseCorpusFile('detections/web/proxyshell_proxynotshell_behavior_detected.yml'));
    assert.equal(rule.name, 'ProxyShell ProxyNotShell Behavior Detected');
    assert.equal(rule.upstreamId, 'c32fab32-6aaf-492d-bfaf-acbed8e50cdf');
    assert.equal(rule.kind, 'correlation');
    assert.deepEqual(rule.dataSources, []);
    assert.equal(rule.severity, 'critical'); // risk_score 81
    assert.deepEqual(rule.techniquesRaw, ['T1190', 'T1133']);
    assert.equal(rule.modified, '2024-09-30');
    assert.equal(rule.extra.version, 3);
  });

  test('a deprecated detection with a broken quoted search is kept, flagged recovered-yaml', () => {
    const rule = onlyRule(parseCorpusFile('detections/deprecated/okta_threatinsight_login_failure_with_high_unknown_users.yml'));
    assert.equal(rule.name, 'Okta ThreatInsight Login Failure with High Unknown users');
    assert.equal(rule.status, 'deprecated');
    assert.ok(rule.query.startsWith('`okta` eventType="security.threat.detected"'));
    assert.deepEqual(rule.flags, ['recovered-yaml']);
    assert.equal(rule.problems[0]!.severity, 'warning');
    assert.equal(rule.problems[0]!.line, 12);
    assert.deepEqual(rule.authors, ['Okta, Inc', 'Michael Haag', 'Splunk']);
  });
});

const DETECTION = `name: Fixture detection
id: 0000-1
version: 1
date: '2024-01-02'
author: A, B
type: TTP
status: production
description: d
search: '| tstats count from datamodel=Endpoint.Processes'
known_false_positives: unknown
tags:
  mitre_attack_id: T1059.001
  confidence: 50
  impact: 50
`;

describe('splunk adapter: edge cases', () => {
  test('risk buckets as contentctl computes them', () => {
    assert.deepEqual([0, 20, 21, 40, 41, 60, 61, 80, 81, 100].map(severityFromRiskScore), [
      'informational', 'informational', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical',
    ]);
  });

  test('technique id given as a string; severity from confidence × impact when no risk_score', () => {
    const rule = onlyRule(parseText(DETECTION));
    assert.deepEqual(rule.techniquesRaw, ['T1059.001']);
    // 50 × 50 / 100 = 25 → low
    assert.equal(rule.severity, 'low');
    assert.equal(rule.severityInferred, true);
  });

  test('a named severity (older files) is taken as it is; rba scores win over risk_score', () => {
    const named = onlyRule(parseText(DETECTION.replace('  confidence: 50', '  severity: High\n  confidence: 50')));
    assert.equal(named.severity, 'high');
    assert.equal(named.severityInferred, false);
    const rba = onlyRule(parseText(`${DETECTION}  risk_score: 10\nrba:\n  risk_objects:\n  - field: user\n    type: user\n    score: 72\n  - field: dest\n    type: system\n    score: 30\n`));
    assert.equal(rba.severity, 'high');
  });

  test('no risk information at all: no severity', () => {
    const rule = onlyRule(parseText(DETECTION.replace('  confidence: 50\n  impact: 50\n', '')));
    assert.equal(rule.severity, null);
    assert.equal(rule.severityInferred, false);
  });

  test('the "unknown" false-positive placeholder is dropped, kept raw in extra', () => {
    const rule = onlyRule(parseText(DETECTION));
    assert.deepEqual(rule.falsePositives, []);
    assert.equal(rule.extra.knownFalsePositives, 'unknown');
  });

  test('types map to kinds: Anomaly → analytic, Baseline → baseline', () => {
    assert.equal(onlyRule(parseText(DETECTION.replace('type: TTP', 'type: Anomaly'))).kind, 'analytic');
    assert.equal(onlyRule(parseText(DETECTION.replace('type: TTP', 'type: Baseline'))).kind, 'baseline');
  });

  test('a detection with no search is a problem; so is one with no name', () => {
    const noSearch = parseText(DETECTION.replace(/^search: .*\n/m, ''));
    assert.equal(noSearch.rules.length, 0);
    assert.match(noSearch.problems[0]!.reason, /has no `search`/);
    const noName = parseText(DETECTION.replace(/^name: .*\n/m, ''));
    assert.match(noName.problems[0]!.reason, /without `name`/);
  });

  test('YAML that loads to a list is a problem with its position', () => {
    const result = parseText('- name: x\n- search: y\n');
    assert.equal(result.rules.length, 0);
    assert.equal(result.problems[0]!.severity, 'error');
    assert.equal(result.problems[0]!.line, 1);
  });

  test('data_sources/ and macros/ definitions and the licence are ignored', () => {
    assert.equal(parseText('name: Sysmon EventID 1', 'data_sources/sysmon_eventid_1.yml').ignored, 'Splunk data-source definition');
    assert.equal(parseText('name: okta', 'macros/okta.yml').ignored, 'Splunk macro definition');
    assert.equal(parseText('x', 'LICENSE').ignored, 'licence file');
  });

  test('two documents in one file are two rules', () => {
    const result = parseText(`${DETECTION}---\n${DETECTION.replace('Fixture detection', 'Second')}`);
    assert.deepEqual(result.rules.map((r) => [r.name, r.indexInFile]), [['Fixture detection', 0], ['Second', 1]]);
  });
});
