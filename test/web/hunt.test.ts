import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import { startWebServer, type RunningWebServer } from '../../src/web/server.js';
import { loadTableSchemas } from '../../src/kql/schema/load-schemas.js';
import { parse } from 'yaml';
import { ATTACK_BUNDLE, CORPUS, REFERENCE_RULE_PATH, SCHEMAS, TELEMETRY } from '../helpers/shared.js';
import { sampleRule } from './sample-rule.js';
import { handBuiltCatalog, type HandBuiltCatalog } from './hand-built-catalog.js';

/**
 * `POST /api/hunt` and `POST /rules/<id>/hunt` on the real server (127.0.0.1), over a real
 * catalog, with the real Defender schemas and the shared seed-hunt telemetry.
 */

const SEED = join(TELEMETRY, 'seed-hunt');
const NOW = '2026-05-25T23:00:00Z';
/** The reference rule's query, read from the rule file in the shared corpus. */
const REFERENCE_QUERY = (parse(readFileSync(join(CORPUS, 'azure-sentinel', REFERENCE_RULE_PATH), 'utf8')) as { query: string }).query;

let catalog: HandBuiltCatalog;
let server: RunningWebServer;

before(async () => {
  catalog = handBuiltCatalog([sampleRule({ id: 'rule-ref', query: REFERENCE_QUERY }), sampleRule({ id: 'rule-sigma', language: 'sigma', format: 'sigma', query: 'detection: {}' })]);
  const schemas = loadTableSchemas([join(SCHEMAS, 'defender')]);
  server = await startWebServer({
    store: catalog.store,
    attack: loadAttackKnowledgeBase(ATTACK_BUNDLE),
    schemas: [...schemas.tables.values()],
    host: '127.0.0.1',
    port: 0,
  });
});

after(async () => {
  await server?.close();
  catalog?.dispose();
});

interface HuntBody {
  ok: boolean;
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
  data: { tables: { name: string; rows: number }[]; notes: string[] };
  error: { kind: string; message: string; line: number | null; column: number | null };
}

