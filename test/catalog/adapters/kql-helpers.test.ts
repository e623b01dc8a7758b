import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fenceLanguage, looksLikeKql } from '../../../src/catalog/adapters/kql-detection.js';
import { markdownParts } from '../../../src/catalog/adapters/markdown-blocks.js';
import { urlsInText } from '../../../src/catalog/adapters/urls-in-text.js';
import { inferHuntingSeverity } from '../../../src/catalog/adapters/hunting-severity.js';
import { techniqueIdsIn, techniquesInAttackLinks, isTacticName } from '../../../src/catalog/adapters/attack-mentions.js';

describe('looksLikeKql', () => {
  test('queries: a table piped into an operator, let statements, standalone statements', () => {
    assert.equal(looksLikeKql('DeviceProcessEvents\n| where FileName == "x"'), true);
    assert.equal(looksLikeKql('// comment first\nlet t = ago(1d);\nSigninLogs | where TimeGenerated > t'), true);
    assert.equal(looksLikeKql('print x = 1'), true);
    assert.equal(looksLikeKql('union DeviceProcessEvents, DeviceFileEvents'), true);
    assert.equal(looksLikeKql('(SecurityEvent)\n| summarize count() by Computer'), true);
    assert.equal(looksLikeKql('\u200b// zero-width space first\n\u200bAlertInfo\n| take 1'), true);
  });

  test('not queries: placeholders, Markdown tables, HTTP, prose, shell, comments only', () => {
    assert.equal(looksLikeKql('< Insert query string here >'), false);
    assert.equal(looksLikeKql('| Timestamp | DeviceName |\n|---|---|\n| 1 | a |'), false);
    assert.equal(looksLikeKql('POST https://login.microsoftonline.com/x/oauth2/v2.0/token HTTP/1.1\nHost: login.microsoftonline.com'), false);
    assert.equal(looksLikeKql('Run the query below to find the hosts.'), false);
    assert.equal(looksLikeKql('cat /var/log/auth.log | grep sshd'), false);
    assert.equal(looksLikeKql('// only\n// comments'), false);
    assert.equal(looksLikeKql(''), false);
  });

  test('fence labels: kql, kusto and csl in any case are KQL; other labels are not; none is undecided', () => {
    for (const info of ['kql', 'KQL', 'Kusto', ' Kusto', 'kusto title="x"', 'csl']) assert.equal(fenceLanguage(info), 'kql', info);
    for (const info of ['powershell', 'json', 'sql', 'text']) assert.equal(fenceLanguage(info), 'other', info);
    assert.equal(fenceLanguage(''), 'none');
  });
});

describe('markdownParts', () => {
  test('headings, fenced blocks with their info and lines, prose between', () => {
    const md = '# Title\n\nIntro text.\n## Query\n```Kusto\nT | take 1\n```\n~~~\nraw\n~~~\n#NoSpace heading\n';
    assert.deepEqual(markdownParts(md), [
      { kind: 'heading', level: 1, text: 'Title', line: 1 },
      { kind: 'prose', text: '\nIntro text.', line: 2 },
      { kind: 'heading', level: 2, text: 'Query', line: 4 },
      { kind: 'code', info: 'Kusto', code: 'T | take 1', line: 5, endLine: 7 },
      { kind: 'code', info: '', code: 'raw', line: 8, endLine: 10 },
      { kind: 'heading', level: 1, text: 'NoSpace heading', line: 11 },
    ]);
  });

  test('a # comment inside a code block is code, and an unclosed fence runs to the end', () => {
    const parts = markdownParts('```\n# not a heading\nx\n');
    assert.deepEqual(parts, [{ kind: 'code', info: '', code: '# not a heading\nx\n', line: 1, endLine: 4 }]);
  });

  test('a shorter fence does not close a longer one; inline triple backticks are prose', () => {
    const parts = markdownParts('````\n```\ninner\n```\n````\nuse ```x``` inline\n');
    assert.equal(parts[0]!.kind, 'code');
    assert.equal(parts[0]!.kind === 'code' && parts[0]!.code, '```\ninner\n```');
    assert.deepEqual(parts[1], { kind: 'prose', text: 'use ```x``` inline\n', line: 6 });
  });
});

describe('urlsInText', () => {
  test('sentence punctuation, Markdown link parentheses and quotes are not part of a URL', () => {
    const text =
      "See https://a.example/x. Also [doc](https://b.example/p(v=1)), 'https://c.example/q' and https://a.example/x again.";
    assert.deepEqual(urlsInText(text), ['https://a.example/x', 'https://b.example/p(v=1)', 'https://c.example/q']);
  });
  test('no URL gives an empty list', () => {
    assert.deepEqual(urlsInText('nothing here, not even http:/broken'), []);
  });
});

describe('inferHuntingSeverity', () => {
  test('medium for a tactic that means the adversary is inside, in any spelling', () => {
    for (const t of ['CommandAndControl', 'Command and Control', 'attack.command-and-control', 'TA0011', 'Lateral movement', 'credentialaccess', 'Impact']) {
      assert.equal(inferHuntingSeverity([t]), 'medium', t);
    }
    assert.equal(inferHuntingSeverity(['Discovery', 'Exfiltration']), 'medium');
  });
  test('low otherwise, including no tactic and unknown words', () => {
    assert.equal(inferHuntingSeverity([]), 'low');
    assert.equal(inferHuntingSeverity(['InitialAccess', 'Execution', 'Persistence', 'Discovery']), 'low');
    assert.equal(inferHuntingSeverity(['Malware, component']), 'low');
  });
});

describe('ATT&CK mentions', () => {
  test('technique links old and new, sub-techniques as T1234.001', () => {
    const text = 'https://attack.mitre.org/techniques/T1566/002/ and https://attack.mitre.org/wiki/Technique/T1188 and attack.mitre.org/techniques/T1036/';
    assert.deepEqual(techniquesInAttackLinks(text), ['T1566.002', 'T1188', 'T1036']);
  });
  test('bare ids in table notes', () => {
    assert.deepEqual(techniqueIdsIn('T1098.001, see also T1550'), ['T1098.001', 'T1550']);
  });
  test('tactic names in any spelling; categories that are not tactics', () => {
    assert.equal(isTacticName('Command and control'), true);
    assert.equal(isTacticName('Privilege escalation'), true);
    assert.equal(isTacticName('Ransomware'), false);
    assert.equal(isTacticName('Malware, component'), false);
  });
});
