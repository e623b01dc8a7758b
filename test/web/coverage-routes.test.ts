import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttackKnowledgeBase, type AttackKnowledgeBase } from '../../src/attack/index.js';
import { startWebServer, type RunningWebServer } from '../../src/web/server.js';
import { csvCell } from '../../src/web/coverage/coverage-csv.js';
import { isRunnable } from '../../src/web/coverage/coverage-stats.js';
import { ATTACK_BUNDLE } from '../helpers/shared.js';
import { coverageCatalog, FORMULA_SOURCE } from './coverage-catalog.js';
import type { HandBuiltCatalog } from './hand-built-catalog.js';
import { layerProblems } from './navigator-layer-format.js';
import { coverageCell as cellOf } from './coverage-cell.js';
import type { NavigatorLayer } from '../../src/web/coverage/navigator-layer.js';

/** `/coverage`, `/coverage/layer.json`, `/coverage.csv` and `/api/coverage` over the hand-built coverage catalog (see coverage-catalog.ts for the counts). */

let catalog: HandBuiltCatalog;
let server: RunningWebServer;
let attack: AttackKnowledgeBase;

before(async () => {
  catalog = coverageCatalog();
  attack = loadAttackKnowledgeBase(ATTACK_BUNDLE);
  server = await startWebServer({ store: catalog.store, attack, host: '127.0.0.1', port: 0 });
});

after(async () => {
  await server?.close();
  catalog?.dispose();
});

