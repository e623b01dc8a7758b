import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { QueryError, runQuery } from '../../../../src/kql/index.js';

const NOW = Date.UTC(2026, 4, 25, 23) * 1000;
const run = (q: string) => runQuery(q, [], { now: NOW });
const HOUR = 3_600_000_000;

// Kusto docs (union, isfuzzy): "the set of union sources is reduced to the set of table
// references that exist and are accessible … If no resolution succeeds, the query returns an error."
describe('union isfuzzy=true over tables with no schema', () => {
  test('the unknown leg is dropped before binding: a column of the known leg keeps its one type', () => {
    // bound with the unknown leg, t would split into t_datetime and t_unknown and `t + 1h` would not bind
    const r = run(`union isfuzzy=true (datatable(t:datetime)[datetime(2026-01-01)]), (NoSuchTable | where t > ago(1d))
      | project t2 = t + 1h`);
    assert.deepEqual(r.columns, [{ name: 't2', type: 'datetime' }]);
    assert.deepEqual(r.rows, [[Date.UTC(2026, 0, 1) * 1000 + HOUR]]);
  });

  test('a leg that reads an unknown table through table(param) in a let function is dropped too', () => {
    const r = run(`let f = (n:string) { table(n) | summarize c = count() by k };
      let absent = f('NoSuchTable');
      let known = datatable(k:string)['a', 'a', 'b'] | summarize c = count() by k;
      union isfuzzy=true absent, known | project k, c | sort by k asc`);
    assert.deepEqual(r.columns.map((c) => `${c.name}:${c.type}`), ['k:string', 'c:long']);
    assert.deepEqual(r.rows, [['a', 2], ['b', 1]]);
  });

  test('the first of three legs dropped: the other two still union (the commas between them kept)', () => {
    const r = run(`union isfuzzy=true NoSuchTable, (print x = 1), (print x = 2) | sort by x asc`);
    assert.deepEqual(r.rows, [[1], [2]]);
  });

  test('positions in later messages still point into the original text', () => {
    assert.throws(
      () => run(`union isfuzzy=true NoSuchTable, (print x = 1)\n| extend y = toscalar(print z = 1) | invoke nope()`),
      (err: unknown) => err instanceof QueryError && err.line === 2,
    );
  });

  test('no leg resolves: an error naming the unknown tables', () => {
    assert.throws(
      () => run(`union isfuzzy=true (NoSuchA | extend d = 1), (NoSuchB | extend d = 2) | summarize by d`),
      (err: unknown) => err instanceof QueryError && err.kind === 'semantic' && /NoSuchA, NoSuchB/.test(err.message) && err.line === 1,
    );
  });

  test('without isfuzzy an unknown table is a binding error', () => {
    assert.throws(() => run(`union (print x = 1), NoSuchTable`), (err: unknown) => err instanceof QueryError && err.kind === 'semantic');
  });
});

describe('union over a wildcard', () => {
  test('union withsource=T Dev* reads every table the name matches; a matched table with no data is empty', () => {
    const dev1 = runQuery('print x = 1', [], { now: NOW }).table;
    const tables = [
      { ...dev1, name: 'DevA' },
      { ...runQuery('print x = 2 | union (print x = 3)', [], { now: NOW }).table, name: 'DevB' },
      { ...dev1, name: 'Other' },
    ];
    const schemas = [{ name: 'DevEmpty', columns: [{ name: 'x', type: 'long' as const }] }];
    const r = runQuery('union withsource=T Dev* | summarize n = count(), s = sum(x) by T | sort by T asc', tables, { now: NOW, schemas });
    assert.deepEqual(r.rows, [['DevA', 1, 1], ['DevB', 2, 5]]);
  });
});

describe('toscalar of a scalar', () => {
  test('toscalar(array_length(a)) is the scalar itself', () => {
    assert.deepEqual(run(`let a = pack_array(1, 2, 3); print n = toscalar(array_length(a))`).rows, [[3]]);
  });
});
