import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEVERITIES } from '../../src/catalog/rule.js';

test('severities are ordered lowest to highest', () => {
  assert.deepEqual([...SEVERITIES], ['informational', 'low', 'medium', 'high', 'critical']);
});
