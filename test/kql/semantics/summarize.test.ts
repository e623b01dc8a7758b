import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { run, sortedRows } from './run.js';

const T = `let T = datatable(Dev:string, Port:long, Ts:datetime) [
  'a', 80, datetime(2026-05-24 10:00), 'a', 443, datetime(2026-05-24 11:00), 'b', 22, datetime(2026-05-24 12:30),
  'a', long(null), datetime(2026-05-24 10:30)];`;

describe('summarize: default names, column order, grouping', () => {
  test('unnamed aggregates are named by the binder (count_, min_Port, avg_Port, dcount_Port); by-columns come first', () => {
    const r = run(`${T} T | summarize count(), min(Port), avg(Port), dcount(Port) by Dev`);
    assert.deepEqual(
      r.columns.map((c) => `${c.name}:${c.type}`),
      ['Dev:string', 'count_:long', 'min_Port:long', 'avg_Port:real', 'dcount_Port:long'],
    );
    // count() counts rows (the null Port too); min/avg/dcount ignore nulls
    assert.deepEqual(sortedRows(r), [
      ['a', 3, 80, 261.5, 2],
      ['b', 1, 22, 22, 1],
    ]);
  });

  test('by bin(Ts, 1h) keeps the column name Ts; groups on the bin start', () => {
    const r = run(`${T} T | summarize n = count() by bin(Ts, 1h) | sort by Ts asc`);
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['Ts', 'n'],
    );
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [2, 1, 1],
    );
  });

  test('summarize without by over an empty input gives one row with count 0', () => {
    assert.deepEqual(run(`${T} T | where Port > 10000 | summarize count()`).rows, [[0]]);
    assert.deepEqual(run(`${T} T | where Port > 10000 | summarize count() by Dev`).rows, []);
  });

  test('count() by two string columns: one group per distinct pair, the empty string a value of its own', () => {
    const r = run(`datatable(A:string, B:string) ['x','p', 'x','q', 'y','p', 'x','p', '','p', 'y','q'] | summarize n = count() by A, B`);
    assert.deepEqual(sortedRows(r), [
      ['', 'p', 1],
      ['x', 'p', 2],
      ['x', 'q', 1],
      ['y', 'p', 1],
      ['y', 'q', 1],
    ]);
  });

  test('an expression over aggregates', () => {
    const r = run(`${T} T | summarize pct = 100.0 * countif(Port > 50) / count()`);
    assert.deepEqual(r.columns, [{ name: 'pct', type: 'real' }]);
    assert.deepEqual(r.rows, [[50]]);
  });

  test('arg_max(Ts, *) returns the latest row per group, named as the binder names it', () => {
    const r = run(`${T} T | summarize arg_max(Ts, *) by Dev`);
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['Dev', 'Ts', 'Port'],
    );
    assert.deepEqual(
      sortedRows(r).map((x) => [x[0], x[2]]),
      [
        ['a', 443],
        ['b', 22],
      ],
    );
  });

  test('(a, b) = arg_max(...) names the returned columns', () => {
    const r = run(`${T} T | summarize (LastTs, LastPort) = arg_max(Ts, Port) by Dev | where Dev == 'a'`);
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['Dev', 'LastTs', 'LastPort'],
    );
    assert.equal(r.rows[0]![2], 443);
  });

  test('count operator names its column Count; distinct keeps distinct combinations', () => {
    assert.deepEqual(run(`${T} T | count`).columns, [{ name: 'Count', type: 'long' }]);
    assert.deepEqual(run(`${T} T | count`).rows, [[4]]);
    assert.deepEqual(sortedRows(run(`${T} T | distinct Dev`)), [['a'], ['b']]);
  });

  test('print names unnamed columns print_0, print_1 …', () => {
    const r = run(`print 1, x = 'y', strlen('abc')`);
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['print_0', 'x', 'print_2'],
    );
    assert.deepEqual(r.rows, [[1, 'y', 3]]);
  });
});
