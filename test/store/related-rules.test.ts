import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { sampleRule } from '../web/sample-rule.js';
import { handBuiltCatalog } from '../web/hand-built-catalog.js';

/** Related rules over a real SQLite catalog of hand-made rules, the expected lists worked out by hand. */

const t = (id: string, name = id) => ({ id, name, known: true });
const catalog = handBuiltCatalog([
  sampleRule({ id: 'a', name: 'A', source: 'one', techniques: [t('T1219'), t('T1059')] }),
  sampleRule({ id: 'b', name: 'B', source: 'two', techniques: [t('T1219')] }),
  sampleRule({ id: 'c', name: 'C', source: 'two', techniques: [t('T1219'), t('T1059')] }),
  sampleRule({ id: 'd', name: 'D', source: 'one', techniques: [t('T1219')] }),
  sampleRule({ id: 'e', name: 'E', source: 'three', techniques: [t('T1003')] }),
  sampleRule({ id: 'f', name: 'F', source: 'three', techniques: [t('T1059')] }),
  sampleRule({ id: 'g', name: 'G', source: 'two', techniques: [] }),
]);
after(() => catalog.dispose());

describe('related rules', () => {
  test('other sources only, most shared techniques first, sources taking turns', () => {
    // Candidates for A: C (2 shared), B (1), F (1); D is A's own source, E and G share nothing.
    // By source: two → [C, B], three → [F]; in turns: C, F, B.
    assert.deepEqual(
      catalog.store.relatedRules('a', 6).map((r) => [r.id, r.shared]),
      [['c', 2], ['f', 1], ['b', 1]],
    );
    assert.deepEqual(catalog.store.relatedRules('a', 2).map((r) => r.id), ['c', 'f']);
  });

  test('a rule with no technique, or an unknown id, has none', () => {
    assert.deepEqual(catalog.store.relatedRules('g', 6), []);
    assert.deepEqual(catalog.store.relatedRules('nope', 6), []);
  });

  test('each related rule carries its name, source and language for the link', () => {
    assert.deepEqual(catalog.store.relatedRules('e', 6), []);
    assert.deepEqual(catalog.store.relatedRules('f', 6)[0], { id: 'a', name: 'A', source: 'one', language: 'kql', shared: 1 });
  });
});
