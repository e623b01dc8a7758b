import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import { startWebServer, type RunningWebServer } from '../../src/web/server.js';
import type { Rule } from '../../src/catalog/rule.js';
import { ATTACK_BUNDLE } from '../helpers/shared.js';
import { sampleRule, XSS } from './sample-rule.js';
import { handBuiltCatalog, type HandBuiltCatalog } from './hand-built-catalog.js';
import { coverageCell } from './coverage-cell.js';

/**
 * The routes over a real SQLite catalog (rules written through the real writer, as sync does)
 * and the real ATT&CK bundle, served by the real HTTP server on 127.0.0.1.
 */

const RULES: Rule[] = [
  sampleRule({ id: 'rule-addigy', name: 'Addigy network connection', description: 'Addigy agent talks to its cloud.' }),
  sampleRule({
    id: 'rule-xss',
    name: `XSS ${XSS.script}`,
    description: `${XSS.flag} ${XSS.img} ${XSS.svg}`,
    tags: ['hunting', XSS.svg],
    references: ['javascript:alert(1)'],
    url: 'javascript:alert(1)',
    path: 'Hunting Queries/xss.yaml',
  }),
  ...Array.from({ length: 30 }, (_, i) =>
    sampleRule({
      id: `rule-ps-${String(i).padStart(2, '0')}`,
      name: `PowerShell rule ${String(i).padStart(2, '0')}`,
      description: 'Encoded PowerShell command line.',
      source: 'sigma',
      format: 'sigma',
      language: 'sigma',
      dataSources: ['process_creation'],
      tactics: [{ id: 'TA0002', shortname: 'execution', name: 'Execution' }],
      techniques: [{ id: 'T1059.001', name: 'PowerShell', known: true }],
      path: `rules/ps_${i}.yml`,
      url: `https://github.com/SigmaHQ/sigma/blob/abc/rules/ps_${i}.yml`,
    }),
  ),
];

let catalog: HandBuiltCatalog;
let server: RunningWebServer;

before(async () => {
  catalog = handBuiltCatalog(RULES);
  server = await startWebServer({ store: catalog.store, attack: loadAttackKnowledgeBase(ATTACK_BUNDLE), host: '127.0.0.1', port: 0 });
});

after(async () => {
  await server?.close();
  catalog?.dispose();
});

