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
