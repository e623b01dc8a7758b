import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSnippet, searchWords } from '../../src/store/make-snippet.js';

test('search words are folded like the FTS tokenizer folds them', () => {
  assert.deepEqual(searchWords('Addig  NETWORK-conn Café'), ['addig', 'network', 'conn', 'cafe']);
  assert.deepEqual(searchWords('  --- '), []);
});

test('the snippet comes from the field with most matched words, marks prefixes, and cuts with …', () => {
  // 21 words: the window (6 before, 12 after the first match) reaches the end, so no trailing cut.
  const description = 'one two three four five six seven eight nine Addigy ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty';
  const s = makeSnippet([description, 'DeviceNetworkEvents | where RemoteUrl has "addigy"', 'name'], searchWords('addig remoteurl'));
  // The query holds both words, the description only one.
  assert.equal(s, 'DeviceNetworkEvents | where \u0001RemoteUrl\u0002 has "\u0001addigy\u0002"');
  const d = makeSnippet([description, 'nothing here'], ['addig']);
  assert.equal(d, '…four five six seven eight nine \u0001Addigy\u0002 ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty');
  assert.equal(makeSnippet(['no match'], ['zzz']), undefined);
});
