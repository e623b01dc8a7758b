import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDuplicateUpstreamIds } from '../../src/sync/duplicate-ids.js';

test('upstream ids shared across files are duplicates; within one file, or null, they are not', () => {
  const d = findDuplicateUpstreamIds([
    { id: 'a', upstreamId: 'X', path: 'one.yml' },
    { id: 'b', upstreamId: ' x ', path: 'two.yml' },
    { id: 'c', upstreamId: 'H', path: 'hunt.toml' },
    { id: 'd', upstreamId: 'H', path: 'hunt.toml' },
    { id: 'e', upstreamId: null, path: 'three.yml' },
    { id: 'f', upstreamId: null, path: 'four.yml' },
    { id: 'g', upstreamId: 'X', path: 'one.yml' },
  ]);
  assert.deepEqual(Object.fromEntries(d), { a: ['two.yml'], b: ['one.yml'], g: ['two.yml'] });
});