async function huntJson(body: unknown): Promise<{ status: number; body: HuntBody }> {
  const res = await fetch(`${server.url}/api/hunt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as HuntBody };
}

/** A multipart form as a browser on our own page sends it (Origin: the server). */
async function huntForm(path: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }, origin = server.url): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes]), file.name);
  return fetch(server.url + path, { method: 'POST', body: form, headers: { origin } });
}

const seedBytes = () => new Uint8Array(readFileSync(join(SEED, 'DeviceNetworkEvents.ndjson')));

/** Rows as comparable strings, the dynamic Report (a make_set) sorted so that its order does not matter. */
function rowSet(rows: unknown[][], reportIndex: number): string[] {
  return rows
    .map((r) => JSON.stringify(r.map((v, i) => (i === reportIndex && Array.isArray(v) ? [...(v as number[])].sort((a, b) => a - b) : v))))
    .sort();
}

describe('POST /api/hunt', () => {
  test('an uploaded NDJSON file gives exactly the expected rows of the reference hunt', async () => {
    const res = await huntForm('/api/hunt', { query: REFERENCE_QUERY, now: NOW, data: 'upload' }, { name: 'DeviceNetworkEvents.ndjson', bytes: seedBytes() });
    assert.equal(res.status, 200);
    const body = (await res.json()) as HuntBody;
    const expected = JSON.parse(readFileSync(join(SEED, 'expected.json'), 'utf8')) as { columns: [string, string][]; rows_any_order: unknown[][] };
    assert.deepEqual(body.columns.map((c) => [c.name, c.type]), expected.columns);
    const report = expected.columns.findIndex(([n]) => n === 'Report');
    const want = expected.rows_any_order.map((r) => r.map((v, i) => (i === report ? (v as { set: number[] }).set : v)));
    assert.deepEqual(rowSet(body.rows, report), rowSet(want, report));
    assert.equal(body.rowCount, 3);
    assert.equal(body.truncated, false);
    assert.ok(body.elapsedMs >= 0);
    assert.deepEqual(body.data.tables, [{ name: 'DeviceNetworkEvents', rows: 9 }]);
  });

  test('synthetic telemetry: 2,000 rows per table from its schema, deterministic, within the 7 days before "now"', async () => {
    const query = 'DeviceNetworkEvents | summarize n = count(), lo = min(Timestamp), hi = max(Timestamp), devices = dcount(DeviceName)';
    const a = await huntJson({ query, now: NOW });
    const b = await huntJson({ query, now: NOW });
    assert.equal(a.status, 200);
    assert.deepEqual(a.body.rows, b.body.rows, 'same query, same now: same rows');
    const [n, first, last] = a.body.rows[0] as [number, string, string];
    assert.equal(n, 2000);
    assert.ok(Date.parse(first) >= Date.parse(NOW) - 7 * 86_400_000, first);
    assert.ok(Date.parse(last) <= Date.parse(NOW), last);
    assert.match(a.body.data.notes[0]!, /^DeviceNetworkEvents: 2,000 synthetic rows from its schema \(\d+ columns\)/);
  });

  test('the reference rule on synthetic telemetry finds Addigy connections, each one the query asks for', async () => {
    const { status, body } = await huntJson({ query: REFERENCE_QUERY, now: NOW, data: 'synthetic' });
    assert.equal(status, 200);
    assert.ok(body.rowCount > 0, 'the generator plants the RMM agents the corpus hunts for');
    const url = body.columns.findIndex((c) => c.name === 'RemoteUrl');
    const first = body.columns.findIndex((c) => c.name === 'FirstSeen');
    for (const row of body.rows) {
      assert.ok(['prod.addigy.com', 'grtmprod.addigy.com', 'agents.addigy.com'].includes(row[url] as string), String(row[url]));
      // The query keeps the 5 days before now.
      assert.ok(Date.parse(row[first] as string) >= Date.parse(NOW) - 5 * 86_400_000, String(row[first]));
    }
  });

  test('a table without a schema gets the columns the query names', async () => {
    const { status, body } = await huntJson({ query: 'SigninLogs | where ResultType == "0" | summarize count() by UserPrincipalName | count', now: NOW });
    assert.equal(status, 200);
    assert.equal(body.columns[0]!.name, 'Count');
    assert.match(body.data.notes[0]!, /SigninLogs: 2,000 synthetic rows; no schema is known for it, so its columns \(2\) were inferred from the query/);
  });

  test('a syntax error comes back with its line and column', async () => {
    // Line 2 is "| where RemotePort == " and the expression is missing right after "== " (column 22).
    const { status, body } = await huntJson({ query: 'DeviceNetworkEvents\n| where RemotePort == \n| take 3', now: NOW });
    assert.equal(status, 422);
    assert.equal(body.ok, false);
    assert.equal(body.error.kind, 'syntax');
    assert.equal(body.error.line, 2);
    assert.equal(body.error.column, 22);
  });

  test('an unknown column is a semantic error at its position', async () => {
    const { status, body } = await huntJson({ query: 'DeviceNetworkEvents | where NoSuchColumn == 1', now: NOW });
    assert.equal(status, 422);
    assert.equal(body.error.kind, 'semantic');
    assert.deepEqual([body.error.line, body.error.column], [1, 29]);
    assert.match(body.error.message, /NoSuchColumn/);
  });

  test('the engine row limit stops a runaway query', async () => {
    const { status, body } = await huntJson({ query: 'range x from 1 to 6000000 step 1', now: NOW });
    assert.equal(status, 422);
    assert.equal(body.error.kind, 'limit');
  });

  test('at most 1,000 rows are sent for display; the row count is the full one', async () => {
    const { body } = await huntJson({ query: 'range x from 1 to 1500 step 1', now: NOW });
    assert.equal(body.rowCount, 1500);
    assert.equal(body.rows.length, 1000);
    assert.equal(body.truncated, true);
  });

  test('download=csv answers the whole result as a CSV attachment', async () => {
    const res = await huntForm('/api/hunt', { query: 'range x from 1 to 1500 step 1 | extend y = strcat("a,", x)', now: NOW, download: 'csv' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="hunt-result.csv"');
    const lines = (await res.text()).split('\r\n');
    assert.equal(lines[0], 'x,y');
    assert.equal(lines[1], '1,"a,1"');
    assert.equal(lines.length, 1502, 'header, 1,500 rows, final CRLF');
  });

  test('download=json answers the result shape as an attachment', async () => {
    const res = await huntForm('/api/hunt', { query: 'print a = 1, b = "x"', now: NOW, download: 'json' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="hunt-result.json"');
    assert.deepEqual(await res.json(), { columns: [{ name: 'a', type: 'long' }, { name: 'b', type: 'string' }], rows: [[1, 'x']] });
  });
});

describe('hunts on worker threads', () => {
  // A few hundred ms of engine time at least (300,000 strings made and counted), plus the worker's start.
  const SLOW = 'range x from 1 to 300000 step 1 | extend y = strcat("a", x) | summarize n = dcount(y)';

  test('pages stay quick while a hunt runs; a third hunt at once is refused (503)', async () => {
    const order: string[] = [];
    const first = huntJson({ query: SLOW, now: NOW }).then((r) => (order.push('hunt'), r));
    const second = huntJson({ query: SLOW, now: NOW });
    await new Promise((r) => setTimeout(r, 100));
    const third = await huntJson({ query: 'print 1', now: NOW });
    assert.equal(third.status, 503);
    assert.match(third.body.error.message, /another hunt is running/);
    const page = await fetch(`${server.url}/rules/rule-ref`);
    order.push('page');
    assert.equal(page.status, 200);
    const [a, b] = await Promise.all([first, second]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    assert.deepEqual(a.body.rows, [[300_000]]);
    assert.deepEqual(order, ['page', 'hunt'], 'the page was served while the hunt ran');
  });
});

describe('hunt guards', () => {
  test('content types other than JSON and forms are refused (415)', async () => {
    const res = await fetch(`${server.url}/api/hunt`, { method: 'POST', headers: { 'content-type': 'application/xml', origin: server.url }, body: '<q/>' });
    assert.equal(res.status, 415);
  });

  test('form posts from another origin, or without one, are refused (403)', async () => {
    assert.equal((await huntForm('/api/hunt', { query: 'print 1' }, undefined, 'https://evil.example')).status, 403);
    const form = new FormData();
    form.append('query', 'print 1');
    assert.equal((await fetch(`${server.url}/api/hunt`, { method: 'POST', body: form })).status, 403);
  });

  test('a body over 21 MB is refused before it is read (413)', async () => {
    const big = new Uint8Array(22 * 1024 * 1024).fill(32);
    const res = await huntForm('/api/hunt', { query: 'DeviceNetworkEvents | count', data: 'upload' }, { name: 'DeviceNetworkEvents.ndjson', bytes: big });
    assert.equal(res.status, 413);
  });

  test('a query over 64 KiB is refused (400)', async () => {
    const { status, body } = await huntJson({ query: `print x = 1 // ${'x'.repeat(70_000)}` });
    assert.equal(status, 400);
    assert.match(body.error.message, /^query: longer than 65536 characters/);
  });

  test('an empty query, a bad "now" and a missing file are refused with a reason (400)', async () => {
    assert.match((await huntJson({ query: '  ' })).body.error.message, /query: the query is empty/);
    assert.match((await huntJson({ query: 'print 1', now: 'yesterday' })).body.error.message, /now: not a datetime: yesterday/);
    assert.match((await huntJson({ query: 'print 1', data: 'upload' })).body.error.message, /^file: choose a telemetry file/);
  });

  test('file names never reach the file system: a path keeps only its last part, a bad table name is refused', async () => {
    const viaPath = await huntForm('/api/hunt', { query: 'DeviceNetworkEvents | count', now: NOW }, { name: '../../../tmp/DeviceNetworkEvents.ndjson', bytes: seedBytes() });
    assert.equal(viaPath.status, 200);
    assert.deepEqual(((await viaPath.json()) as HuntBody).rows, [[9]]);
    const badTable = await huntForm('/api/hunt', { query: 'print 1', table: '../etc' }, { name: 'x.ndjson', bytes: seedBytes() });
    assert.equal(badTable.status, 422);
    assert.match(((await badTable.json()) as HuntBody).error.message, /"\.\.\/etc" is not a table name/);
    const badExt = await huntForm('/api/hunt', { query: 'print 1' }, { name: 'DeviceNetworkEvents.exe', bytes: seedBytes() });
    assert.match(((await badExt.json()) as HuntBody).error.message, /must end in \.ndjson, \.jsonl, \.json or \.csv/);
  });

  test('a CSV upload with a table name from the Table field', async () => {
    const csv = new TextEncoder().encode('Name,Port\nalpha,443\nbeta,80\n');
    const res = await huntForm('/api/hunt', { query: 'Conn | where Port == 443 | project Name', table: 'Conn' }, { name: 'export.csv', bytes: csv });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as HuntBody).rows, [['alpha']]);
  });
});

