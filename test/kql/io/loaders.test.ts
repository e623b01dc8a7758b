import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadTelemetry, tableNameOf, formatOf } from '../../../src/kql/io/load-telemetry.js';
import { columnValue, type Table } from '../../../src/kql/engine/column.js';
import type { TableSchema } from '../../../src/kql/schema/table-schema.js';
import { loadTableSchemas } from '../../../src/kql/schema/load-schemas.js';
import { SCHEMAS, TELEMETRY } from '../../helpers/shared.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'socfeed-io-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** Column `name` of a table as plain values. */
function values(t: Table, name: string): unknown[] {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name} missing; have ${t.columns.map((x) => x.name).join(', ')}`);
  return Array.from({ length: t.length }, (_, i) => columnValue(c.column, i));
}
const typeOf = (t: Table, name: string): string => t.columns.find((x) => x.name === name)!.column.type;
const T0 = Date.UTC(2026, 4, 24, 10) * 1000;

describe('file names', () => {
  test('table name is the part before the first dot; formats with .gz', () => {
    assert.equal(tableNameOf('/x/DeviceNetworkEvents.ndjson'), 'DeviceNetworkEvents');
    assert.equal(tableNameOf('DeviceNetworkEvents.2026-05-24.csv.gz'), 'DeviceNetworkEvents');
    assert.equal(formatOf('a.2026-05-24.csv.gz'), 'csv');
    assert.equal(formatOf('a.jsonl'), 'ndjson');
    assert.equal(formatOf('a.txt'), null);
  });
});

describe('inference', () => {
  test('NDJSON: datetimes, longs, reals, bools, dynamic, strings; missing values', async () => {
    const p = write(
      'Infer.ndjson',
      [
        '{"T":"2026-05-24T10:00:00Z","N":1,"R":1,"B":true,"D":{"a":1},"S":"x"}',
        '',
        '{"T":"2026-05-24T10:00:00.5Z","N":2,"R":2.5,"B":false,"D":[1],"S":"y","Extra":"e"}',
        '{"N":null}',
      ].join('\n'),
    );
    const { tables, warnings } = await loadTelemetry([p]);
    const t = tables.get('Infer')!;
    assert.deepEqual(warnings, []);
    assert.equal(t.length, 3);
    assert.deepEqual(
      t.columns.map((c) => [c.name, c.column.type]),
      [
        ['T', 'datetime'],
        ['N', 'long'],
        ['R', 'real'],
        ['B', 'bool'],
        ['D', 'dynamic'],
        ['S', 'string'],
        ['Extra', 'string'],
      ],
    );
    assert.deepEqual(values(t, 'T'), [T0, T0 + 500_000, null]);
    assert.deepEqual(values(t, 'R'), [1, 2.5, null]);
    assert.deepEqual(values(t, 'D'), [{ a: 1 }, [1], null]);
    // Strings are never null in KQL: a missing string is "".
    assert.deepEqual(values(t, 'Extra'), ['', 'e', '']);
    assert.deepEqual(values(t, 'S'), ['x', 'y', '']);
  });
  test('a datetime-looking column that turns out to hold text becomes string', async () => {
    const p = write('Mixed.ndjson', '{"A":"2026-05-24T10:00:00Z","B":1}\n{"A":"not a date","B":"two"}\n');
    const t = (await loadTelemetry([p])).tables.get('Mixed')!;
    assert.equal(typeOf(t, 'A'), 'string');
    assert.deepEqual(values(t, 'A'), ['2026-05-24T10:00:00Z', 'not a date']);
    assert.deepEqual(values(t, 'B'), ['1', 'two']);
  });
  test('CSV infers from text', async () => {
    const p = write('C.csv', 'When,Port,Ratio,Ok,Bag,Name\n2026-05-24T10:00:00Z,443,0.5,true,"{""k"":1}",a\n,80,1,FALSE,,b\n');
    const t = (await loadTelemetry([p])).tables.get('C')!;
    assert.deepEqual(
      t.columns.map((c) => c.column.type),
      ['datetime', 'long', 'real', 'bool', 'dynamic', 'string'],
    );
    assert.deepEqual(values(t, 'When'), [T0, null]);
    assert.deepEqual(values(t, 'Ok'), [true, false]);
    assert.deepEqual(values(t, 'Bag'), [{ k: 1 }, null]);
  });
});

describe('schema typing', () => {
  const schema: TableSchema = {
    name: 'Typed',
    columns: [
      { name: 'Timestamp', type: 'datetime' },
      { name: 'Port', type: 'int' },
      { name: 'Name', type: 'string' },
      { name: 'Never', type: 'long' },
    ],
  };
  test('declared types convert; a misfit becomes null and is counted per column', async () => {
    const p = write('Typed.ndjson', '{"Timestamp":"2026-05-24T10:00:00Z","Port":"443","Name":5}\n{"Timestamp":"junk","Port":"x","Name":"n"}\n{"Port":1.5}\n');
    const { tables, warnings } = await loadTelemetry([p], { schemas: new Map([['Typed', schema]]) });
    const t = tables.get('Typed')!;
    assert.deepEqual(t.columns.map((c) => c.name), ['Timestamp', 'Port', 'Name', 'Never']);
    assert.deepEqual(values(t, 'Timestamp'), [T0, null, null]);
    assert.deepEqual(values(t, 'Port'), [443, null, null]);
    assert.deepEqual(values(t, 'Name'), ['5', 'n', '']);
    assert.deepEqual(values(t, 'Never'), [null, null, null]);
    assert.equal(warnings.length, 2);
    assert.match(warnings.find((w) => w.includes('.Port'))!, /Typed\.Port: 2 values did not fit type int .*"x"/);
    assert.match(warnings.find((w) => w.includes('.Timestamp'))!, /1 value did not fit type datetime .*"junk" at .*Typed\.ndjson:2/);
  });
});

describe('formats', () => {
  const rows = [
    { A: 'x,y', B: 1 },
    { A: 'line1\nline2 "quoted"', B: 2 },
  ];
  test('NDJSON, JSON array, CSV and their .gz give the same table', async () => {
    const ndjson = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const json = JSON.stringify(rows, null, 2);
    const csv = 'A,B\r\n"x,y",1\r\n"line1\nline2 ""quoted""",2';
    const files = [
      write('F1.ndjson', ndjson),
      write('F2.json', json),
      write('F3.csv', csv),
      write('F4.ndjson.gz', gzipSync(ndjson)),
      write('F5.json.gz', gzipSync(json)),
      write('F6.csv.gz', gzipSync(csv)),
    ];
    const { tables, warnings } = await loadTelemetry(files);
    assert.deepEqual(warnings, []);
    for (const name of ['F1', 'F2', 'F3', 'F4', 'F5', 'F6']) {
      const t = tables.get(name)!;
      assert.deepEqual(values(t, 'A'), ['x,y', 'line1\nline2 "quoted"'], name);
      assert.deepEqual(values(t, 'B'), [1, 2], name);
      assert.equal(typeOf(t, 'B'), 'long', name);
    }
  });
  test('JSON elements split across stream chunks (large file)', async () => {
    const many = Array.from({ length: 30000 }, (_, i) => ({ I: i, S: `s{"]}${i}\\"\\\\${'\\'.repeat(i % 5)}`, D: { n: [i] } }));
    const p = write('Big.json', JSON.stringify(many));
    const t = (await loadTelemetry([p])).tables.get('Big')!;
    assert.equal(t.length, 30000);
    assert.equal(values(t, 'I')[29999], 29999);
    (values(t, 'S') as string[]).forEach((v, i) => {
      if (v !== many[i]!.S) assert.fail(`row ${i}: ${v}`);
    });
    assert.deepEqual(values(t, 'D')[7], { n: [7] });
  });
  test('NDJSON lines with multi-byte characters across read blocks (large file, CRLF)', async () => {
    const lines = Array.from({ length: 60000 }, (_, i) => JSON.stringify({ I: i, S: `é😊${'x'.repeat(i % 97)}€` }));
    const p = write('Wide.ndjson', lines.join('\r\n'));
    const t = (await loadTelemetry([p])).tables.get('Wide')!;
    assert.equal(t.length, 60000);
    const s = values(t, 'S') as string[];
    s.forEach((v, i) => {
      if (v !== `é😊${'x'.repeat(i % 97)}€`) assert.fail(`row ${i}: ${v}`);
    });
  });
  test('JSON: an escape at the 1 MiB read boundary', async () => {
    // The first read chunk ends with a backslash: the quote after it is escaped (one backslash)
    // or closes the string (two backslashes).
    const head = '[{"S":"';
    const filler = 'a'.repeat((1 << 20) - 1 - head.length);
    const p1 = write('Esc1.json', head + filler + '\\"b"},{"S":"c"}]');
    const p2 = write('Esc2.json', head + filler.slice(1) + '\\\\"},{"S":"c"}]');
    const { tables } = await loadTelemetry([p1, p2]);
    assert.deepEqual(values(tables.get('Esc1')!, 'S'), [filler + '"b', 'c']);
    assert.deepEqual(values(tables.get('Esc2')!, 'S'), [filler.slice(1) + '\\', 'c']);
  });
  test('bad NDJSON lines are skipped with a warning', async () => {
    const p = write('Bad.ndjson', '{"A":1}\n{oops\n[1]\n{"A":2}\n');
    const { tables, warnings } = await loadTelemetry([p]);
    assert.deepEqual(values(tables.get('Bad')!, 'A'), [1, 2]);
    assert.match(warnings[0]!, /2 lines skipped \(first: line 2/);
  });
});

describe('several files', () => {
  test('files of one table concatenate with columns unioned; a folder loads every file', async () => {
    const sub = join(dir, 'folder');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sub);
    writeFileSync(join(sub, 'Net.2026-05-24.ndjson'), '{"A":"a1","B":1}\n');
    writeFileSync(join(sub, 'Net.2026-05-25.csv'), 'A,C\na2,true\n');
    writeFileSync(join(sub, 'README.txt'), 'not data');
    const { tables, warnings } = await loadTelemetry([sub]);
    const t = tables.get('Net')!;
    assert.equal(t.length, 2);
    assert.deepEqual(values(t, 'A'), ['a1', 'a2']);
    assert.deepEqual(values(t, 'B'), [1, null]);
    assert.deepEqual(values(t, 'C'), [null, true]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /README\.txt: skipped/);
  });
  test('files of a data folder that are no table, or whose table the query does not read, are skipped with a warning', async () => {
    const sub = join(dir, 'with-results');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sub);
    writeFileSync(join(sub, 'Net.ndjson'), '{"A":"a1"}\n');
    writeFileSync(join(sub, 'Other.csv'), 'X\n1\n');
    // the shape of seed-hunt/expected.json: a JSON object that is no table
    writeFileSync(join(sub, 'expected.json'), '{"now": "2026-05-25T23:00:00Z", "columns": [["A", "string"]], "rows_any_order": []}');
    const all = await loadTelemetry([sub]);
    assert.deepEqual([...all.tables.keys()], ['Net', 'Other']);
    assert.equal(all.warnings.length, 1);
    assert.match(all.warnings[0]!, /expected\.json: skipped \(not a table: a JSON object must have "columns" and "rows"/);
    const onlyNet = await loadTelemetry([sub], { readTables: new Set(['Net']) });
    assert.deepEqual([...onlyNet.tables.keys()], ['Net']);
    assert.deepEqual(onlyNet.warnings.map((w) => w.replace(sub, 'DIR')), [
      'DIR/Other.csv: skipped (the query does not read a table Other)',
      'DIR/expected.json: skipped (the query does not read a table expected)',
    ]);
    // named directly, the same file is an error
    await assert.rejects(loadTelemetry([join(sub, 'expected.json')]), /expected\.json: cannot load telemetry/);
    // and named directly, a table the query does not read still loads
    assert.deepEqual([...(await loadTelemetry([join(sub, 'Other.csv')], { readTables: new Set(['Net']) })).tables.keys()], ['Other']);
  });
  test('a missing path is an error naming it', async () => {
    await assert.rejects(loadTelemetry([join(dir, 'nope.ndjson')]), /nope\.ndjson: cannot read telemetry \(ENOENT\)/);
  });
  test('NAME=PATH assigns a table name', async () => {
    const p = write('whatever.ndjson', '{"A":1}\n');
    const { tables } = await loadTelemetry([], { tables: { Custom: p } });
    assert.deepEqual(values(tables.get('Custom')!, 'A'), [1]);
  });
});

describe('the seed-hunt telemetry with the Defender schema', () => {
  test('loads typed, with every declared column present', async () => {
    const { tables: schemas } = loadTableSchemas([join(SCHEMAS, 'defender')]);
    const { tables, warnings } = await loadTelemetry([join(TELEMETRY, 'seed-hunt/DeviceNetworkEvents.ndjson')], { schemas });
    assert.deepEqual(warnings, []);
    const t = tables.get('DeviceNetworkEvents')!;
    const schema = schemas.get('DeviceNetworkEvents')!;
    assert.equal(t.columns.length, schema.columns.length);
    assert.equal(typeOf(t, 'Timestamp'), 'datetime');
    assert.equal(typeOf(t, 'RemotePort'), 'int');
    assert.equal(typeOf(t, 'ReportId'), 'long');
    assert.equal(values(t, 'Timestamp')[0], T0);
    assert.equal(values(t, 'RemoteUrl')[0], 'prod.addigy.com');
    assert.equal(values(t, 'InitiatingProcessFileName')[0], 'go-agent');
    assert.equal(values(t, 'ReportId')[0], 101);
    assert.ok(t.length >= 5);
  });
});