async function layer(query = ''): Promise<NavigatorLayer> {
  const res = await fetch(`${server.url}/coverage/layer.json${query}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="socfeed-layer.json"/);
  return (await res.json()) as NavigatorLayer;
}

describe('ATT&CK Navigator layer', () => {
  test('the validator itself rejects what the 4.5 format forbids', () => {
    assert.deepEqual(layerProblems({ name: 'x', domain: 'enterprise-attack', versions: { layer: '4.5', navigator: '5.1.0' } }), []);
    const problems = layerProblems({
      domain: 'mitre-enterprise',
      versions: { layer: '4.4', navigator: '4.8.0' },
      techniques: [{ techniqueID: 'T12', score: '3', links: [{ label: 'a', url: '/rules/x' }], colour: '#fff' }],
      gradient: { colors: ['#ffffff'], minValue: 5, maxValue: 5 },
    });
    for (const expected of [
      'layer.name: required',
      'layer.domain: must be one of enterprise-attack, mobile-attack, ics-attack',
      'layer.versions.layer: must be one of 4.5',
      'layer.versions.navigator: must be at least 4.9.0',
      'layer.techniques[0].techniqueID: must be T#### or T####.###',
      'layer.techniques[0].score: must be a number, is string',
      'layer.techniques[0].links[0].url: must start with a protocol (https://…)',
      'layer.techniques[0].colour: not a property of the format',
      'layer.gradient.colors: needs at least two colours',
      'layer.gradient.maxValue: must be > minValue',
    ]) {
      assert.ok(problems.includes(expected), `${expected} in ${problems.join(' | ')}`);
    }
  });

  test('conforms to format 4.5; score = rule count; comments, metadata and links back to the rule pages', async () => {
    const l = await layer();
    assert.deepEqual(layerProblems(l), []);
    assert.deepEqual(l.versions, { layer: '4.5', navigator: '5.1.0' }, 'the shared bundle names no ATT&CK release: attack left out');
    assert.equal(l.domain, 'enterprise-attack');
    assert.deepEqual(
      l.techniques.map((t) => [t.techniqueID, t.score]),
      [['T1059', 3], ['T1059.001', 2], ['T1059.003', 1], ['T1071', 2], ['T1071.001', 1], ['T1090', 1], ['T1219', 3]],
    );
    const t1219 = l.techniques.find((t) => t.techniqueID === 'T1219')!;
    assert.equal(t1219.comment, `3 rules (Azure-Sentinel 2, ${FORMULA_SOURCE} 1); best confidence high`);
    assert.deepEqual(t1219.metadata, [
      { name: 'rules', value: '3' },
      { name: 'sources', value: `Azure-Sentinel 2, ${FORMULA_SOURCE} 1` },
      { name: 'best confidence', value: 'high' },
    ]);
    // Rules in name order ("Proxy …" < "RMM A" < "RMM B"), then a divider and the filtered feed.
    assert.deepEqual(t1219.links, [
      { label: 'Proxy <script>alert(1)</script> G', url: `${server.url}/rules/spl-g` },
      { label: 'RMM A', url: `${server.url}/rules/kql-a` },
      { label: 'RMM B', url: `${server.url}/rules/kql-b` },
      { divider: true },
      { label: 'All 3 rules in socfeed', url: `${server.url}/?technique=T1219` },
    ]);
    assert.equal(l.techniques.find((t) => t.techniqueID === 'T1059')!.comment, '3 rules (SigmaHQ 2, Elastic 1); best confidence medium');
    assert.equal(l.techniques.find((t) => t.techniqueID === 'T1071')!.comment, '2 rules (Azure-Sentinel 1, reprise99 1); best confidence low');
    assert.equal(l.techniques.find((t) => t.techniqueID === 'T1090')!.comment, `1 rule (${FORMULA_SOURCE} 1)`, 'no enriched rule: no confidence');
    assert.equal(l.techniques.find((t) => t.techniqueID === 'T1059')!.showSubtechniques, true);
    assert.equal(l.techniques.find((t) => t.techniqueID === 'T1219')!.showSubtechniques, undefined);
    assert.deepEqual(l.gradient, { colors: ['#dbeafe', '#93c5fd', '#2563eb', '#1e3a8a'], minValue: 1, maxValue: 3 });
    assert.ok(l.metadata.some((m) => 'name' in m && m.name === 'rules with a technique' && m.value === '7'));
    assert.ok(l.metadata.some((m) => 'name' in m && m.name === 'catalog synced' && m.value === '2026-12-03T12:30:00.000Z'));
    assert.deepEqual(l.links, [{ label: 'socfeed coverage', url: `${server.url}/coverage` }]);
  });

  test('takes the page filters: source, status, and the data I have', async () => {
    const sigma = await layer('?source=SigmaHQ');
    assert.deepEqual(sigma.techniques.map((t) => [t.techniqueID, t.score]), [['T1059', 2], ['T1059.001', 2], ['T1059.003', 1]]);
    assert.equal(sigma.name, 'socfeed coverage (source SigmaHQ)');
    assert.equal((sigma.techniques[0]!.links!.at(-1) as { url: string }).url, `${server.url}/?source=SigmaHQ&technique=T1059`);
    const production = await layer('?status=production');
    assert.deepEqual(production.techniques.map((t) => [t.techniqueID, t.score]), [['T1059', 1], ['T1090', 1], ['T1219', 1]]);
    // have = DeviceNetworkEvents + windows/process_creation: T1219 has kql-a runnable, T1071 has none.
    const data = await layer('?have=DeviceNetworkEvents&have=windows%2Fprocess_creation');
    assert.deepEqual(layerProblems(data), []);
    const meta = (id: string) => data.techniques.find((t) => t.techniqueID === id)!.metadata.find((m) => 'name' in m && m.name === 'data');
    assert.deepEqual(meta('T1219'), { name: 'data', value: 'runnable: 1 of 3 rules runnable' });
    assert.deepEqual(meta('T1071'), { name: 'data', value: 'missing-data: 0 of 2 rules runnable' });
    assert.deepEqual(meta('T1059.001'), { name: 'data', value: 'runnable: 1 of 2 rules runnable' });
    assert.deepEqual(data.links, [{ label: 'socfeed coverage', url: `${server.url}/coverage?have=DeviceNetworkEvents&have=windows%2Fprocess_creation` }]);
  });
});

describe('coverage CSV', () => {
  test('cells that a spreadsheet would run are defused; RFC 4180 quoting', () => {
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+cmd'), "'+cmd");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('a,"b"'), '"a,""b"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell('T1059'), 'T1059');
    assert.equal(csvCell(-1), '-1', 'numbers are ours, not text');
  });

  test('one line per active technique, counts by hand, formula source defused', async () => {
    const res = await fetch(`${server.url}/coverage.csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(res.headers.get('content-disposition') ?? '', /filename="socfeed-coverage.csv"/);
    const text = await res.text();
    assert.ok(text.endsWith('\r\n'));
    const lines = text.slice(0, -2).split('\r\n');
    assert.equal(lines[0], 'technique_id,name,parent_id,tactics,rules,best_confidence,sources,attack_url');
    const active = attack.allTechniques().filter((t) => !t.revoked && !t.deprecated).length;
    assert.equal(lines.length, active + 1);
    const line = (id: string) => lines.find((l) => l.startsWith(`${id},`));
    assert.equal(line('T1219'), 'T1219,Remote Access Tools,,Command and Control,3,high,"Azure-Sentinel 2; =HYPERLINK(""https://evil.example"") 1",https://attack.mitre.org/techniques/T1219/');
    assert.equal(line('T1090'), `T1090,Proxy,,Command and Control,1,,"'=HYPERLINK(""https://evil.example"") 1",https://attack.mitre.org/techniques/T1090/`);
    assert.equal(line('T1059.001'), 'T1059.001,PowerShell,T1059,Execution,2,medium,SigmaHQ 2,https://attack.mitre.org/techniques/T1059/001/');
    assert.equal(line('T1071.001'), 'T1071.001,Web Protocols,T1071,Command and Control,1,low,Azure-Sentinel 1,https://attack.mitre.org/techniques/T1071/001/');
    assert.equal(line('T1040'), 'T1040,Network Sniffing,,Credential Access; Discovery,0,,,https://attack.mitre.org/techniques/T1040/');
  });

  test('with the data I have: runnable rules and the classification per technique', async () => {
    const text = await (await fetch(`${server.url}/coverage.csv?language=kql&have=DeviceNetworkEvents`)).text();
    const lines = text.split('\r\n');
    assert.equal(lines[0], 'technique_id,name,parent_id,tactics,rules,best_confidence,sources,runnable_rules,data_status,attack_url');
    const cells = (id: string) => lines.find((l) => l.startsWith(`${id},`))!.split(',');
    // KQL rules only: T1219 has kql-a (runnable) and kql-b (needs DeviceProcessEvents too).
    assert.deepEqual(cells('T1219').slice(4, 9), ['2', 'high', 'Azure-Sentinel 2', '1', 'runnable']);
    assert.deepEqual(cells('T1071').slice(4, 9), ['2', 'low', 'Azure-Sentinel 1; reprise99 1', '0', 'missing-data']);
    assert.deepEqual(cells('T1059').slice(4, 9), ['0', '', '', '0', 'none']);
  });
});

