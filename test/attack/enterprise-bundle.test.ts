// The knowledge base over the real ATT&CK Enterprise v18.1 bundle. Expected values were read
// out of ../shared/attack/enterprise-attack.json with jq (queries quoted next to the checks).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import { ATTACK_BUNDLE } from '../helpers/shared.js';

const kb = loadAttackKnowledgeBase(ATTACK_BUNDLE);

describe('tactics', () => {
  test('the 14 Enterprise tactics in matrix order, with ids, shortnames and links', () => {
    assert.deepEqual(
      kb.tactics().map((t) => `${t.id} ${t.shortname} ${t.name}`),
      [
        'TA0043 reconnaissance Reconnaissance',
        'TA0042 resource-development Resource Development',
        'TA0001 initial-access Initial Access',
        'TA0002 execution Execution',
        'TA0003 persistence Persistence',
        'TA0004 privilege-escalation Privilege Escalation',
        'TA0005 defense-evasion Defense Evasion',
        'TA0006 credential-access Credential Access',
        'TA0007 discovery Discovery',
        'TA0008 lateral-movement Lateral Movement',
        'TA0009 collection Collection',
        'TA0011 command-and-control Command and Control',
        'TA0010 exfiltration Exfiltration',
        'TA0040 impact Impact',
      ],
    );
    const c2 = kb.tactic('TA0011')!;
    assert.equal(c2.url, 'https://attack.mitre.org/tactics/TA0011/');
    assert.match(c2.description, /^The adversary is trying to communicate with compromised systems/);
    assert.equal(kb.tactic('command-and-control'), c2);
  });

  test('bundle facts: domain and newest modification; the assembled bundle carries no release number', () => {
    assert.equal(kb.domain, 'enterprise-attack');
    assert.equal(kb.modified, '2025-11-12T22:03:39.105Z');
    // No x-mitre-collection object and no version in the file name: null, unless the caller says.
    assert.equal(kb.version, null);
    assert.equal(loadAttackKnowledgeBase({ type: 'bundle', objects: [] }, { version: '18.1' }).version, '18.1');
  });
});

