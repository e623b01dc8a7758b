import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTelemetry } from '../../../src/kql/io/load-telemetry.js';
import { toJson, toJsonResult } from '../../../src/kql/io/to-json.js';
import { toNdjson, writeNdjsonFile } from '../../../src/kql/io/to-ndjson.js';
import { toCsv } from '../../../src/kql/io/to-csv.js';
import { toTableText } from '../../../src/kql/io/to-table-text.js';
import type { Table } from '../../../src/kql/engine/column.js';
import type { TableSchema } from '../../../src/kql/schema/table-schema.js';

let dir: string;
let table: Table;
const schema: TableSchema = {
  name: 'W',
  columns: [
    { name: 'When', type: 'datetime' },
    { name: 'Took', type: 'timespan' },
    { name: 'Name', type: 'string' },
    { name: 'N', type: 'long' },
    { name: 'Bag', type: 'dynamic' },
    { name: 'Ok', type: 'bool' },
  ],
};
const schemas = new Map([['W', schema]]);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'socfeed-write-'));
  const p = join(dir, 'W.ndjson');
  writeFileSync(
    p,
    [
      '{"When":"2026-05-24T10:00:00Z","Took":"1.02:03:04","Name":"a,\\"b\\"\\nc","N":1,"Bag":{"k":[1,2]},"Ok":true}',
      '{"When":"2026-05-24T10:00:00.25Z","Took":"00:00:01.5","Name":"","N":null,"Bag":null,"Ok":null}',
    ].join('\n'),
  );
  table = (await loadTelemetry([p], { schemas })).tables.get('W')!;
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('writers', () => {
  test('JSON: columns with types, rows with KQL text for datetimes and timespans', () => {
    assert.deepEqual(toJsonResult(table), {
      columns: schema.columns.map((c) => ({ name: c.name, type: c.type })),
      rows: [
        ['2026-05-24T10:00:00Z', '1.02:03:04', 'a,"b"\nc', 1, { k: [1, 2] }, true],
        ['2026-05-24T10:00:00.25Z', '00:00:01.5000000', '', null, null, null],
      ],
    });
    assert.equal(JSON.parse(toJson(table, 1)).rows.length, 1);
  });
  test('NDJSON and CSV round-trip through the loaders', async () => {
    const nd = join(dir, 'R1.ndjson');
    writeFileSync(nd, toNdjson(table));
    const csv = join(dir, 'R2.csv');
    writeFileSync(csv, toCsv(table));
    const gz = join(dir, 'R3.ndjson.gz');
    writeNdjsonFile(table, gz);
    const typed = new Map(['R1', 'R2', 'R3'].map((n) => [n, { ...schema, name: n }]));
    const { tables, warnings } = await loadTelemetry([nd, csv, gz], { schemas: typed });
    assert.deepEqual(warnings, []);
    for (const name of ['R1', 'R2', 'R3']) {
      assert.deepEqual(toJsonResult(tables.get(name)!).rows, toJsonResult(table).rows, name);
    }
  });
  test('CSV quotes fields with commas, quotes and newlines', () => {
    const lines = toCsv(table).split('\r\n');
    assert.equal(lines[0], 'When,Took,Name,N,Bag,Ok');
    assert.equal(lines[1], '2026-05-24T10:00:00Z,1.02:03:04,"a,""b""\nc",1,"{""k"":[1,2]}",true');
  });
  test('table text is aligned, cuts long cells, ends with the row count and time', () => {
    const text = toTableText(table, { maxCellWidth: 8, elapsedMs: 12.3 });
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'When      Took      Name     N  Bag       Ok');
    assert.match(lines[1]!, /^-{8}  -{8}  -{7}  -  -{8}  -{4}$/);
    assert.equal(lines[2], '2026-05…  1.02:03…  a,"b" c  1  {"k":[1…  true');
    assert.equal(lines[lines.length - 1], '2 rows in 12 ms');
  });
});
