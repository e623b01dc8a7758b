import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample, DEFAULT_SAMPLE_NOW } from '../../../src/kql/sample/generate-sample.js';
import { loadTableSchemas } from '../../../src/kql/schema/load-schemas.js';
import { loadTelemetry } from '../../../src/kql/io/load-telemetry.js';
import { toJsonResult } from '../../../src/kql/io/to-json.js';
import { columnValue, type Table } from '../../../src/kql/engine/column.js';
import { MICROS } from '../../../src/kql/engine/values.js';
import { main } from '../../../src/cli/main.js';
import { SCHEMAS } from '../../helpers/shared.js';

const { tables: schemas } = loadTableSchemas([join(SCHEMAS, 'sentinel'), join(SCHEMAS, 'defender')]);
const net = schemas.get('DeviceNetworkEvents')!;
const values = (t: Table, name: string): unknown[] => {
  const c = t.columns.find((x) => x.name === name)!.column;
  return Array.from({ length: t.length }, (_, i) => columnValue(c, i));
};
const dir = mkdtempSync(join(tmpdir(), 'socfeed-sample-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('generateSample', () => {
  test('the same seed gives the same rows; another seed other rows', () => {
    const a = toJsonResult(generateSample(net, { rows: 300, seed: 42 }));
    const b = toJsonResult(generateSample(net, { rows: 300, seed: 42 }));
    const c = toJsonResult(generateSample(net, { rows: 300, seed: 43 }));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.rows, c.rows);
  });
  test('columns and types follow the schema', () => {
    const t = generateSample(net, { rows: 10, seed: 1 });
    assert.deepEqual(
      t.columns.map((c) => [c.name, c.column.type]),
      net.columns.map((c) => [c.name, c.type]),
    );
    assert.equal(t.length, 10);
  });
  test('realistic values: device names, IPs, ActionType, ports, hashes, timestamps in the window', () => {
    const t = generateSample(net, { rows: 2000, seed: 5, windowDays: 3 });
    for (const name of values(t, 'DeviceName')) assert.match(name as string, /^(ws|srv|mac)-\d{3}\.corp\.example$/);
    for (const ip of values(t, 'RemoteIP')) assert.match(ip as string, /^\d{1,3}(\.\d{1,3}){3}$/);
    const actions = new Set(values(t, 'ActionType'));
    assert.ok(actions.has('ConnectionSuccess') && actions.size > 2);
    for (const a of actions) assert.match(a as string, /^(Connection|InboundConnection|ListeningConnection)/);
    for (const h of values(t, 'InitiatingProcessSHA256')) assert.match(h as string, /^[0-9a-f]{64}$/);
    const ports = values(t, 'RemotePort') as number[];
    assert.ok(ports.filter((p) => p === 443).length > 300);
    const ts = values(t, 'Timestamp') as number[];
    assert.ok(ts.every((x) => x <= DEFAULT_SAMPLE_NOW && x > DEFAULT_SAMPLE_NOW - 3 * MICROS.day));
    const urls = values(t, 'RemoteUrl') as string[];
    assert.ok(urls.includes('') && urls.some((u) => u.endsWith('addigy.com')));
    const ipTypes = values(t, 'RemoteIPType');
    assert.ok(ipTypes.includes('Public') && ipTypes.includes('Private'));
    // A row's process columns agree with each other.
    const names = values(t, 'InitiatingProcessFileName') as string[];
    const paths = values(t, 'InitiatingProcessFolderPath') as string[];
    names.forEach((n, i) => assert.ok(paths[i]!.endsWith(n)));
  });
  test('any schema works, including Sentinel tables', () => {
    for (const name of ['SigninLogs', 'CommonSecurityLog', 'Syslog', 'DeviceProcessEvents', 'AzureActivity']) {
      const schema = schemas.get(name);
      if (!schema) continue;
      assert.equal(generateSample(schema, { rows: 50, seed: 1 }).length, 50, name);
    }
  });
});

describe('socfeed sample', () => {
  test('writes NDJSON that loads back under the schema, deterministic for a seed', async () => {
    const out = join(dir, 'DeviceNetworkEvents.ndjson');
    const args = ['sample', '--table', 'DeviceNetworkEvents', '--rows', '120', '--seed', '9', '--schemas', join(SCHEMAS, 'defender'), '--out', out];
    assert.equal(await main(args), 0);
    const { tables, warnings } = await loadTelemetry([out], { schemas });
    assert.deepEqual(warnings, []);
    const loaded = tables.get('DeviceNetworkEvents')!;
    assert.deepEqual(toJsonResult(loaded), toJsonResult(generateSample(schemas.get('DeviceNetworkEvents')!, { rows: 120, seed: 9 })));
  });
  test('bad usage exits 2; an unknown table exits 1', async () => {
    assert.equal(await main(['sample', '--table', 'X', '--out', join(dir, 'x.ndjson'), '--schemas', SCHEMAS]), 2);
    assert.equal(await main(['sample', '--table', 'Nope', '--rows', '1', '--schemas', join(SCHEMAS, 'defender'), '--out', join(dir, 'x.ndjson')]), 1);
  });
});
