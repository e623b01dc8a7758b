import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../../../src/kql/index.js';

const NOW = Date.UTC(2026, 4, 25, 23) * 1000;
const run = (q: string) => runQuery(q, [], { now: NOW });

describe('parse', () => {
  test('simple: constants delimit, typed columns convert, a trailing column takes the rest', () => {
    const r = run(`print s = 'user=alice id=42 msg=hello world' | parse s with 'user=' user ' id=' id:long ' msg=' msg`);
    assert.deepEqual(r.columns.slice(1).map((c) => `${c.name}:${c.type}`), ['user:string', 'id:long', 'msg:string']);
    assert.deepEqual(r.rows[0]!.slice(1), ['alice', 42, 'hello world']);
  });

  test('a leading * skips text; a non-matching row gets nulls (empty strings), parse-where drops it', () => {
    const q = `datatable(s:string) ['x a=1', 'nothing'] | parse s with * 'a=' a:long`;
    assert.deepEqual(run(q).rows, [['x a=1', 1], ['nothing', null]]);
    assert.deepEqual(run(q.replace('parse', 'parse-where')).rows, [['x a=1', 1]]);
  });

  test('kind=regex uses the pattern as a regular expression', () => {
    const r = run(`print s = 'port 8080 open' | parse kind=regex s with 'port ' p:long ' (open|closed)'`);
    assert.equal(r.rows[0]![1], 8080);
  });
});

describe('mv-expand', () => {
  test('one row per array element; with_itemindex; to typeof()', () => {
    const r = run(`print k = 'a', v = dynamic([1, 2, 3]) | mv-expand with_itemindex = i v to typeof(long)`);
    // the binder appends the index column
    assert.deepEqual(r.columns.map((c) => `${c.name}:${c.type}`), ['k:string', 'v:long', 'i:long']);
    assert.deepEqual(r.rows, [['a', 1, 0], ['a', 2, 1], ['a', 3, 2]]);
  });

  test('a property bag expands to one single-key bag per property', () => {
    assert.deepEqual(run(`print b = dynamic({'x': 1, 'y': 2}) | mv-expand b`).rows, [[{ x: 1 }], [{ y: 2 }]]);
  });

  test('two arrays expand side by side, the shorter padded with null', () => {
    assert.deepEqual(run(`print a = dynamic([1, 2]), b = dynamic(['p']) | mv-expand a, b`).rows, [[1, 'p'], [2, null]]);
  });
});

describe('mv-apply', () => {
  test('the subquery runs on each row\'s expanded array; its rows come out with the row\'s other columns', () => {
    const r = run(`datatable(k:string, a:dynamic)['x', dynamic([1, 5, 3]), 'y', dynamic([2])] | mv-apply v = a to typeof(long) on (top 1 by v | project m = v)`);
    assert.deepEqual(r.columns.map((c) => c.name), ['k', 'a', 'm']);
    assert.deepEqual(r.rows, [['x', [1, 5, 3], 5], ['y', [2], 2]]);
  });

  test('a filtering subquery drops rows (the Conditional Access pattern of the corpus)', () => {
    const r = run(`datatable(u:string, p:dynamic)['x', dynamic([{'n':'a','r':'failure'},{'n':'b','r':'success'}])]
      | mv-apply c = p on (project name = tostring(c.n), res = tostring(c.r) | where res =~ 'failure') | project u, name`);
    assert.deepEqual(r.rows, [['x', 'a']]);
  });
});

describe('make-series', () => {
  test('one array per aggregate and group, a value per bin, empty bins at the default; the axis as bin starts', () => {
    const r = run(`datatable(k:string, t:datetime, v:long)['a', datetime(2026-01-01 00:10), 1, 'a', datetime(2026-01-01 02:30), 5, 'b', datetime(2026-01-01 01:00), 2]
      | make-series n = count() default = 0, total = sum(v) on t from datetime(2026-01-01) to datetime(2026-01-01 03:00) step 1h by k | sort by k asc`);
    assert.deepEqual(r.columns.map((c) => `${c.name}:${c.type}`), ['k:string', 'n:dynamic', 'total:dynamic', 't:dynamic']);
    const hours = ['2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z'];
    assert.deepEqual(r.rows, [
      ['a', [1, 0, 1], [1, 0, 5], hours],
      ['b', [0, 1, 0], [0, 2, 0], hours],
    ]);
  });
});

