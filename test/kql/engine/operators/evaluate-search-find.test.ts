import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { QueryError, runQuery } from '../../../../src/kql/index.js';

const run = (q: string) => runQuery(q, [], { now: Date.UTC(2026, 4, 25) * 1000 });
const cols = (r: ReturnType<typeof run>) => r.columns.map((c) => `${c.name}:${c.type}`);

// expected values from the examples of the Kusto docs (bag_unpack plugin, pivot plugin)
describe('evaluate bag_unpack', () => {
  const people = `datatable(d:dynamic)[dynamic({"Name": "John", "Age":20}), dynamic({"Name": "Dave", "Age":40}), dynamic({"Name": "Jasmine", "Age":30})]`;

  test('one column per slot, typed by its values, sorted (docs: Age, Name); the rest of the query binds against them', () => {
    const r = run(`${people} | evaluate bag_unpack(d)`);
    assert.deepEqual(cols(r), ['Age:long', 'Name:string']);
    assert.deepEqual(r.rows, [[20, 'John'], [40, 'Dave'], [30, 'Jasmine']]);
    assert.deepEqual(run(`${people} | evaluate bag_unpack(d) | where Age > 25 | project Name`).rows, [['Dave'], ['Jasmine']]);
  });

  test('OutputColumnPrefix', () => {
    // (ignoredProperties is not in the plugin signature Kusto.Language binds: it rejects it)
    const r = run(`${people} | evaluate bag_unpack(d, 'Property_')`);
    assert.deepEqual(cols(r), ['Property_Age:long', 'Property_Name:string']);
    assert.deepEqual(r.rows[0], [20, 'John']);
  });

  test('columnsConflict: replace_source takes the slot, keep_source the input column, error (the default) fails', () => {
    const named = `datatable(Name:string, d:dynamic)['Old_name', dynamic({"Name": "John", "Age":20}), 'Old_name', dynamic({"Name": "Dave", "Age":40})]`;
    assert.deepEqual(run(`${named} | evaluate bag_unpack(d, columnsConflict='replace_source')`).rows, [[20, 'John'], [40, 'Dave']]);
    assert.deepEqual(run(`${named} | evaluate bag_unpack(d, columnsConflict='keep_source')`).rows, [[20, 'Old_name'], [40, 'Old_name']]);
    assert.throws(() => run(`${named} | evaluate bag_unpack(d)`), (e: unknown) => e instanceof QueryError && /slot Name is also an input column/.test(e.message));
  });

  test('a slot whose values differ in type is dynamic; missing slots are null; other input columns stay', () => {
    const r = run(`datatable(k:string, d:dynamic)['a', dynamic({"x": 1}), 'b', dynamic({"x": "one", "y": true})] | evaluate bag_unpack(d)`);
    assert.deepEqual(cols(r), ['x:dynamic', 'y:bool', 'k:string']);
    assert.deepEqual(r.rows, [[1, null, 'a'], ['one', true, 'b']]);
  });

  test('with an OutputSchema written in the query: only those columns (and * for the input ones)', () => {
    const r = run(`datatable(d:dynamic, Description:string)[dynamic({"Name": "John", "Age":20, "height":180}), "Student"] | evaluate bag_unpack(d) : (*, Name:string, Age:long)`);
    assert.deepEqual(cols(r), ['Description:string', 'Name:string', 'Age:long']);
    assert.deepEqual(r.rows, [['Student', 'John', 20]]);
  });
});

describe('evaluate pivot', () => {
  const storms = `datatable(State:string, EventType:string, DeathsDirect:long)["ARKANSAS","Heat",3, "ARIZONA","Flash Flood",6, "ARKANSAS","Heat",1, "ARIZONA","Heat",2]`;

  test('one column per value in order of appearance; sum() of a cell without rows is 0 as in the docs', () => {
    const r = run(`${storms} | evaluate pivot(State, sum(DeathsDirect)) | sort by EventType asc`);
    assert.deepEqual(cols(r), ['EventType:string', 'ARKANSAS:long', 'ARIZONA:long']);
    assert.deepEqual(r.rows, [['Flash Flood', 0, 6], ['Heat', 4, 2]]);
  });

  test('count() by default; explicit by-columns', () => {
    const r = run(`${storms} | evaluate pivot(EventType, count(), State) | sort by State asc`);
    assert.deepEqual(cols(r), ['State:string', 'Heat:long', 'Flash Flood:long']);
    assert.deepEqual(r.rows, [['ARIZONA', 1, 1], ['ARKANSAS', 2, 0]]);
    assert.deepEqual(run(`${storms} | project State, EventType | evaluate pivot(State) | where ARKANSAS > 0`).rows, [['Heat', 2, 1]]);
  });
});

