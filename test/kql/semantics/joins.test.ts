import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { run, sortedRows } from './run.js';

// The X and Y tables of the KQL documentation's join pages ("join innerunique", "join flavors").
const XY = `let X = datatable(Key:string, Value1:long) ['a',1, 'b',2, 'b',3, 'c',4];
let Y = datatable(Key:string, Value2:long) ['b',10, 'c',20, 'c',30, 'd',40];`;

describe('join kinds (documented X/Y example)', () => {
  test('default kind is innerunique: duplicate left keys are removed before joining; right key column is Key1', () => {
    const r = run(`${XY} X | join Y on Key`);
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['Key', 'Value1', 'Key1', 'Value2'],
    );
    // The docs show b/2: one left row per key survives (the first one here).
    assert.deepEqual(sortedRows(r), [
      ['b', 2, 'b', 10],
      ['c', 4, 'c', 20],
      ['c', 4, 'c', 30],
    ]);
  });

  test('kind=inner keeps every left duplicate', () => {
    assert.deepEqual(sortedRows(run(`${XY} X | join kind=inner Y on Key`)), [
      ['b', 2, 'b', 10],
      ['b', 3, 'b', 10],
      ['c', 4, 'c', 20],
      ['c', 4, 'c', 30],
    ]);
  });

  test('kind=leftouter keeps unmatched left rows with nulls on the right', () => {
    const rows = sortedRows(run(`${XY} X | join kind=leftouter Y on Key`));
    assert.equal(rows.length, 5);
    // strings are never null in KQL: the missing right key is the empty string
    assert.deepEqual(rows[0], ['a', 1, '', null]);
  });

  test('kind=rightouter and fullouter add unmatched right rows', () => {
    assert.equal(run(`${XY} X | join kind=rightouter Y on Key`).rows.length, 5);
    assert.equal(run(`${XY} X | join kind=fullouter Y on Key`).rows.length, 6);
  });

  test('semi and anti kinds return one side only', () => {
    assert.deepEqual(sortedRows(run(`${XY} X | join kind=leftsemi Y on Key`)), [
      ['b', 2],
      ['b', 3],
      ['c', 4],
    ]);
    assert.deepEqual(run(`${XY} X | join kind=leftanti Y on Key`).rows, [['a', 1]]);
    assert.deepEqual(run(`${XY} X | join kind=rightanti Y on Key`).rows, [['d', 40]]);
    assert.deepEqual(sortedRows(run(`${XY} X | join kind=rightsemi Y on Key`)), [
      ['b', 10],
      ['c', 20],
      ['c', 30],
    ]);
  });

  test('$left.a == $right.b conditions', () => {
    const r = run(`${XY} X | join kind=inner (Y | project K2 = Key, Value2) on $left.Key == $right.K2 | where Value1 == 4`);
    assert.deepEqual(
      r.rows.map((x) => x[3]),
      [20, 30],
    );
  });

  test('lookup: right key columns are not repeated; unmatched left rows kept (leftouter by default)', () => {
    const r = run(`${XY} X | lookup (Y | summarize Value2 = max(Value2) by Key) on Key`);
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['Key', 'Value1', 'Value2'],
    );
    assert.deepEqual(sortedRows(r), [
      ['a', 1, null],
      ['b', 2, 10],
      ['b', 3, 10],
      ['c', 4, 30],
    ]);
  });
});

// A summarize right after a join reads only some join columns (the rest are not gathered): every
// column it names, however it names it, must still be there. Values worked by hand from X and Y.
describe('summarize over a join', () => {
  test('by keys and aggregate arguments over both sides', () => {
    // inner pairs: b(2,10) b(3,10) c(4,20) c(4,30)
    assert.deepEqual(sortedRows(run(`${XY} X | join kind=inner Y on Key | summarize n = count(), s = sum(Value1 + Value2) by Key1`)), [
      ['b', 2, 25],
      ['c', 2, 58],
    ]);
  });

  test('count, countif with iff, and column_ifexists naming a column by string', () => {
    assert.deepEqual(run(`${XY} X | join kind=inner Y on Key | count`).rows, [[4]]);
    assert.deepEqual(run(`${XY} X | join kind=inner Y on Key | summarize c = countif(iff(Value2 > 15, Value1 == 4, false))`).rows, [[2]]);
    assert.deepEqual(run(`${XY} X | join kind=inner Y on Key | summarize s = sum(column_ifexists('Value2', 0))`).rows, [[70]]);
  });
});

describe('join keys that never match', () => {
  // A null number key matches nothing, not even another null; fullouter still keeps both rows.
  const NK = `let A = datatable(K:long, Va:string) [1,'a', long(null),'n', 5,'e'];
let B = datatable(K:long, Vb:string) [long(null),'m', 1,'b', 2,'c', 1,'d'];`;

  test('fullouter: matched pairs, then unmatched left rows and unmatched right rows with nulls', () => {
    assert.deepEqual(sortedRows(run(`${NK} A | join kind=fullouter B on K | project K, Va, K1, Vb`)), [
      [1, 'a', 1, 'b'],
      [1, 'a', 1, 'd'],
      [5, 'e', null, ''],
      [null, '', 2, 'c'],
      [null, '', null, 'm'],
      [null, 'n', null, ''],
    ]);
  });

  test('rightouter, leftanti and rightanti count the null-keyed rows as unmatched', () => {
    assert.equal(run(`${NK} A | join kind=rightouter B on K`).rows.length, 4);
    assert.deepEqual(sortedRows(run(`${NK} A | join kind=leftanti B on K`)), [[5, 'e'], [null, 'n']]);
    assert.deepEqual(sortedRows(run(`${NK} A | join kind=rightanti B on K`)), [[2, 'c'], [null, 'm']]);
  });
});
