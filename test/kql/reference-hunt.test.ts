import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CORPUS, REFERENCE_RULE_PATH, SCHEMAS, TELEMETRY } from '../helpers/shared.js';
import { runQuery } from '../../src/kql/index.js';
import { loadTableSchemas } from '../../src/kql/schema/load-schemas.js';
import { loadTelemetry } from '../../src/kql/io/load-telemetry.js';
import { formatDatetime } from '../../src/kql/io/format-value.js';

interface Expected {
  now: string;
  columns: [string, string][];
  rows_any_order: unknown[][];
}

test('the reference rule over the seed telemetry gives exactly expected.json (Report as a set, rows in any order)', async () => {
  const rule = parse(readFileSync(join(CORPUS, 'azure-sentinel', REFERENCE_RULE_PATH), 'utf8')) as { query: string };
  const expected = JSON.parse(readFileSync(join(TELEMETRY, 'seed-hunt', 'expected.json'), 'utf8')) as Expected;
  const { tables: schemas } = loadTableSchemas([join(SCHEMAS, 'sentinel'), join(SCHEMAS, 'defender')]);
  const { tables } = await loadTelemetry([join(TELEMETRY, 'seed-hunt', 'DeviceNetworkEvents.ndjson')], { schemas });

  const result = runQuery(rule.query, tables, { now: new Date(expected.now), schemas: [...schemas.values()] });

  assert.deepEqual(
    result.columns.map((c) => [c.name, c.type]),
    expected.columns,
  );
  const normalize = (row: unknown[]): string =>
    JSON.stringify(
      row.map((v, j) => {
        const type = expected.columns[j]![1];
        if (type === 'datetime' && typeof v === 'number') return formatDatetime(v);
        if (expected.columns[j]![0] === 'Report') {
          const set = Array.isArray(v) ? v : (v as { set: unknown[] }).set;
          return [...set].map(Number).sort((a, b) => a - b);
        }
        return v;
      }),
    );
  const actual = result.rows.map(normalize).sort();
  const wanted = expected.rows_any_order.map(normalize).sort();
  assert.deepEqual(actual, wanted);
});

test('socfeed hunt runs the reference rule from the command line: JSON out, exit codes 0 / 1 / 2', async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const rule = parse(readFileSync(join(CORPUS, 'azure-sentinel', REFERENCE_RULE_PATH), 'utf8')) as { query: string };
  const dir = mkdtempSync(join(tmpdir(), 'hunt-'));
  const queryFile = join(dir, 'q.kql');
  writeFileSync(queryFile, rule.query);
  const data = join(TELEMETRY, 'seed-hunt', 'DeviceNetworkEvents.ndjson');
  const schemas = ['--schemas', join(SCHEMAS, 'sentinel'), '--schemas', join(SCHEMAS, 'defender')];
  const socfeed = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'hunt', ...args], { encoding: 'utf8' });

  // the whole seed-hunt folder: expected.json beside the data is skipped, with a warning
  const ok = socfeed(['--file', queryFile, '--data', join(TELEMETRY, 'seed-hunt'), ...schemas, '--now', '2026-05-25T23:00:00Z', '--format', 'json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /expected\.json: skipped \(the query does not read a table expected\)/);
  const out = JSON.parse(ok.stdout) as { columns: { name: string }[]; rows: unknown[][] };
  assert.deepEqual(
    out.columns.map((c) => c.name),
    ['DeviceId', 'DeviceName', 'RemoteUrl', 'FirstSeen', 'LastSeen', 'Report', 'Count'],
  );
  assert.equal(out.rows.length, 3);
  assert.ok(out.rows.some((r) => r[2] === 'grtmprod.addigy.com' && r[3] === '2026-05-25T22:59:59Z'));

  const bad = socfeed(['--query', 'DeviceNetworkEvents\n| where Nope == 1', '--data', data]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /line 2, column 9/);

  assert.equal(socfeed(['--query', 'print 1', '--format', 'xml']).status, 2);
});
