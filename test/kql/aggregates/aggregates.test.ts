import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateFunctions } from '../../../src/kql/engine/aggregates/registry.js';
import type { KqlValue } from '../../../src/kql/engine/values.js';

/** Runs an aggregate over rows of argument values, as the executor does for one group. */
function aggregate(name: string, rows: KqlValue[][], constants: KqlValue[] = []): KqlValue {
  const f = aggregateFunctions.get(name);
  if (!f) throw new Error(`no aggregate ${name}`);
  const acc = f.create({ constants });
  for (const r of rows) acc.add(r);
  return acc.result();
}

const col = (...vs: KqlValue[]): KqlValue[][] => vs.map((v) => [v]);

describe('counting (count(), countif(), dcount() docs)', () => {
  test('count counts rows including nulls', () => {
    assert.equal(aggregate('count', [[], [], []]), 3);
  });
  test('countif counts true predicates only (null is not true)', () => {
    assert.equal(aggregate('countif', col(true, false, null, true)), 2);
  });
  test('dcount is exact and ignores nulls', () => {
    assert.equal(aggregate('dcount', col('a', 'b', 'a', null, 'B')), 3);
    assert.equal(aggregate('count_distinct', col(1, 1, 2)), 2);
    assert.equal(aggregate('dcountif', [['a', true], ['b', false], ['c', true], ['a', true]]), 2);
  });
});

describe('numeric', () => {
  test('sum/avg ignore nulls; no value → null', () => {
    assert.equal(aggregate('sum', col(1, null, 2)), 3);
    assert.equal(aggregate('avg', col(1, null, 2)), 1.5);
    assert.equal(aggregate('sum', col(null)), null);
    assert.equal(aggregate('sumif', [[5, true], [7, false]]), 5);
    assert.equal(aggregate('avgif', [[4, true], [8, true], [100, null]]), 6);
  });
  test('stdev and variance are sample statistics', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: population variance 4, sample variance 32/7.
    const rows = col(2, 4, 4, 4, 5, 5, 7, 9);
    assert.equal(aggregate('variancep', rows), 4);
    assert.ok(Math.abs((aggregate('variance', rows) as number) - 32 / 7) < 1e-12);
    assert.ok(Math.abs((aggregate('stdev', rows) as number) - Math.sqrt(32 / 7)) < 1e-12);
  });
  test('percentile by nearest rank', () => {
    const rows = col(15, 20, 35, 40, 50);
    assert.equal(aggregate('percentile', rows, [40]), 20);
    assert.equal(aggregate('percentile', rows, [50]), 35);
    assert.equal(aggregate('percentile', rows, [100]), 50);
    assert.deepEqual(aggregate('percentiles', rows, [5, 30, 40, 50, 100]), [15, 20, 20, 35, 50]);
  });
});

describe('extremes', () => {
  test('min/max ignore nulls and work on strings and datetimes', () => {
    assert.equal(aggregate('min', col(3, null, 1, 2)), 1);
    assert.equal(aggregate('max', col('b', 'c', 'a')), 'c');
    assert.equal(aggregate('max', col(null)), null);
    assert.equal(aggregate('maxif', [[3, true], [9, false], [4, true]]), 4);
    assert.equal(aggregate('minif', [[3, false], [9, true]]), 9);
  });
  test('arg_max returns the whole chosen row; first of ties; null keys skipped', () => {
    const rows: KqlValue[][] = [
      [5, 'a', 1],
      [9, 'b', 2],
      [null, 'x', 3],
      [9, 'c', 4],
      [1, 'd', 5],
    ];
    assert.deepEqual(aggregate('arg_max', rows), [9, 'b', 2]);
    assert.deepEqual(aggregate('arg_min', rows), [1, 'd', 5]);
    assert.deepEqual(aggregate('arg_max', [[null, 'x']]), [null, null]);
  });
  test('take_any prefers a non-empty value', () => {
    assert.equal(aggregate('take_any', col(null, '', 'x', 'y')), 'x');
  });
});

describe('collections (make_set(), make_list(), make_bag() docs)', () => {
  test('make_set is distinct, ignores nulls, spreads arrays', () => {
    assert.deepEqual(aggregate('make_set', col('a', 'b', 'a', null)), ['a', 'b']);
    assert.deepEqual(aggregate('make_set', col(['A', 'B'], ['B', 'C'])), ['A', 'B', 'C']);
    assert.deepEqual(aggregate('make_set', col(101, 102, 101)), [101, 102]);
  });
  test('max size caps the set and the list', () => {
    assert.deepEqual(aggregate('make_set', col(1, 2, 3), [2]), [1, 2]);
    assert.deepEqual(aggregate('make_list', col(1, 2, 3), [2]), [1, 2]);
  });
  test('make_list keeps duplicates and arrays as elements', () => {
    assert.deepEqual(aggregate('make_list', col(1, 1, null, [2, 3])), [1, 1, [2, 3]]);
    assert.deepEqual(aggregate('make_list_with_nulls', col(1, null, 2)), [1, null, 2]);
    assert.deepEqual(aggregate('make_list_if', [[1, true], [2, false], [3, true]]), [1, 3]);
    assert.deepEqual(aggregate('make_set_if', [[1, true], [1, true], [2, null]]), [1]);
  });
  test('make_bag merges bags, ignores non-bags', () => {
    assert.deepEqual(aggregate('make_bag', col({ a: 1 }, 'x', { b: 2 }, { a: 3 })), { a: 1, b: 2 });
  });
});
