import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elasticAdapter } from '../../../src/catalog/adapters/elastic.js';
import { CORPUS } from '../../helpers/shared.js';
import { adapterParsers, onlyRule } from './adapter-harness.js';

const ROOT = join(CORPUS, 'elastic');
const { parseCorpusFile, parseText } = adapterParsers(elasticAdapter, ROOT, 'rules/windows/test.toml');

describe('elastic adapter: real rules, field by field', () => {
  test('rules/windows/execution_command_shell_started_by_svchost.toml (new_terms, kuery)', () => {
    const path = 'rules/windows/execution_command_shell_started_by_svchost.toml';
    const result = parseCorpusFile(path);
    const rule = onlyRule(result);
    assert.deepEqual(result.problems, []);
    assert.equal(rule.upstreamId, 'fd7a6052-58fa-4397-93c3-4795249ccfa2');
    assert.equal(rule.name, 'Svchost spawning Cmd');
    assert.equal(rule.description, 'Identifies a suspicious parent child process relationship with cmd.exe descending from svchost.exe');
    assert.equal(rule.format, 'elastic');
    assert.equal(rule.language, 'kuery');
    assert.equal(rule.kind, 'new-terms');
    assert.equal(rule.extra.ruleType, 'new_terms');
    assert.equal(rule.severity, 'low');
    assert.equal(rule.severityInferred, false);
    assert.equal(rule.extra.riskScore, 21);
    assert.equal(rule.status, 'production');
    assert.deepEqual(rule.tacticsRaw, ['TA0002']);
    assert.deepEqual(rule.techniquesRaw, ['T1059', 'T1569', 'T1569.002']);
    assert.deepEqual(rule.dataSources, [
      'logs-endpoint.events.process-*',
      'winlogbeat-*',
      'logs-windows.forwarded*',
      'logs-windows.sysmon_operational-*',
      'endgame-*',
      'logs-system.security*',
      'logs-m365_defender.event-*',
      'logs-sentinel_one_cloud_funnel.*',
      'endpoint',
      'windows',
      'system',
      'm365_defender',
      'sentinel_one_cloud_funnel',
    ]);
    assert.deepEqual(rule.tags.slice(0, 2), ['Domain: Endpoint', 'OS: Windows']);
    assert.deepEqual(rule.tags.slice(-3), ['new-terms', 'elastic', 'official']);
    assert.equal(rule.tags.length, 14);
    assert.deepEqual(rule.authors, ['Elastic']);
    assert.equal(rule.created, '2020-02-18');
    assert.equal(rule.modified, '2026-05-04');
    assert.deepEqual(rule.references, [
      'https://nasbench.medium.com/demystifying-the-svchost-exe-process-and-its-command-line-options-508e9114e747',
    ]);
    // No `false_positives` key: the investigation guide's section is the only guidance.
    assert.deepEqual(rule.falsePositives, [
      'This activity is unlikely to happen legitimately. Benign true positives (B-TPs) can be added as exceptions if necessary.',
    ]);
    assert.ok(rule.query.startsWith('host.os.type:windows and event.category:process and event.type:start'));
    assert.ok(rule.query.endsWith('*.BAT* or *.CMD* or *.bat* or *.cmd*)'));
    assert.ok(String(rule.extra.note).startsWith('## Triage and analysis'));
    assert.ok(String(rule.extra.setup).startsWith('## Setup'));
    assert.equal(rule.raw, readFileSync(join(ROOT, path), 'utf8'));
    assert.deepEqual(rule.flags, []);
  });

  test('rules/cross-platform/execution_aws_ec2_lolbin_via_ssm.toml (ES|QL: indices from FROM)', () => {
    const rule = onlyRule(parseCorpusFile('rules/cross-platform/execution_aws_ec2_lolbin_via_ssm.toml'));
    assert.equal(rule.name, 'AWS EC2 LOLBin Execution via SSM SendCommand');
    assert.equal(rule.upstreamId, 'a8b3e2f0-8c7d-11ef-b4c6-f661ea17fbcd');
    assert.equal(rule.language, 'esql');
    assert.equal(rule.kind, 'analytic');
    assert.equal(rule.severity, 'medium');
    assert.equal(rule.extra.riskScore, 47);
    assert.deepEqual(rule.dataSources, ['logs-aws.cloudtrail*', 'logs-endpoint.events.process-*', 'aws', 'endpoint']);
    assert.deepEqual(rule.tacticsRaw, ['TA0002', 'TA0011']);
    assert.deepEqual(rule.techniquesRaw, ['T1059', 'T1059.004', 'T1651', 'T1105']);
    assert.equal(rule.created, '2025-11-23');
    assert.equal(rule.modified, '2026-04-10');
    assert.equal(rule.references.length, 5);
    // Two declared (hard-wrapped in the file, unwrapped here) then five from the guide.
    assert.equal(rule.falsePositives.length, 7);
    assert.equal(
      rule.falsePositives[0],
      'Legitimate administrative tasks using SSM to run system utilities may trigger this rule. Review the command context, user identity, and timing to determine if the activity is authorized.',
    );
    assert.equal(
      rule.falsePositives[6],
      'Scheduled maintenance tasks using LOLBins for backup, log rotation, or data synchronization can be excluded by command pattern matching or execution timing',
    );
    assert.ok(rule.query.startsWith('FROM logs-aws.cloudtrail*, logs-endpoint.events.process-* METADATA _id, _version, _index'));
  });

  test('rules/integrations/gcp/ml_gcp_rare_method_by_city.toml (machine learning: no query, kept)', () => {
    const rule = onlyRule(parseCorpusFile('rules/integrations/gcp/ml_gcp_rare_method_by_city.toml'));
    assert.equal(rule.name, 'Unusual City For a GCP Event');
    assert.equal(rule.upstreamId, 'f20d1782-e783-4ed0-a0c4-946899a98a7c');
    assert.equal(rule.kind, 'machine-learning');
    assert.equal(rule.query, '');
    assert.equal(rule.language, 'unknown');
    assert.deepEqual(rule.flags, ['no-query']);
    assert.deepEqual(rule.problems, []);
    assert.equal(rule.extra.machineLearningJobId, 'gcp_audit_rare_method_for_a_city_ea');
    assert.equal(rule.extra.anomalyThreshold, 50);
    assert.deepEqual(rule.dataSources, ['gcp']);
    assert.deepEqual(rule.tacticsRaw, ['TA0001', 'TA0005']);
    assert.deepEqual(rule.techniquesRaw, ['T1078', 'T1078.004']);
    assert.deepEqual(rule.falsePositives, [
      'New or unusual event and user geolocation activity can be due to manual troubleshooting or reconfiguration; changes in cloud automation scripts or workflows; adoption of new services; expansion into new regions; increased adoption of work from home policies; or users who travel frequently.',
    ]);
  });

  test('hunting/aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml (one ES|QL query)', () => {
    const rule = onlyRule(parseCorpusFile('hunting/aws/queries/ec2_discovery_multi_region_describe_instance_calls.toml'));
    assert.equal(rule.name, 'High Frequency of EC2 Multi-Region `DescribeInstances` API Calls');
    assert.equal(rule.upstreamId, 'e6e78858-6482-11ef-93bd-f661ea17fbcc');
    assert.equal(rule.kind, 'hunting');
    assert.equal(rule.language, 'esql');
    assert.equal(rule.severity, null);
    assert.equal(rule.status, null);
    assert.deepEqual(rule.techniquesRaw, ['T1580']);
    assert.deepEqual(rule.tacticsRaw, []);
    assert.deepEqual(rule.dataSources, ['logs-aws.cloudtrail-*', 'aws.cloudtrail']);
    assert.deepEqual(rule.tags, ['hunting', 'elastic', 'official']);
    assert.deepEqual(rule.authors, ['Elastic']);
    assert.equal((rule.extra.notes as string[]).length, 4);
    assert.ok(rule.query.startsWith('from logs-aws.cloudtrail-*\n| where @timestamp > now() - 7 day'));
    assert.ok(rule.query.endsWith('| sort target_time_window desc'));
  });

  test('hunting/linux/queries/persistence_via_grub_bootloader.toml: one rule per query, language per query', () => {
    const result = parseCorpusFile('hunting/linux/queries/persistence_via_grub_bootloader.toml');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.rules.map((r) => [r.name, r.indexInFile, r.language, r.extra.queryLanguage]),
      [
        ['Persistence via GRUB Bootloader (query 1 of 4)', 0, 'esql', 'esql'],
        ['Persistence via GRUB Bootloader (query 2 of 4)', 1, 'esql', 'esql'],
        ['Persistence via GRUB Bootloader (query 3 of 4)', 2, 'sql', 'sql'],
        ['Persistence via GRUB Bootloader (query 4 of 4)', 3, 'sql', 'sql'],
      ],
    );
    assert.ok(result.rules.every((r) => r.upstreamId === '7adc1a69-3962-4f84-a46d-0b68f69e45a8'));
    assert.deepEqual(result.rules[1]!.dataSources, ['logs-endpoint.events.process-*', 'endpoint']);
    assert.deepEqual(result.rules[2]!.dataSources, ['endpoint']);
    assert.deepEqual(result.rules[0]!.techniquesRaw, ['T1542']);
  });
});

