import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { dataSourceNotes, firstSentence, huntHypothesis, techniqueContexts } from '../../src/web/rule-page-model.js';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import { ATTACK_BUNDLE } from '../helpers/shared.js';
import { sampleRule } from './sample-rule.js';

describe('hunt hypothesis', () => {
  test('built from techniques, tactics, tables and the first sentence of the description', () => {
    const rule = sampleRule({
      description:
        'Remote Monitoring and Management (RMM) programs are IT to manage remote endpoints. Attackers have begun to abuse these programs.\nhttps://github.com/x/y',
    });
    assert.equal(
      huntHypothesis(rule),
      'If an adversary uses Remote Access Tools (T1219) for Command and Control, DeviceNetworkEvents should show it: ' +
        'Remote Monitoring and Management (RMM) programs are IT to manage remote endpoints.',
    );
  });

  test('lists several techniques and tables; names unknown ids bare', () => {
    const rule = sampleRule({
      description: '',
      tactics: [],
      techniques: [
        { id: 'T1059.001', name: 'PowerShell', known: true },
        { id: 'T9999', name: 'T9999', known: false },
      ],
      dataSources: ['DeviceProcessEvents', 'DeviceEvents'],
    });
    assert.equal(huntHypothesis(rule), 'If an adversary uses PowerShell (T1059.001) and T9999, DeviceProcessEvents and DeviceEvents should show it.');
  });

  test('null when nothing to build from', () => {
    assert.equal(huntHypothesis(sampleRule({ description: ' ', techniques: [], tactics: [], dataSources: [] })), null);
  });

  test('first sentence: URLs dropped, long text shortened', () => {
    assert.equal(firstSentence('See https://x.y/z. Then more.'), 'See.');
    assert.equal(firstSentence('no full stop here'), 'no full stop here');
    assert.ok(firstSentence('word '.repeat(100)).length <= 241);
  });
});

describe('data source notes', () => {
  test('Defender table filtered on Timestamp: explains TimeGenerated in Sentinel; connectors listed', () => {
    const rule = sampleRule({
      extra: { requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] }] },
    });
    const notes = dataSourceNotes(rule);
    assert.equal(notes.length, 2);
    assert.equal(notes[0], 'Microsoft Sentinel data connectors named by the rule: MicrosoftThreatProtection (DeviceNetworkEvents).');
    assert.match(notes[1], /^The query filters on Timestamp, .* adds TimeGenerated/);
  });

  test('TimeGenerated on a Defender table, and no time filter at all', () => {
    assert.match(dataSourceNotes(sampleRule({ query: 'DeviceEvents | where TimeGenerated > ago(1d)', dataSources: ['DeviceEvents'] }))[0], /filters on TimeGenerated/);
    assert.match(dataSourceNotes(sampleRule({ query: 'SigninLogs | take 10', dataSources: ['SigninLogs'] }))[0], /no time window of its own/);
  });

  test('no notes for a non-KQL rule without connectors; odd connector shapes ignored', () => {
    assert.deepEqual(dataSourceNotes(sampleRule({ language: 'sigma', extra: { requiredDataConnectors: 'x' } })), []);
    assert.deepEqual(dataSourceNotes(sampleRule({ language: 'spl', extra: { requiredDataConnectors: [null, { connectorId: 3 }] } })), []);
  });
});

test('technique context from the real ATT&CK bundle', () => {
  const attack = loadAttackKnowledgeBase(ATTACK_BUNDLE);
  const [t1219, unknown] = techniqueContexts(
    sampleRule({ techniques: [{ id: 'T1219', name: 'Remote Access Tools', known: true }, { id: 'T9999', name: 'T9999', known: false }] }),
    attack,
  );
  assert.equal(t1219.name, 'Remote Access Tools');
  assert.deepEqual(t1219.tactics, ['Command and Control']);
  assert.equal(t1219.url, 'https://attack.mitre.org/techniques/T1219/');
  assert.ok(t1219.summary?.startsWith('An adversary may use legitimate remote access tools'));
  assert.ok(!t1219.summary?.includes('(Citation:'));
  assert.ok(t1219.mitigations.length > 0 && t1219.mitigations.length <= 5);
  assert.ok(t1219.groups.length > 0 && t1219.groups.length <= 8);
  assert.equal(unknown.known, false);
});
