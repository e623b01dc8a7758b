// Edge cases on a hand-written bundle (tiny-bundle.ts), and the errors for files that are not bundles.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAttackKnowledgeBase, summarize } from '../../src/attack/index.js';
import { tinyBundle } from './tiny-bundle.js';

const kb = loadAttackKnowledgeBase(tinyBundle());

describe('structure', () => {
  test('version from the x-mitre-collection; option overrides it', () => {
    assert.equal(kb.version, '99.2');
    assert.equal(kb.modified, '2030-01-01T00:00:00.000Z');
    assert.equal(loadAttackKnowledgeBase(tinyBundle(), { version: '1.0' }).version, '1.0');
  });

  test('the Enterprise matrix is chosen among several; its order wins; dangling refs and other domains are skipped', () => {
    assert.equal(kb.domain, 'enterprise-attack');
    assert.deepEqual(kb.tactics().map((t) => t.id), ['TA0005', 'TA0002']);
    assert.equal(kb.normalizeTactic('ImpairProcessControl'), null);
    assert.equal(kb.normalizeTactic('NotInMatrix'), null);
  });

  test('without a matrix, tactics come in id order', () => {
    const bundle = tinyBundle();
    bundle.objects = bundle.objects.filter((o) => (o as { type: string }).type !== 'x-mitre-matrix');
    const noMatrix = loadAttackKnowledgeBase(bundle);
    assert.equal(noMatrix.domain, null);
    assert.deepEqual(noMatrix.tactics().map((t) => t.id), ['TA0002', 'TA0005', 'TA0099', 'TA0106']);
  });

  test('technique tactics follow matrix order and ignore other kill chains', () => {
    assert.deepEqual(kb.technique('T1000')!.tactics, ['stealth', 'execution']);
  });

  test('summary: citations and the space before them removed, first non-empty paragraph', () => {
    const t = kb.technique('T1000')!;
    assert.equal(t.summary, 'First sentence.');
    assert.equal(t.detection, 'Watch processes.');
    assert.equal(kb.technique('T1000.001')!.summary, 'Real start.');
    assert.equal(kb.technique('T1001')!.summary, '');
    assert.equal(kb.technique('T1001')!.detection, null);
    assert.equal(summarize('One.\r\n\r\nTwo.'), 'One.');
  });

  test('sub-techniques: parent from the relationship; deprecated ones not listed', () => {
    assert.equal(kb.technique('T1000.001')!.parentId, 'T1000');
    assert.deepEqual(kb.technique('T1000')!.subtechniqueIds, ['T1000.001']);
    assert.equal(kb.technique('T1000.002')!.deprecated, true);
  });

  test('techniquesForTactic: active parents by name, sub-techniques and revoked ones excluded', () => {
    assert.deepEqual(kb.techniquesForTactic('execution').map((t) => t.id), ['T1001', 'T1000']);
    assert.deepEqual(kb.techniquesForTactic('stealth').map((t) => t.id), ['T1000']);
    assert.deepEqual(kb.techniquesForTactic('TA0005').map((t) => t.id), ['T1000']);
    assert.deepEqual(kb.techniquesForTactic('nope'), []);
  });

  test('records are shared and frozen: in-place changes throw instead of leaking to other callers', () => {
    const t = kb.technique('T1000')!;
    assert.equal(kb.technique('T1000'), t);
    assert.throws(() => t.tactics.sort(), TypeError);
    assert.throws(() => {
      t.name = 'changed';
    }, TypeError);
    assert.throws(() => Object.assign(kb.mitigations('T1000')[0]!, { name: 'x' }), TypeError);
    assert.throws(() => kb.detectionStrategies('T1000')[1]!.analytics.pop(), TypeError);
    // The lists themselves are fresh copies the caller may sort.
    kb.techniquesForTactic('execution').reverse();
    assert.deepEqual(kb.techniquesForTactic('execution').map((x) => x.id), ['T1001', 'T1000']);
  });

  test('other-domain techniques and objects without an ATT&CK id are left out', () => {
    assert.equal(kb.technique('T1400'), undefined);
    assert.deepEqual(kb.allTechniques().map((t) => t.id), ['T1000', 'T1000.001', 'T1000.002', 'T1001', 'T1002', 'T1003', 'T1004', 'T1005']);
  });
});

describe('normalization', () => {
  test('the matrix names win; cross-release aliases fill in (a v19-style bundle)', () => {
    const stealth = { id: 'TA0005', shortname: 'stealth', name: 'Stealth' };
    assert.deepEqual(kb.resolveTactic('attack.stealth'), { ref: stealth });
    assert.deepEqual(kb.resolveTactic('DefenseEvasion'), { ref: stealth, aliasOf: 'DefenseEvasion' });
    assert.deepEqual(kb.resolveTactic(' "Defense Impairment" '), { ref: stealth, aliasOf: 'Defense Impairment' });
  });

  test('revocation chains end on the active technique; cycles end in nothing', () => {
    assert.equal(kb.replacementFor('T1002'), 'T1000.001');
    assert.equal(kb.replacementFor('T1003'), 'T1000.001');
    assert.deepEqual(kb.normalizeTechnique('t1003'), { ref: { id: 'T1000.001', name: 'Sub One', known: true }, replacedFrom: 'T1003' });
    assert.equal(kb.replacementFor('T1004'), undefined);
    assert.deepEqual(kb.normalizeTechnique('T1004'), { ref: { id: 'T1004', name: 'Cycle A', known: true }, deprecated: true });
    assert.deepEqual(kb.normalizeTechnique('T1000.002'), { ref: { id: 'T1000.002', name: 'Sub Two', known: true }, deprecated: true });
  });

  test('non-string input is treated as not an id', () => {
    // Adapters pass values straight from YAML, which may be numbers or null despite the types.
    assert.equal(kb.normalizeTechnique(1059 as unknown as string), null);
    assert.equal(kb.normalizeTactic(null as unknown as string), null);
  });
});