async function coverage(query: string): Promise<string> {
  const res = await fetch(`${server.url}/coverage${query}`);
  assert.equal(res.status, 200);
  return res.text();
}

describe('coverage page: shading and the data I have', () => {
  test('runnable: a KQL rule needs every table, other rules one of theirs, a rule naming none never runs', () => {
    const have = new Set(['DeviceNetworkEvents', 'winlogbeat-*']);
    assert.equal(isRunnable({ tables: ['DeviceNetworkEvents'], needs: 'all' }, have), true);
    assert.equal(isRunnable({ tables: ['DeviceNetworkEvents', 'DeviceProcessEvents'], needs: 'all' }, have), false);
    assert.equal(isRunnable({ tables: ['endpoint', 'winlogbeat-*'], needs: 'any' }, have), true);
    assert.equal(isRunnable({ tables: ['endpoint'], needs: 'any' }, have), false);
    assert.equal(isRunnable({ tables: [], needs: 'all' }, have), false);
    assert.equal(isRunnable({ tables: [], needs: 'any' }, have), false);
  });

  test('have = DeviceNetworkEvents + windows/process_creation: each technique classified as worked out by hand', async () => {
    const page = await coverage('?have=DeviceNetworkEvents&have=windows%2Fprocess_creation');
    // T1219: kql-a runs (its one table is there); kql-b also needs DeviceProcessEvents; spl-g's sources are absent.
    assert.deepEqual(cellOf(page, 'T1219'), { cls: 'd-runnable', label: 'T1219 Remote Access Tools: 3 rules, 1 runnable' });
    // T1059: sig-c (windows/process_creation) runs through T1059.001; T1059.003 has only sig-d (ps_script).
    assert.deepEqual(cellOf(page, 'T1059'), { cls: 'd-runnable', label: 'T1059 Command and Scripting Interpreter: 3 rules, 1 runnable' });
    assert.deepEqual(cellOf(page, 'T1059.001'), { cls: 'd-runnable', label: 'T1059.001 PowerShell: 2 rules, 1 runnable' });
    assert.deepEqual(cellOf(page, 'T1059.003'), { cls: 'd-missing', label: 'T1059.003 Windows Command Shell: 1 rule, needs data' });
    // T1071: kql-f names no data, kql-b misses DeviceProcessEvents.
    assert.deepEqual(cellOf(page, 'T1071'), { cls: 'd-missing', label: 'T1071 Application Layer Protocol: 2 rules, needs data' });
    assert.deepEqual(cellOf(page, 'T1090'), { cls: 'd-missing', label: 'T1090 Proxy: 1 rule, needs data' });
    assert.deepEqual(cellOf(page, 'T1040'), { cls: 'd-none', label: 'T1040 Network Sniffing: 0 rules' });
    const total = Number(/4 of (\d+) techniques have at least one rule/.exec(page)?.[1]);
    assert.ok(total > 150, 'every Enterprise technique is in the matrix');
    assert.ok(page.includes('covered by rules you can run: 2</li>'), 'T1219, T1059');
    assert.ok(page.includes('covered only by rules needing data you do not have: 2</li>'), 'T1071, T1090');
    assert.ok(page.includes(`not covered: ${total - 4}</li>`));
    assert.ok(page.includes('<input type="checkbox" name="have" value="windows/process_creation" checked>'));
    assert.ok(page.includes('<input type="radio" name="shade" value="data" checked>'));
  });

  test('another selection changes the classification: alternatives count, KQL needs both tables', async () => {
    const page = await coverage('?have=DeviceNetworkEvents&have=DeviceProcessEvents&have=winlogbeat-*');
    assert.equal(cellOf(page, 'T1219').label, 'T1219 Remote Access Tools: 3 rules, 2 runnable');
    assert.deepEqual(cellOf(page, 'T1071'), { cls: 'd-runnable', label: 'T1071 Application Layer Protocol: 2 rules, 1 runnable' });
    assert.equal(cellOf(page, 'T1071.001').cls, 'd-runnable');
    assert.equal(cellOf(page, 'T1059').label, 'T1059 Command and Scripting Interpreter: 3 rules, 1 runnable', 'ela-e: winlogbeat-* is one of its alternatives');
    assert.equal(cellOf(page, 'T1059.001').cls, 'd-missing');
    // "I have none of these": every covered technique needs data.
    const nothing = await coverage('?shade=data');
    assert.equal(cellOf(nothing, 'T1219').cls, 'd-missing');
    assert.ok(nothing.includes('covered by rules you can run: 0</li>'));
  });

  test('shaded by best confidence, and filtered by status', async () => {
    const page = await coverage('?shade=confidence');
    assert.deepEqual(cellOf(page, 'T1219'), { cls: 'c-high', label: 'T1219 Remote Access Tools: 3 rules, best confidence high' });
    assert.equal(cellOf(page, 'T1059').cls, 'c-medium');
    assert.equal(cellOf(page, 'T1071').cls, 'c-low');
    assert.equal(cellOf(page, 'T1090').cls, 'c-unknown', 'spl-g is not enriched');
    assert.equal(cellOf(page, 'T1040').cls, 'c-none');
    const production = await coverage('?status=production');
    assert.deepEqual(cellOf(production, 'T1219'), { cls: 's1', label: 'T1219 Remote Access Tools: 1 rule' });
    assert.equal(cellOf(production, 'T1071').cls, 's0');
    assert.ok(production.includes('<option value="production" selected>production (2)</option>'));
    assert.ok(production.includes('href="/coverage/layer.json?status=production"'));
  });

  test('/api/coverage answers the same classification as JSON', async () => {
    const body = (await (await fetch(`${server.url}/api/coverage?have=DeviceNetworkEvents`)).json()) as {
      have: string[];
      tactics: { id: string; techniques: { id: string; count: number; runnable: number; status: string }[] }[];
    };
    assert.deepEqual(body.have, ['DeviceNetworkEvents']);
    const c2 = body.tactics.find((t) => t.id === 'TA0011')!;
    assert.deepEqual(
      ['T1219', 'T1071', 'T1090'].map((id) => c2.techniques.find((t) => t.id === id)).map((t) => [t!.id, t!.count, t!.runnable, t!.status]),
      [['T1219', 3, 1, 'runnable'], ['T1071', 2, 0, 'missing-data'], ['T1090', 1, 0, 'missing-data']],
    );
  });
});