async function get(path: string): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(server.url + path);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('web routes over a real catalog', () => {
  test('listens on 127.0.0.1 with a free port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('every page carries the security headers', async () => {
    for (const path of ['/', '/rules/rule-addigy', '/coverage', '/api/rules', '/nope']) {
      const { headers } = await get(path);
      const csp = headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'/, path);
      assert.doesNotMatch(csp, /unsafe-inline/, path);
      assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
    }
  });

  test('the feed lists rules, pages through them and keeps the filters', async () => {
    const all = await get('/');
    assert.equal(all.status, 200);
    assert.match(all.headers.get('content-type') ?? '', /text\/html/);
    assert.ok(all.text.includes('32 rules · showing 1–25'));
    const page2 = await get('/?source=sigma&sort=name&page=2');
    assert.ok(page2.text.includes('30 rules · showing 26–30'));
    assert.ok(page2.text.includes('PowerShell rule 29'));
    assert.ok(!page2.text.includes('PowerShell rule 00'));
    assert.ok(page2.text.includes('href="/?source=sigma&amp;sort=name" rel="prev"'));
    const tech = await get('/?technique=t1059');
    assert.ok(tech.text.includes('30 rules'), 'parent technique matches sub-techniques; id upper-cased');
  });

  test('search shows highlighted matches', async () => {
    const { text } = await get('/?q=addigy');
    assert.ok(text.includes('1 rules'));
    assert.ok(text.includes('href="/rules/rule-addigy"'));
    assert.match(text, /<mark>Addigy<\/mark>/i);
  });

  test('odd input never breaks the feed', async () => {
    for (const q of ['"', 'a AND', '*', 'NEAR(', "'; DROP TABLE rules; --", '%', 'x'.repeat(500)]) {
      const res = await get(`/?q=${encodeURIComponent(q)}&page=-3&sort=bogus`);
      assert.equal(res.status, 200, q);
    }
  });

  test('the rule page and its 404', async () => {
    const ok = await get('/rules/rule-addigy');
    assert.equal(ok.status, 200);
    assert.ok(ok.text.includes('<h1>Addigy network connection</h1>'));
    assert.ok(ok.text.includes('Remote Access Tools'));
    assert.ok(ok.text.includes('https://attack.mitre.org/techniques/T1219/'));
    const missing = await get('/rules/no-such-rule');
    assert.equal(missing.status, 404);
    assert.ok(missing.text.includes('No rule with id “no-such-rule”'));
    const xssId = await get(`/rules/${encodeURIComponent(XSS.script)}`);
    assert.equal(xssId.status, 404);
    assert.ok(xssId.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!xssId.text.includes('<script>alert'));
  });

  test('an XSS rule shows as text in the feed and on its page', async () => {
    for (const path of ['/?q=xss', '/?source=Azure-Sentinel', '/rules/rule-xss']) {
      const { text } = await get(path);
      assert.ok(text.includes('XSS &lt;script&gt;alert(1)&lt;/script&gt;'), path);
      if (!path.includes('q=')) assert.ok(text.includes('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;'), path);
      assert.ok(!text.includes('<img'), path);
      assert.ok(!text.includes('<svg'), path);
      assert.ok(!text.includes('<script>'), path);
      assert.ok(!/href="javascript:/i.test(text), path);
    }
  });

  test('coverage: tactics in matrix order, counts, links to the feed', async () => {
    const { status, text } = await get('/coverage');
    assert.equal(status, 200);
    const reconnaissance = text.indexOf('id="tac-TA0043"');
    const impact = text.indexOf('id="tac-TA0040"');
    assert.ok(reconnaissance > 0 && impact > reconnaissance, 'Reconnaissance first, Impact last');
    assert.deepEqual(coverageCell(text, 'T1059'), { cls: 's3', label: 'T1059 Command and Scripting Interpreter: 30 rules' });
    assert.deepEqual(coverageCell(text, 'T1059.001'), { cls: 's3', label: 'T1059.001 PowerShell: 30 rules' });
    assert.deepEqual(coverageCell(text, 'T1219'), { cls: 's1', label: 'T1219 Remote Access Tools: 2 rules' });
    const sigma = await get('/coverage?source=sigma');
    assert.equal(coverageCell(sigma.text, 'T1219', '/?source=sigma&amp;').label, 'T1219 Remote Access Tools: 0 rules');
  });

  test('API: a search snippet is plain text with the offsets of its matches', async () => {
    const body = (await (await fetch(`${server.url}/api/rules?q=agent`)).json()) as {
      rules: { id: string; snippet?: string; snippetMatches?: [number, number][] }[];
    };
    const hit = body.rules.find((r) => r.id === 'rule-addigy');
    assert.ok(hit?.snippet, 'the Addigy rule matches "agent" in its description');
    assert.doesNotMatch(hit.snippet, /[\u0001\u0002]/, 'no internal highlight markers');
    assert.ok(hit.snippetMatches && hit.snippetMatches.length > 0);
    for (const [start, end] of hit.snippetMatches) assert.equal(hit.snippet.slice(start, end).toLowerCase(), 'agent');
  });

  test('API: rules with filters and paging, one rule, coverage', async () => {
    const res = await fetch(`${server.url}/api/rules?technique=T1059&limit=10&offset=25`);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const body = (await res.json()) as { total: number; rules: { id: string }[] };
    assert.equal(body.total, 30);
    assert.equal(body.rules.length, 5);
    const one = (await (await fetch(`${server.url}/api/rules/rule-xss`)).json()) as Rule;
    assert.equal(one.name, `XSS ${XSS.script}`, 'JSON keeps the raw value');
    assert.equal(one.raw, RULES[1].raw);
    const missing = await fetch(`${server.url}/api/rules/none`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: 'no rule with id none' });
    for (const bad of ['limit=0', 'limit=501', 'limit=x', 'offset=-1']) {
      assert.equal((await fetch(`${server.url}/api/rules?${bad}`)).status, 400, bad);
    }
    const cov = (await (await fetch(`${server.url}/api/coverage`)).json()) as {
      tactics: { id: string; techniques: { id: string; count: number; subtechniques: { id: string; count: number }[] }[] }[];
    };
    assert.equal(cov.tactics.length, 14);
    const c2 = cov.tactics.find((t) => t.id === 'TA0011')!;
    assert.equal(c2.techniques.find((t) => t.id === 'T1219')?.count, 2);
    const exec = cov.tactics.find((t) => t.id === 'TA0002')!;
    const interpreter = exec.techniques.find((t) => t.id === 'T1059')!;
    assert.equal(interpreter.count, 30);
    assert.equal(interpreter.subtechniques.find((s) => s.id === 'T1059.001')?.count, 30);
  });

  test('assets: long cache, known names only, no path traversal', async () => {
    const css = await get('/assets/app.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    assert.match(css.headers.get('cache-control') ?? '', /max-age=31536000/);
    assert.ok(css.text.includes(':focus-visible'));
    for (const path of ['/assets/..%2f..%2fpackage.json', '/assets/%2e%2e%2fserver.ts', '/assets/../../package.json', '/assets/nope.css', '/assets/']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.text.includes('"name": "socfeed"'), path);
    }
  });
});