describe('union, sort, top, take, distinct', () => {
  test('union withsource names the leg of each row; columns are matched by name', () => {
    const r = run(`let A = datatable(x:long)[1]; let B = datatable(x:long, y:string)[2, 'b']; union withsource = Src A, B | sort by x asc`);
    assert.deepEqual(r.columns.map((c) => c.name), ['Src', 'x', 'y']);
    assert.deepEqual(r.rows, [['union_arg0', 1, ''], ['union_arg1', 2, 'b']]);
  });

  test('union isfuzzy=true leaves out a leg whose table has no data', () => {
    const r = run(`let f = (t:string) { table(t) | project x = 1 }; union isfuzzy=true (datatable(x:long)[5]), f('NotLoaded')`);
    assert.deepEqual(r.rows, [[5]]);
  });

  test('sort: desc by default with nulls last; asc puts nulls first', () => {
    const T = `datatable(v:long)[2, long(null), 5, 1]`;
    assert.deepEqual(run(`${T} | sort by v`).rows.map((r) => r[0]), [5, 2, 1, null]);
    assert.deepEqual(run(`${T} | order by v asc`).rows.map((r) => r[0]), [null, 1, 2, 5]);
    assert.deepEqual(run(`${T} | sort by v asc nulls last`).rows.map((r) => r[0]), [1, 2, 5, null]);
  });

  test('top N by key and take N', () => {
    const T = `range v from 1 to 10 step 1`;
    assert.deepEqual(run(`${T} | top 3 by v`).rows, [[10], [9], [8]]);
    assert.equal(run(`${T} | take 4`).rows.length, 4);
  });

  test('project-away, project-rename, project-reorder keep the remaining columns as the binder lists them', () => {
    const T = `print a = 1, b = 'x', c = 2.5`;
    assert.deepEqual(run(`${T} | project-away b`).columns.map((c) => c.name), ['a', 'c']);
    assert.deepEqual(run(`${T} | project-rename z = a`).rows, [[1, 'x', 2.5]]);
    assert.deepEqual(run(`${T} | project-rename z = a`).columns.map((c) => c.name), ['z', 'b', 'c']);
    assert.deepEqual(run(`${T} | project-reorder c, a`).columns.map((c) => c.name), ['c', 'a', 'b']);
  });
});

describe('expressions', () => {
  test('dynamic access by property, index and key', () => {
    const r = run(`print d = dynamic({'a': {'b': [10, 20]}}) | project x = d.a.b[1], y = d['a']['b'][0], z = d.absent`);
    assert.deepEqual(r.rows, [[20, 10, null]]);
  });

  test('datetime arithmetic: datetime - datetime is a timespan, datetime + timespan a datetime, ago() from the pinned now', () => {
    const r = run(`print a = datetime(2026-05-25 23:00) - datetime(2026-05-24 22:00), b = datetime(2026-05-24) + 36h, c = ago(1d)`);
    assert.deepEqual(r.columns.map((c) => c.type), ['timespan', 'datetime', 'datetime']);
    assert.deepEqual(r.rows, [[25 * 3_600_000_000, Date.UTC(2026, 4, 25, 12) * 1000, NOW - 86_400_000_000]]);
  });

  test('comparisons whose bounds are other columns (not constants)', () => {
    const r = run(`datatable(a:long, b:long)[1, 2, 3, 1, 5, 5] | where a between (b .. b + 1) or a < b - 5`);
    assert.deepEqual(r.rows, [[5, 5]]);
    assert.deepEqual(run(`datatable(a:long, b:long)[1, 2, 3, 1] | where a > b`).rows, [[3, 1]]);
  });

  test('iff and case evaluate only the chosen branch', () => {
    const r = run(`range x from 1 to 3 step 1 | extend y = iff(x > 1, 'big', 'small'), z = case(x == 1, 'one', x == 2, 'two', 'many')`);
    assert.deepEqual(r.rows, [[1, 'small', 'one'], [2, 'big', 'two'], [3, 'big', 'many']]);
  });

  test('has matches whole terms, contains substrings (per distinct value over a string column)', () => {
    const T = `datatable(u:string)['prod.addigy.com', 'notaddigy.com', 'x-addigy-y']`;
    assert.deepEqual(run(`${T} | where u has 'addigy'`).rows, [['prod.addigy.com'], ['x-addigy-y']]);
    assert.equal(run(`${T} | where u contains 'addigy'`).rows.length, 3);
  });
});
