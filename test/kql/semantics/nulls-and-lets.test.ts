import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { run, sortedRows, NOW } from './run.js';

const N = `let N = datatable(a:long, s:string) [1, 'x', long(null), '', 3, 'z'];`;

describe('null handling in comparisons and logic', () => {
  test('a comparison with null is null, and where drops it (both with > and ==)', () => {
    assert.deepEqual(sortedRows(run(`${N} N | where a > 0 | project a`)), [[1], [3]]);
    assert.deepEqual(run(`${N} N | where a == long(null)`).rows, []);
    assert.deepEqual(run(`${N} N | where not(a > 0)`).rows, []);
  });

  test('isnull and isempty: isempty is true for null and ""', () => {
    assert.deepEqual(run(`${N} N | where isnull(a) | project s`).rows, [['']]);
    assert.deepEqual(run(`${N} N | where isempty(s) | project a`).rows, [[null]]);
  });

  test('three-valued and/or: false and null = false, true or null = true', () => {
    const r = run(`${N} N | extend x = a > 2 and s == 'z', y = a > 2 or s == '' | project a, x, y`);
    assert.deepEqual(sortedRows(r), [
      [1, false, false],
      [3, true, true],
      [null, false, true], // null and false = false
    ]);
  });
});

describe('let statements and lambdas', () => {
  test('scalar lets, one now() for the whole query', () => {
    const r = run(`let start = now(-1d); let span = 2h; print a = start + span, b = now() - ago(1h)`);
    assert.deepEqual(r.rows, [[NOW.getTime() * 1000 - 22 * 3_600_000_000, 3_600_000_000]]);
  });

  test('lambdas with typed parameters and defaults', () => {
    const r = run(`let f = (x:long, y:long = 10) { x * y }; print f(2), f(2, 3)`);
    assert.deepEqual(r.rows, [[20, 6]]);
  });

  test('a lambda with a let in its body and a tabular let used twice', () => {
    const r = run(`${N} let g = (v:long) { let w = v + 1; w * 2 }; let big = N | where a > 1; big | union big | extend h = g(a) | project h`);
    assert.deepEqual(r.rows, [[8], [8]]);
  });

  test('a tabular lambda parameter through invoke, and materialize', () => {
    const r = run(`${N} let onlyPositive = (T:(a:long)) { T | where a > 0 }; let M = materialize(N); M | invoke onlyPositive() | count`);
    assert.deepEqual(r.rows, [[2]]);
  });

  test('toscalar and in (subquery)', () => {
    const r = run(`${N} let top1 = toscalar(N | summarize max(a)); N | where a == top1 or s in ((N | where a == 1 | project s)) | project a`);
    assert.deepEqual(sortedRows(r), [[1], [3]]);
  });
});