const RULE = `[metadata]
creation_date = "2024/01/02"
maturity = "production"

[rule]
name = "Fixture rule"
rule_id = "r-1"
description = "d"
type = "query"
language = "kuery"
severity = "high"
query = 'process.name : "x.exe"'
`;

describe('elastic adapter: edge cases', () => {
  test('a TOML syntax error is a problem with line and column', () => {
    const result = parseText('[rule]\nname = "unterminated\nquery = "x"\n');
    assert.equal(result.rules.length, 0);
    const [problem] = result.problems;
    assert.equal(problem!.severity, 'error');
    assert.equal(problem!.line, 2);
    assert.ok(problem!.column! > 1);
    assert.match(problem!.reason, /^TOML syntax error: /);
  });

  test('tactic given as a string, and one threat table instead of a list', () => {
    const rule = onlyRule(parseText(`${RULE}\n[rule.threat]\ntactic = "TA0002"\ntechnique = "T1059"\n`));
    assert.deepEqual(rule.tacticsRaw, ['TA0002']);
    assert.deepEqual(rule.techniquesRaw, ['T1059']);
  });

  test('a non-ML rule with no query is a problem', () => {
    const result = parseText(RULE.replace(/^query = .*\n/m, ''));
    assert.equal(result.rules.length, 0);
    assert.match(result.problems[0]!.reason, /has no `query`/);
  });

  test('a rule without name is a problem', () => {
    const result = parseText(RULE.replace(/^name = .*\n/m, ''));
    assert.equal(result.rules.length, 0);
    assert.match(result.problems[0]!.reason, /without `name`/);
  });

  test('missing severity gives null; missing rule_id keeps the rule, flagged', () => {
    const rule = onlyRule(parseText(RULE.replace(/^severity = .*\n/m, '').replace(/^rule_id = .*\n/m, '')));
    assert.equal(rule.severity, null);
    assert.equal(rule.upstreamId, null);
    assert.deepEqual(rule.flags, ['no-upstream-id']);
    assert.equal(rule.problems[0]!.severity, 'warning');
  });

  test('building_block_type makes a building block; _deprecated/ makes it deprecated', () => {
    const rule = onlyRule(parseText(RULE.replace('type = "query"', 'type = "query"\nbuilding_block_type = "default"'), 'rules/_deprecated/x.toml'));
    assert.equal(rule.kind, 'building-block');
    assert.equal(rule.status, 'deprecated');
  });

  test('a TOML file that is neither [rule] nor [hunt] is a problem; an empty file too', () => {
    assert.match(parseText('[metadata]\nmaturity = "production"\n').problems[0]!.reason, /no \[rule\] or \[hunt\]/);
    assert.equal(parseText('').problems[0]!.severity, 'error');
  });

  test('documentation, tooling and licence files are ignored with a reason', () => {
    assert.equal(parseText('# x', 'hunting/aws/docs/x.md').ignored, 'hunting documentation generated from the queries');
    assert.equal(parseText('# x', 'hunting/index.md').ignored, 'hunting documentation generated from the queries');
    assert.equal(parseText('x', 'hunting/run.py').ignored, 'Python source, not a rule');
    assert.equal(parseText('x', 'LICENSE.txt').ignored, 'licence file');
    assert.equal(parseText('x', 'rules/integrations/aws/NOTICE.txt').ignored, 'licence file');
    assert.equal(parseText('a: 1', 'hunting/index.yml').ignored, 'not a TOML file (.yml)');
  });

  test('investigation guide: heading variants, nested bullets and paragraphs', () => {
    const note = `## Triage and analysis

### False Positive Analysis:
- First item
  continued on the next line.
- Second item:
  - nested detail
Trailing paragraph
spanning two lines.

#### Sub-heading inside the section
- Third item

### Response and remediation
- Not a false positive
`;
    const rule = onlyRule(parseText(`${RULE}note = """\n${note}"""\n`));
    assert.deepEqual(rule.falsePositives, [
      'First item continued on the next line.',
      'Second item:; nested detail',
      'Trailing paragraph spanning two lines.',
      'Third item',
    ]);
  });

  test('a hunt with several languages picks each query\'s own; an unknown one is flagged', () => {
    const hunt = `[hunt]
name = "H"
uuid = "u-1"
description = "d"
language = ["ES|QL", "SQL"]
mitre = "T1000"
integration = ["endpoint"]
query = ['''
FROM logs-a-*, logs-b-*
| limit 1''', '''
SELECT 1''']
`;
    const result = parseText(hunt, 'hunting/x/queries/h.toml');
    assert.deepEqual(result.rules.map((r) => [r.language, r.dataSources]), [
      ['esql', ['logs-a-*', 'logs-b-*', 'endpoint']],
      ['sql', ['endpoint']],
    ]);
    assert.deepEqual(result.rules[0]!.techniquesRaw, ['T1000']);
    const odd = onlyRule(parseText(hunt.replace('["ES|QL", "SQL"]', '["Python"]').replace(", '''\nSELECT 1'''", ''), 'h.toml'));
    assert.deepEqual(odd.flags, ['unknown-language']);
  });
});