describe('techniques', () => {
  test('T1219 is "Remote Access Tools" under Command and Control in v18', () => {
    const t = kb.technique('T1219')!;
    assert.equal(t.name, 'Remote Access Tools');
    assert.deepEqual(t.tactics, ['command-and-control']);
    assert.equal(t.isSubtechnique, false);
    assert.equal(t.parentId, null);
    assert.deepEqual(t.subtechniqueIds, ['T1219.001', 'T1219.002', 'T1219.003']);
    assert.deepEqual(t.platforms, ['Linux', 'macOS', 'Windows']);
    assert.equal(t.url, 'https://attack.mitre.org/techniques/T1219/');
    assert.equal(t.revoked, false);
    assert.equal(t.deprecated, false);
    // v18 moved detection into detection strategies: the legacy text is empty everywhere.
    assert.equal(t.detection, null);
  });

  test('summary is the first paragraph without citation markers; description stays whole', () => {
    const t = kb.technique('T1219')!;
    assert.ok(t.description.includes('(Citation: Symantec Living off the Land)'));
    assert.ok(t.description.includes('\n\n'));
    assert.ok(
      t.summary.endsWith(
        'This software is commonly used for troubleshooting, software installation, and system management. ' +
        'Adversaries may similarly abuse response features included in EDR and other defensive tools that enable remote access.',
      ),
    );
    assert.ok(!t.summary.includes('\n'));
    for (const technique of kb.allTechniques()) {
      assert.ok(!technique.summary.includes('(Citation:'), technique.id);
      assert.ok(technique.summary.length > 0, technique.id);
    }
  });

  test('sub-technique T1059.001 PowerShell under T1059', () => {
    const t = kb.technique('T1059.001')!;
    assert.equal(t.name, 'PowerShell');
    assert.equal(t.isSubtechnique, true);
    assert.equal(t.parentId, 'T1059');
    assert.deepEqual(t.tactics, ['execution']);
    assert.equal(t.url, 'https://attack.mitre.org/techniques/T1059/001/');
    assert.equal(kb.techniqueUrl('T1059.001'), 'https://attack.mitre.org/techniques/T1059/001/');
    assert.equal(kb.tacticUrl('TA0002'), 'https://attack.mitre.org/tactics/TA0002/');
    assert.match(t.summary, /^Adversaries may abuse PowerShell commands and scripts for execution\. /);
    // jq: the T1059.* attack-patterns, all active, .001 … .013
    assert.deepEqual(
      kb.technique('T1059')!.subtechniqueIds,
      Array.from({ length: 13 }, (_, i) => `T1059.${String(i + 1).padStart(3, '0')}`),
    );
  });

  test('a technique under several tactics lists them in matrix order, not bundle order', () => {
    // jq: T1078 kill_chain_phases are defense-evasion, persistence, privilege-escalation, initial-access.
    assert.deepEqual(kb.technique('T1078')!.tactics, ['initial-access', 'persistence', 'privilege-escalation', 'defense-evasion']);
  });

  test('a deprecated sub-technique is kept for lookup but not listed under its parent', () => {
    // T1053.004 Launchd: x_mitre_deprecated true.
    assert.equal(kb.technique('T1053.004')?.deprecated, true);
    assert.ok(!kb.technique('T1053')!.subtechniqueIds.includes('T1053.004'));
  });

  test('techniquesForTactic: active parents sorted by name (18 for Command and Control)', () => {
    // jq: attack-patterns not revoked, not deprecated, not sub-techniques, phase command-and-control → 18,
    // first by name T1071 Application Layer Protocol, last T1102 Web Service.
    const list = kb.techniquesForTactic('command-and-control');
    assert.equal(list.length, 18);
    assert.equal(list[0]!.id, 'T1071');
    assert.equal(list.at(-1)!.id, 'T1102');
    assert.ok(list.some((t) => t.id === 'T1219'));
    assert.ok(list.every((t) => !t.isSubtechnique && !t.revoked && !t.deprecated));
    assert.deepEqual(list.map((t) => t.name), [...list.map((t) => t.name)].sort((a, b) => a.localeCompare(b)));
    assert.deepEqual(kb.techniquesForTactic('CommandAndControl'), list);
    assert.deepEqual(kb.techniquesForTactic('ImpairProcessControl'), []);
    let total = 0;
    for (const tactic of kb.tactics()) total += kb.techniquesForTactic(tactic.shortname).length;
    assert.ok(total > 200);
  });
});