test('parse into a column the input already has: the parsed one is name1 for the next operator', () => {
  // the corpus' DCA-DetectAADInternalsUse.kql does this; Kusto keeps both columns
  const r = run(`print Issuer = dynamic("http://x.com/abc"), k = 1 | parse Issuer with * '://' Issuer | extend n = 2`);
  assert.deepEqual(cols(r), ['Issuer:dynamic', 'k:long', 'Issuer1:string', 'n:long']);
  assert.deepEqual(r.rows, [['http://x.com/abc', 1, 'x.com/abc', 2]]);
});

describe('search', () => {
  const T = `let T = datatable(a:string, b:string, n:long)['Green apple', 'x', 1, 'red', 'Hughes', 2, 'greenish', 'y', 3, 'blue', 'light green', 4]`;

  test('a bare term is has over every string column (case-insensitive); $table comes first', () => {
    const r = run(`${T}; T | search "green"`);
    assert.equal(r.columns[0]!.name, '$table');
    // "greenish" holds no term "green"
    assert.deepEqual(r.rows.map((row) => row[3]), [1, 4]);
  });

  test('wildcards: term* hasprefix, *term hassuffix, *term* contains, a*b matches regex; Column:term one column; and/or with other predicates', () => {
    const ns = (q: string) => run(`${T}; T | search ${q}`).rows.map((row) => row[3]);
    assert.deepEqual(ns('"green*"'), [1, 3, 4]);
    assert.deepEqual(ns('"*ish"'), [3]);
    assert.deepEqual(ns('"*ree*"'), [1, 3, 4]);
    assert.deepEqual(ns('"Gr*le"'), [1]);
    assert.deepEqual(ns('b:"green"'), [4]);
    assert.deepEqual(ns('"hughes" or n == 3'), [2, 3]);
    assert.deepEqual(ns('kind=case_sensitive "Green"'), [1]);
  });

  test('search in (tables): each table searched with its own columns, named in $table; a column a table lacks is null there', () => {
    const r = run(`let A = datatable(s:string)['alpha beta']; let B = datatable(s:string, k:long)['beta', 7]; search in (A, B) "beta" and isnull(k) | project $table, s`);
    assert.deepEqual(r.rows, [['union_arg0', 'alpha beta']]);
  });
});

test('column_ifexists: the column when the input has it, else the default', () => {
  assert.deepEqual(run(`datatable(a:long)[1] | extend b = column_ifexists('a', 0), c = column_ifexists('zz', 'none')`).rows, [[1, 1, 'none']]);
});

describe('find', () => {
  const AB = `let A = datatable(s:string, k:long)['a', 1, 'z', 5]; let B = datatable(s:string, j:real)['b', 2.0];`;

  test('find in (…) where … project: source_ first; a projected column a table lacks is null', () => {
    const r = run(`${AB} find in (A, B) where s != 'z' project s, k`);
    assert.deepEqual(cols(r), ['source_:string', 's:string', 'k:long']);
    assert.deepEqual(r.rows.map((row) => row.slice(1)), [['a', 1], ['b', null]]);
  });

  test('withsource= names the source column; project-smart packs the other columns into pack_', () => {
    const r = run(`${AB} find withsource=T in (A, B) where s != 'z' project-smart`);
    assert.deepEqual(cols(r), ['T:string', 's:string', 'pack_:dynamic']);
    assert.deepEqual(r.rows.map((row) => row.slice(1)), [['a', { k: 1 }], ['b', { j: 2 }]]);
  });
});