describe('the rule page hunt panel', () => {
  test('a KQL rule page has the panel in a stable container, prefilled with the query; other languages have none', async () => {
    const text = await (await fetch(`${server.url}/rules/rule-ref`)).text();
    assert.ok(text.includes('<section id="hunt" data-needs-server aria-labelledby="hunt-title"><h2 id="hunt-title">Run this hunt</h2>'));
    assert.ok(text.includes('<textarea id="hunt-query" name="query"'));
    assert.ok(text.includes('| where RemoteUrl has_any (\n        &#39;prod.addigy.com&#39;,'), 'query prefilled, escaped');
    assert.match(text, /<input id="hunt-now" name="now" type="datetime-local" step="1" value="\d{4}-\d\d-\d\dT\d\d:00:00"/);
    assert.match(text, /<script type="module" src="\/assets\/hunt\.js\?v=[0-9a-f]{12}"><\/script>/);
    const sigma = await (await fetch(`${server.url}/rules/rule-sigma`)).text();
    assert.ok(!sigma.includes('id="hunt"'));
  });

  test('without JavaScript, the form POST renders the page with the result grid', async () => {
    const res = await huntForm('/rules/rule-ref/hunt', { query: REFERENCE_QUERY, now: '2026-05-25T23:00', data: 'upload' }, { name: 'DeviceNetworkEvents.ndjson', bytes: seedBytes() });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(text.includes('<caption>Hunt result: 3 rows</caption>'));
    assert.ok(text.includes('<th scope="col">DeviceId <span class="type">string</span></th>'));
    assert.ok(text.includes('<td>grtmprod.addigy.com</td>'));
    assert.ok(text.includes('value="2026-05-25T23:00:00"'), 'the pinned now is kept');
  });

  test('without JavaScript, an error shows its line and column under the query line', async () => {
    const res = await huntForm('/rules/rule-ref/hunt', { query: 'DeviceNetworkEvents\n| where RemotePort ==\n| take 1', now: NOW, data: 'synthetic' });
    assert.equal(res.status, 422);
    const text = await res.text();
    // Line 2, "| where RemotePort ==", is 21 characters; the missing expression is just past it, column 22
    // (the form sends CRLF line ends, which must not shift anything).
    assert.ok(text.includes('<strong>Syntax error at line 2, column 22</strong>: Missing expression'));
    assert.ok(text.includes(`<pre class="code error-line" aria-label="Line 2 of the query"><code>| where RemotePort ==\n${' '.repeat(21)}^</code></pre>`));
  });

  test('without JavaScript, a refused request shows why and keeps the query typed', async () => {
    const res = await huntForm('/rules/rule-ref/hunt', { query: 'DeviceNetworkEvents | take 5', now: NOW, data: 'upload' });
    assert.equal(res.status, 422);
    const text = await res.text();
    assert.ok(text.includes('<strong>Cannot run</strong>: file: choose a telemetry file to upload'));
    assert.ok(text.includes('maxlength="65536">\nDeviceNetworkEvents | take 5</textarea>'));
  });

  test('an unknown rule id is a 404', async () => {
    assert.equal((await huntForm('/rules/nope/hunt', { query: 'print 1' })).status, 404);
  });
});