describe('normalizeTactic', () => {
  const C2 = { id: 'TA0011', shortname: 'command-and-control', name: 'Command and Control' };
  const table: [string, { id: string; shortname: string; name: string }][] = [
    ['CommandAndControl', C2],
    ['Command and Control', C2],
    ['command and control', C2],
    ['command-and-control', C2],
    ['attack.command-and-control', C2],
    ['attack.command_and_control', C2],
    ['TA0011', C2],
    ['ta0011', C2],
    ['Command & Control', C2],
    ['  "Command and Control" ', C2],
    ["'CommandAndControl'", C2],
    ['https://attack.mitre.org/tactics/TA0011/', C2],
    ['InitialAccess', { id: 'TA0001', shortname: 'initial-access', name: 'Initial Access' }],
    ['Initial access', { id: 'TA0001', shortname: 'initial-access', name: 'Initial Access' }],
    ['DefenseEvasion', { id: 'TA0005', shortname: 'defense-evasion', name: 'Defense Evasion' }],
    ['attack.defense_evasion', { id: 'TA0005', shortname: 'defense-evasion', name: 'Defense Evasion' }],
    ['Privilege Escalation', { id: 'TA0004', shortname: 'privilege-escalation', name: 'Privilege Escalation' }],
    ['ResourceDevelopment', { id: 'TA0042', shortname: 'resource-development', name: 'Resource Development' }],
    ['attack.reconnaissance', { id: 'TA0043', shortname: 'reconnaissance', name: 'Reconnaissance' }],
    ['LateralMovement', { id: 'TA0008', shortname: 'lateral-movement', name: 'Lateral Movement' }],
    ['Impact', { id: 'TA0040', shortname: 'impact', name: 'Impact' }],
  ];
  for (const [raw, expected] of table) {
    test(JSON.stringify(raw), () => assert.deepEqual(kb.normalizeTactic(raw), expected));
  }

  test('unknown tactics give null: Sentinel PreAttack, ICS and Mobile tactics, junk', () => {
    for (const raw of ['PreAttack', 'ImpairProcessControl', 'InhibitResponseFunction', 'Network Effects', 'T1059', '', '  ', 'attack.', 'Solorigate']) {
      assert.equal(kb.normalizeTactic(raw), null, raw);
    }
  });

  test("v19 tactic names Sigma already uses resolve to v18's Defense Evasion, flagged as aliases", () => {
    const DE = { id: 'TA0005', shortname: 'defense-evasion', name: 'Defense Evasion' };
    assert.deepEqual(kb.normalizeTactic('attack.stealth'), DE);
    assert.deepEqual(kb.resolveTactic('attack.stealth'), { ref: DE, aliasOf: 'attack.stealth' });
    assert.deepEqual(kb.resolveTactic('attack.defense-impairment'), { ref: DE, aliasOf: 'attack.defense-impairment' });
    assert.deepEqual(kb.resolveTactic('DefenseEvasion'), { ref: DE });
  });
});

describe('normalizeTechnique', () => {
  const POWERSHELL = { ref: { id: 'T1059.001', name: 'PowerShell', known: true } };
  for (const raw of ['T1059.001', 't1059.001', 'attack.t1059.001', 'T1059/001', ' T1059.001 ', '"T1059.001"', 'https://attack.mitre.org/techniques/T1059/001/']) {
    test(JSON.stringify(raw), () => assert.deepEqual(kb.normalizeTechnique(raw), POWERSHELL));
  }

  test('parent technique with spaces around it', () => {
    assert.deepEqual(kb.normalizeTechnique(' T1219 '), { ref: { id: 'T1219', name: 'Remote Access Tools', known: true } });
  });

  test('strings that are not technique ids give null', () => {
    for (const raw of ['', 'PowerShell', 'T105', 'T10590', 'T1059.01', 'TA0011', 'S0154', 'attack.execution', 'T1059.001x']) {
      assert.equal(kb.normalizeTechnique(raw), null, raw);
    }
  });

  test('well-formed ids ATT&CK v18 does not have: known false, name = id', () => {
    // T1685 appears in current Sigma rules (an ATT&CK v19 technique).
    assert.deepEqual(kb.normalizeTechnique('attack.t1685'), { ref: { id: 'T1685', name: 'T1685', known: false } });
    assert.deepEqual(kb.normalizeTechnique('T1059.999'), { ref: { id: 'T1059.999', name: 'T1059.999', known: false } });
  });

  test('revoked ids map to their replacement, following chains', () => {
    // jq: T1143 Hidden Window revoked-by T1564.003 Hidden Window.
    assert.equal(kb.technique('T1143')?.revoked, true);
    assert.equal(kb.replacementFor('T1143'), 'T1564.003');
    assert.deepEqual(kb.normalizeTechnique('attack.t1143'), {
      ref: { id: 'T1564.003', name: 'Hidden Window', known: true },
      replacedFrom: 'T1143',
    });
    // jq: T1073 DLL Side-Loading → T1574.002 (itself revoked) → T1574.001 DLL.
    assert.equal(kb.replacementFor('T1073'), 'T1574.001');
    assert.deepEqual(kb.normalizeTechnique('T1073'), { ref: { id: 'T1574.001', name: 'DLL', known: true }, replacedFrom: 'T1073' });
    assert.equal(kb.replacementFor('T1219'), undefined);
    assert.equal(kb.replacementFor('T9999'), undefined);
  });

  test('deprecated ids stay as they are, flagged', () => {
    assert.deepEqual(kb.normalizeTechnique('T1064'), { ref: { id: 'T1064', name: 'Scripting', known: true }, deprecated: true });
  });
});