describe('relations', () => {
  test('mitigations: active ones, deduplicated, by id, summary as description', () => {
    assert.deepEqual(kb.mitigations('T1000'), [
      { id: 'M1001', name: 'Audit', description: 'Audit.', url: 'https://attack.mitre.org/mitigations/M1001/' },
      { id: 'M1002', name: 'Block It', description: 'Block it.', url: 'https://attack.mitre.org/mitigations/M1002/' },
    ]);
  });

  test('usedBy: revoked sources and deprecated relationships skipped; campaigns are not software', () => {
    assert.deepEqual(kb.usedBy('T1000'), {
      groups: [
        { id: 'G0001', name: 'Aardvark', url: 'https://attack.mitre.org/groups/G0001/' },
        { id: 'G0002', name: 'Zebra Team', url: 'https://attack.mitre.org/groups/G0002/' },
      ],
      software: [
        { id: 'S0002', name: 'Admin Tool', type: 'tool', url: 'https://attack.mitre.org/software/S0002/' },
        { id: 'S0001', name: 'Wormy', type: 'malware', url: 'https://attack.mitre.org/software/S0001/' },
      ],
    });
    assert.deepEqual(kb.usedBy('T1001'), { groups: [], software: [] });
  });

  test('detection strategies: deprecated ones and missing or revoked analytics skipped, unknown components null', () => {
    const strategies = kb.detectionStrategies('T1000');
    assert.deepEqual(strategies.map((s) => s.id), ['DET0001', 'DET0002']);
    const [analytic] = strategies[1]!.analytics;
    assert.equal(strategies[1]!.analytics.length, 1);
    const pc = { id: 'DC0032', name: 'Process Creation', url: 'https://attack.mitre.org/datacomponents/DC0032/' };
    assert.deepEqual(analytic, {
      id: 'AN0001',
      name: 'Analytic 1',
      description: 'Look.',
      platforms: ['Windows', 'Linux'],
      url: 'https://attack.mitre.org/detectionstrategies/DET0002/#AN0001',
      logSources: [
        { name: 'WinEventLog:Sysmon', channel: 'EventCode=1', dataComponent: pc },
        { name: 'auditd:SYSCALL', channel: 'execve', dataComponent: pc },
        { name: 'custom:log', channel: null, dataComponent: null },
      ],
      dataComponents: [pc],
      mutableElements: [{ field: 'TimeWindow', description: 'How long.' }],
    });
    // The second call answers from the cache with equal content.
    assert.deepEqual(kb.detectionStrategies('t1000'), strategies);
  });
});

describe('bad input', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'socfeed-attack-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  test('a missing file names the file and says it cannot be read', () => {
    const path = join(dir, 'nope.json');
    assert.throws(() => loadAttackKnowledgeBase(path), (e: Error) => e.message.startsWith(`ATT&CK bundle ${path}: cannot read the file`));
  });

  test('invalid JSON names the file', () => {
    const path = write('broken.json', '{"type": "bundle", "objects": [');
    assert.throws(() => loadAttackKnowledgeBase(path), (e: Error) => e.message.startsWith(`ATT&CK bundle ${path}: not valid JSON`));
  });

  test('JSON that is not a bundle says what it found', () => {
    const path = write('array.json', '[1, 2]');
    assert.throws(() => loadAttackKnowledgeBase(path), {
      message: `ATT&CK bundle ${path}: not a STIX bundle (expected an object with "type": "bundle", found an array)`,
    });
    const rule = write('rule.json', '{"type": "attack-pattern", "id": "x"}');
    assert.throws(() => loadAttackKnowledgeBase(rule), /not a STIX bundle .*found an object of type "attack-pattern"/);
    assert.throws(() => loadAttackKnowledgeBase({ type: 'bundle' }), {
      message: 'ATT&CK bundle (object): not a STIX bundle ("objects" is missing; expected an array)',
    });
    assert.throws(() => loadAttackKnowledgeBase({ type: 'bundle', objects: [{ type: 'x' }] }), /objects\[0\] is not a STIX object/);
  });

  test('the version is read from a versioned file name', () => {
    const path = write('enterprise-attack-18.1.json', JSON.stringify({ type: 'bundle', id: 'bundle--x', objects: [] }));
    const empty = loadAttackKnowledgeBase(path);
    assert.equal(empty.version, '18.1');
    assert.deepEqual(empty.tactics(), []);
    assert.equal(empty.normalizeTactic('Execution'), null);
    assert.deepEqual(empty.normalizeTechnique('T1059'), { ref: { id: 'T1059', name: 'T1059', known: false } });
  });
});
