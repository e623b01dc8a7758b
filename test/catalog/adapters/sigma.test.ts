import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sigmaAdapter } from '../../../src/catalog/adapters/sigma.js';
import { CORPUS } from '../../helpers/shared.js';
import { adapterParsers, onlyRule } from './adapter-harness.js';

const ROOT = join(CORPUS, 'sigma');
const { parseCorpusFile, parseText } = adapterParsers(sigmaAdapter, ROOT, 'rules/windows/test.yml');

describe('sigma adapter: real rules, field by field', () => {
  test('rules/…/proc_creation_win_7zip_exfil_dmp_files.yml', () => {
    const path = 'rules/windows/process_creation/proc_creation_win_7zip_exfil_dmp_files.yml';
    const text = readFileSync(join(ROOT, path), 'utf8');
    const result = parseCorpusFile(path);
    const rule = onlyRule(result);
    assert.deepEqual(result.problems, []);
    assert.equal(rule.upstreamId, 'ec570e53-4c76-45a9-804d-dc3f355ff7a7');
    assert.equal(rule.name, '7Zip Compressing Dump Files');
    assert.equal(
      rule.description,
      'Detects execution of 7z in order to compress a file with a ".dmp"/".dump" extension, which could be a step in a process of dump file exfiltration.',
    );
    assert.equal(rule.format, 'sigma');
    assert.equal(rule.language, 'sigma');
    assert.equal(rule.kind, 'analytic');
    assert.equal(rule.severity, 'medium');
    assert.equal(rule.severityInferred, false);
    assert.equal(rule.status, 'test');
    assert.deepEqual(rule.tacticsRaw, ['attack.collection']);
    assert.deepEqual(rule.techniquesRaw, ['attack.t1560.001']);
    assert.deepEqual(rule.dataSources, ['windows/process_creation']);
    assert.deepEqual(rule.tags, ['analytic', 'sigmahq', 'community']);
    assert.deepEqual(rule.authors, ['Nasreddine Bencherchali (Nextron Systems)']);
    assert.equal(rule.created, '2022-09-27');
    assert.equal(rule.modified, '2026-06-05');
    assert.deepEqual(rule.references, ['https://thedfirreport.com/2022/09/26/bumblebee-round-two/']);
    assert.deepEqual(rule.falsePositives, [
      'Legitimate use of 7z with a command line in which ".dmp" or ".dump" appears accidentally',
      'Legitimate use of 7z to compress WER ".dmp" files for troubleshooting',
    ]);
    assert.equal(rule.path, path);
    assert.equal(rule.indexInFile, 0);
    assert.equal(rule.raw, text);
    assert.deepEqual(rule.problems, []);
    assert.deepEqual(rule.flags, []);
    assert.deepEqual(rule.extra.logsource, { category: 'process_creation', product: 'windows' });
    assert.deepEqual(rule.extra.related, [{ id: '1ac14d38-3dfc-4635-92c7-e3fd1c5f5bfc', type: 'derived' }]);
    // The detection block as written: dedented, quoting and order kept, condition included.
    const query = rule.query.split('\n');
    assert.equal(query[0], 'selection_img:');
    assert.equal(query[1], "    - Description|contains: '7-Zip'");
    assert.equal(query.at(-1), 'condition: all of selection_*');
    assert.equal(query.length, 16);
  });

  test('rules-threat-hunting/…/proc_creation_win_boinc_execution.yml is a hunting rule', () => {
    const rule = onlyRule(parseCorpusFile('rules-threat-hunting/windows/process_creation/proc_creation_win_boinc_execution.yml'));
    assert.equal(rule.name, 'Potential BOINC Software Execution (UC-Berkeley Signature)');
    assert.equal(rule.upstreamId, '0090b851-3543-42db-828c-02fee986ff0b');
    assert.equal(rule.kind, 'hunting');
    assert.equal(rule.severity, 'informational');
    // A `|` block keeps its line break.
    assert.equal(
      rule.description,
      'Detects the use of software that is related to the University of California, Berkeley via metadata information.\nThis indicates it may be related to BOINC software and can be used maliciously if unauthorized.',
    );
    assert.deepEqual(rule.tacticsRaw, ['attack.execution', 'attack.defense-impairment']);
    assert.deepEqual(rule.techniquesRaw, ['attack.t1553']);
    assert.deepEqual(rule.tags, ['detection.threat-hunting', 'hunting', 'sigmahq', 'community']);
    assert.deepEqual(rule.authors, ['Matt Anderson (Huntress)']);
    assert.equal(rule.created, '2024-07-23');
    assert.equal(rule.modified, null);
    assert.equal(rule.query, "selection:\n    Description: 'University of California, Berkeley'\ncondition: selection");
    assert.deepEqual(rule.references, [
      'https://boinc.berkeley.edu/',
      'https://www.huntress.com/blog/fake-browser-updates-lead-to-boinc-volunteer-computing-software',
    ]);
  });

  test('rules-emerging-threats/…/proc_creation_win_malware_dridex.yml: emerging-threats tag, three authors', () => {
    const rule = onlyRule(parseCorpusFile('rules-emerging-threats/2019/Malware/Dridex/proc_creation_win_malware_dridex.yml'));
    assert.equal(rule.name, 'Potential Dridex Activity');
    assert.equal(rule.kind, 'analytic');
    assert.equal(rule.status, 'stable');
    assert.equal(rule.severity, 'critical');
    assert.deepEqual(rule.authors, [
      'Florian Roth (Nextron Systems)',
      'oscd.community',
      'Nasreddine Bencherchali (Nextron Systems)',
    ]);
    assert.deepEqual(rule.tacticsRaw, ['attack.privilege-escalation', 'attack.stealth', 'attack.discovery']);
    assert.deepEqual(rule.techniquesRaw, ['attack.t1055', 'attack.t1135', 'attack.t1033']);
    assert.deepEqual(rule.tags, ['detection.emerging-threats', 'emerging-threats', 'analytic', 'sigmahq', 'community']);
    assert.equal(rule.created, '2019-01-10');
    assert.equal(rule.modified, '2023-02-03');
    assert.deepEqual(rule.falsePositives, ['Unlikely']);
    assert.ok(rule.query.endsWith(
      'condition: (selection_svchost and not filter_svchost) or (selection_regsvr and not filter_regsvr) or (selection_anomaly_parent and 1 of selection_anomaly_child_*)',
    ));
  });
});

