import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { QueryError, runQuery } from '../../../../src/kql/index.js';

function limitError(query: string, options: Parameters<typeof runQuery>[2]): QueryError {
  try {
    runQuery(query, [], options);
  } catch (err) {
    assert.ok(err instanceof QueryError, `expected a QueryError, got ${String(err)}`);
    return err;
  }
  assert.fail('the query should have been stopped');
}

describe('limits stop a query with a message naming the operator', () => {
  test('range with 10^12 rows is refused before allocating', () => {
    const err = limitError('range x from 1 to 1000000000000 step 1', {});
    assert.equal(err.kind, 'limit');
    assert.equal(err.feature, 'range');
    assert.match(err.message, /range/);
  });

  test('a join that explodes stops at the row limit', () => {
    const q = 'range a from 1 to 3000 step 1 | extend k = 1 | join kind=inner (range b from 1 to 3000 step 1 | extend k = 1) on k';
    const err = limitError(q, { maxRows: 1_000_000 });
    assert.equal(err.kind, 'limit');
    assert.equal(err.feature, 'join');
  });

  test('mv-expand of a huge array stops at the row limit', () => {
    // 1,000 rows each holding a 1,000-element array: the second mv-expand would make 10^6 rows
    const q = 'range x from 1 to 1000 step 1 | summarize a = make_list(x) | extend b = a | mv-expand a | mv-expand b';
    const err = limitError(q, { maxRows: 100_000 });
    assert.equal(err.feature, 'mv-expand');
  });

  test('the time limit stops a long query', () => {
    const q = "range x from 1 to 20000000 step 1 | extend y = strcat('v', x) | summarize dcount(y)";
    const err = limitError(q, { timeoutMs: 50 });
    assert.equal(err.kind, 'limit');
    assert.match(err.message, /time limit/);
  });

  test('the memory guard stops a query when the heap is over its budget', () => {
    const err = limitError('range x from 1 to 10 step 1', { maxHeapBytes: 1 });
    assert.equal(err.kind, 'limit');
    assert.match(err.message, /memory limit/);
  });

  test('under the limits the same shapes run', () => {
    assert.deepEqual(runQuery('range x from 1 to 5 step 2', []).rows, [[1], [3], [5]]);
  });
});