describe('mitigations, users, detection strategies', () => {
  test('mitigations of T1059.001 (5, checked with jq over `mitigates` relationships)', () => {
    assert.deepEqual(
      kb.mitigations('T1059.001').map((m) => `${m.id} ${m.name}`),
      [
        'M1026 Privileged Account Management',
        'M1038 Execution Prevention',
        'M1042 Disable or Remove Feature or Program',
        'M1045 Code Signing',
        'M1049 Antivirus/Antimalware',
      ],
    );
    const m = kb.mitigations('t1059.001')[2]!;
    assert.equal(m.url, 'https://attack.mitre.org/mitigations/M1042/');
    assert.ok(m.description.length > 20 && !m.description.includes('(Citation:'));
    assert.deepEqual(kb.mitigations('T9999'), []);
  });

  test('groups and software using T1059.001 (83 and 124, jq over `uses` relationships)', () => {
    const { groups, software } = kb.usedBy('T1059.001');
    assert.equal(groups.length, 83);
    assert.equal(software.length, 124);
    assert.ok(groups.some((g) => g.id === 'G0007' && g.name === 'APT28' && g.url === 'https://attack.mitre.org/groups/G0007/'));
    assert.deepEqual(groups.map((g) => g.name), [...groups.map((g) => g.name)].sort((a, b) => a.localeCompare(b)));
  });

  test('groups and software using T1219, by name', () => {
    const { groups, software } = kb.usedBy('T1219');
    assert.deepEqual(groups.map((g) => g.id).sort(), [
      'G0008', 'G0034', 'G0046', 'G0049', 'G0069', 'G0080', 'G0105', 'G0115', 'G0139', 'G1024', 'G1032', 'G1043', 'G1051',
    ]);
    assert.deepEqual(
      software.map((s) => `${s.id} ${s.name} ${s.type}`),
      ['S0030 Carbanak malware', 'S0384 Dridex malware', 'S0554 Egregor malware', 'S0601 Hildegard malware', 'S1245 InvisibleFerret malware', 'S0148 RTM malware', 'S0266 TrickBot malware'],
    );
  });

  test('T1219 has one detection strategy, DET0496, with three analytics and their log sources', () => {
    const strategies = kb.detectionStrategies('T1219');
    assert.deepEqual(strategies.map((s) => s.id), ['DET0496']);
    const [s] = strategies;
    assert.equal(s!.name, 'Behavior-Chain Detection for Remote Access Tools (Tool-Agnostic)');
    assert.equal(s!.analytics.length, 3);
    const first = s!.analytics[0]!;
    assert.equal(first.id, 'AN1366');
    assert.deepEqual(first.platforms, ['Windows']);
    assert.equal(first.url, 'https://attack.mitre.org/detectionstrategies/DET0496#AN1366');
    assert.deepEqual(first.logSources[0], {
      name: 'WinEventLog:Sysmon',
      channel: 'EventCode=1',
      dataComponent: { id: 'DC0032', name: 'Process Creation', url: 'https://attack.mitre.org/datacomponents/DC0032/' },
    });
    assert.deepEqual(first.dataComponents.map((d) => d.id), ['DC0032', 'DC0060', 'DC0056', 'DC0063', 'DC0039', 'DC0082']);
    assert.ok(first.mutableElements.some((m) => m.field === 'ProcessAllowlist'));
    assert.deepEqual(kb.detectionStrategies('T9999'), []);
  });
});

test('load time of the real bundle stays under 4 s (about 0.6 s on an idle 2-core machine; bench/attack-load.ts)', () => {
  const start = performance.now();
  loadAttackKnowledgeBase(ATTACK_BUNDLE);
  const ms = performance.now() - start;
  assert.ok(ms < 4000, `took ${ms.toFixed(0)} ms`);
});