const MINIMAL = `title: Minimal
id: 11111111-2222-3333-4444-555555555555
logsource:
    product: linux
    service: auditd
detection:
    sel:
        a: b
    condition: sel
`;

describe('sigma adapter: edge cases', () => {
  test('tags given as one string instead of a list', () => {
    const rule = onlyRule(parseText(`${MINIMAL}tags: attack.execution\n`));
    assert.deepEqual(rule.tacticsRaw, ['attack.execution']);
    assert.deepEqual(rule.techniquesRaw, []);
  });

  test('missing level: no severity, not inferred, no problem', () => {
    const rule = onlyRule(parseText(MINIMAL));
    assert.equal(rule.severity, null);
    assert.equal(rule.severityInferred, false);
    assert.deepEqual(rule.problems, []);
    assert.deepEqual(rule.dataSources, ['linux/auditd']);
  });

  test('an unknown level keeps the rule with a warning', () => {
    const rule = onlyRule(parseText(`${MINIMAL}level: severe\n`));
    assert.equal(rule.severity, null);
    assert.deepEqual(rule.flags, ['unknown-severity']);
    assert.equal(rule.problems[0]!.severity, 'warning');
  });

  test('dates written with slashes are normalized', () => {
    const rule = onlyRule(parseText(`${MINIMAL}date: 2023/01/15\nmodified: 2023-1-5\n`));
    assert.equal(rule.created, '2023-01-15');
    assert.equal(rule.modified, '2023-01-05');
  });

  test('a document that is a list, not a mapping, is a problem with its line', () => {
    const result = parseText('- title: x\n- detection: y\n');
    assert.equal(result.rules.length, 0);
    assert.equal(result.problems[0]!.severity, 'error');
    assert.equal(result.problems[0]!.line, 1);
    assert.match(result.problems[0]!.reason, /list/);
  });

  test('a rule with neither detection nor correlation is a problem', () => {
    const result = parseText('title: No logic\nid: x\nlogsource:\n    product: windows\n');
    assert.equal(result.rules.length, 0);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]!.reason, /no detection or correlation/);
  });

  test('a rule without title is a problem (the name is essential)', () => {
    const result = parseText('id: x\ndetection:\n    s:\n        a: 1\n    condition: s\n');
    assert.equal(result.rules.length, 0);
    assert.match(result.problems[0]!.reason, /title/);
  });

  test('a rule without id is kept and flagged', () => {
    const rule = onlyRule(parseText(MINIMAL.replace(/^id: .*\n/m, '')));
    assert.equal(rule.upstreamId, null);
    assert.deepEqual(rule.flags, ['no-upstream-id']);
  });

  test('an empty file is a problem', () => {
    const result = parseText('');
    assert.equal(result.rules.length, 0);
    assert.equal(result.problems[0]!.severity, 'error');
  });

  test('two documents are two rules, each with its own text and index', () => {
    const second = MINIMAL.replace('Minimal', 'Second').replace('11111111', '99999999');
    const result = parseText(`${MINIMAL}---\n${second}`);
    assert.equal(result.rules.length, 2);
    assert.deepEqual(result.rules.map((r) => [r.name, r.indexInFile]), [['Minimal', 0], ['Second', 1]]);
    assert.equal(result.rules[1]!.raw, second);
    assert.equal(result.rules[1]!.query, 'sel:\n    a: b\ncondition: sel');
  });

  test('a collection: `action: global` is shared by the rules that follow', () => {
    const text = `action: global
title: Shared title
logsource:
    product: windows
level: high
---
id: a
detection:
    s1:
        x: 1
    condition: s1
---
id: b
title: Own title
detection:
    s2:
        y: 2
    condition: s2
`;
    const result = parseText(text);
    assert.deepEqual(result.rules.map((r) => [r.upstreamId, r.name, r.severity]), [
      ['a', 'Shared title', 'high'],
      ['b', 'Own title', 'high'],
    ]);
    assert.deepEqual(result.rules[0]!.dataSources, ['windows']);
    assert.equal(result.rules[1]!.query, 's2:\n  y: 2\ncondition: s2');
  });

  test('a correlation rule has kind correlation and its block as query', () => {
    const text = `title: Many failed logins
id: c1
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 5m
    condition:
        gte: 10
level: high
`;
    const rule = onlyRule(parseText(text));
    assert.equal(rule.kind, 'correlation');
    assert.ok(rule.tags.includes('correlation'));
    assert.ok(rule.query.startsWith('type: event_count\nrules:\n    - failed_login'));
    assert.deepEqual((rule.extra.correlation as Record<string, unknown>).rules, ['failed_login']);
    assert.deepEqual(rule.dataSources, []);
    assert.deepEqual(rule.problems, []);
  });

  test('author as a list and as a comma-separated string', () => {
    assert.deepEqual(onlyRule(parseText(`${MINIMAL}author:\n  - A\n  - B\n`)).authors, ['A', 'B']);
    assert.deepEqual(onlyRule(parseText(`${MINIMAL}author: A (X), B\n`)).authors, ['A (X)', 'B']);
  });

  test('placeholder false positives are not kept', () => {
    const rule = onlyRule(parseText(`${MINIMAL}falsepositives:\n    - Unknown\n    - Admin scripts\n`));
    assert.deepEqual(rule.falsePositives, ['Admin scripts']);
  });

  test('README, LICENSE and other non-rule files are ignored with a reason', () => {
    assert.equal(parseText('# Sigma', 'README.md').ignored, 'repository documentation');
    assert.equal(parseText('text', 'LICENSE').ignored, 'licence file');
    assert.equal(parseText('# x', 'rules-emerging-threats/2024/Malware/kapeka/Kapeka.md').ignored, 'Markdown documentation');
    assert.equal(parseText('x = 1', 'tools/convert.py').ignored, 'Python source, not a rule');
  });

  test('broken YAML whose essentials survive is kept, flagged recovered-yaml', () => {
    // A quoted description continued at column 0, as a few upstream files have it.
    const text = `${MINIMAL}description: 'first line\nsecond line at column 0'\n`;
    const result = parseText(text);
    const rule = onlyRule(result);
    assert.ok(rule.flags.includes('recovered-yaml'), JSON.stringify(rule.flags));
    assert.ok(rule.problems.some((p) => p.severity === 'warning' && p.line !== undefined));
  });
});
