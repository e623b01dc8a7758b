import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { publishScreenshots } from '../helpers/screenshots.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import { startWebServer, type RunningWebServer } from '../../src/web/server.js';
import type { Rule } from '../../src/catalog/rule.js';
import type { RuleSummary } from '../../src/store/catalog-store.js';
import { ATTACK_BUNDLE, TELEMETRY } from '../helpers/shared.js';
import { getJson, referenceRule, syncedCorpus, XSS_RULE_NAME, type SyncedCorpus } from './synced-corpus.js';
import { coverageCell } from './coverage-cell.js';
import { axeViolations } from '../helpers/axe.js';

/**
 * End to end: the real azure-sentinel corpus (plus a one-rule XSS fixture) synced into a temp
 * catalog by the real sync, served by the real server on 127.0.0.1, fetched over HTTP and
 * driven in Debian's Chromium. One sync for the whole file keeps it fast.
 * Screenshots land in a temp dir (checked to be PNGs); with SOCFEED_SCREENSHOTS=1 they are
 * also copied to docs/screenshots/.
 */

/** From `corpus/azure-sentinel/MANIFEST.tsv`, the commit the reference rule was taken at. */
const REFERENCE_COMMIT = '1b4ccf67c11f615b5400fbe44a4f4e5f8893becb';
const REFERENCE_URL = `https://github.com/Azure/Azure-Sentinel/blob/${REFERENCE_COMMIT}/Hunting%20Queries/Microsoft%20365%20Defender/RemoteManagementMonitoring/rmm_Addigy_netconn.yaml`;
const REFERENCE_NAME = 'Remote Management and Montioring tool - Addigy - Network Connection';
const SECTIONS = ['Hunt Hypothesis', 'Query', 'Rule Definition', 'Required Data Sources', 'ATT&CK Context', 'References', 'False Positive Guidance', 'Original Source'];
const SCREENSHOTS = ['feed.png', 'rule.png', 'coverage.png'];

let corpus: SyncedCorpus;
let server: RunningWebServer;
let referenceId: string;
let browser: Browser;
let shots: string;

async function page(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(server.url + path);
  return { status: res.status, text: await res.text() };
}

function json<T>(path: string): Promise<T> {
  return getJson<T>(server.url, path);
}

before(async () => {
  corpus = await syncedCorpus();
  server = await startWebServer({ store: corpus.store, attack: loadAttackKnowledgeBase(ATTACK_BUNDLE), host: '127.0.0.1', port: 0 });
  referenceId = (await referenceRule(server.url)).id;
  shots = mkdtempSync(join(tmpdir(), 'socfeed-shots-'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  corpus?.dispose();
  if (shots) publishScreenshots(shots, SCREENSHOTS);
  if (shots) rmSync(shots, { recursive: true, force: true });
});

/** The text of a highlighted code block as a browser shows it: tags dropped, lint notes left out, entities decoded. */
function codeText(page: string, id: string): string {
  const start = page.indexOf(`<code id="${id}">`);
  assert.ok(start >= 0, `code block ${id}`);
  const inner = page.slice(start + `<code id="${id}">`.length, page.indexOf('</code>', start));
  const lines = inner.split('\n').filter((l) => !l.startsWith('<span class="lint-mark'));
  const text = lines.join('\n').replace(/<[^>]+>/g, '');
  return `${text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')}\n`;
}

function assertPng(file: string): void {
  const bytes = readFileSync(file);
  assert.ok(bytes.length > 10_000, `${file} is a real screenshot`);
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
}

describe('web app over the synced azure-sentinel corpus', () => {
  test('the feed lists the synced rules', async () => {
    const { status, text } = await page('/');
    assert.equal(status, 200);
    const total = corpus.report.sources.reduce((n, s) => n + (s.rules ?? s.added), 0);
    assert.ok(total > 100, `synced ${total} rules`);
    assert.ok(text.includes(`${total.toLocaleString('en')} rules · showing 1–25`));
    assert.ok(text.includes('name="source" value="Azure-Sentinel"'));
  });

  test('searching "addigy" finds the reference rule, highlighted', async () => {
    const { text } = await page('/?q=addigy');
    assert.ok(text.includes(`href="/rules/${encodeURIComponent(referenceId)}"`));
    assert.ok(text.includes(REFERENCE_NAME));
    assert.match(text, /<mark>addigy<\/mark>/i);
  });

  test('the reference rule page shows everything PRODUCT.md lists', async () => {
    const { status, text } = await page(`/rules/${encodeURIComponent(referenceId)}`);
    assert.equal(status, 200);
    assert.ok(text.includes(`<h1>${REFERENCE_NAME}</h1>`));
    const badges = text.slice(text.indexOf('<ul class="badges"'), text.indexOf('</ul>', text.indexOf('<ul class="badges"')));
    for (const [kind, value] of [
      ['language', 'kql'],
      ['source', 'Azure-Sentinel'],
      ['technique', 'T1219 Remote Access Tools'],
      ['table', 'DeviceNetworkEvents'],
      ['tag', 'hunting'],
      ['tag', 'microsoft'],
      ['tag', 'official'],
    ]) {
      assert.match(badges, new RegExp(`class="badge b-${kind}[^"]*"[^>]*>${value}</a>`), `${kind} badge ${value}`);
    }
    assert.match(badges, /class="badge b-severity/);
    assert.ok(text.includes('pulled from an open-source repository and enriched'));
    assert.ok(text.includes(`<a href="${REFERENCE_URL}" rel="noopener noreferrer">View the original file</a>`));
    assert.match(text, /<dt>Retrieved<\/dt><dd><time datetime="\d{4}-\d\d-\d\dT/);
    assert.match(text, /<dt>Confidence<\/dt><dd><strong class="confidence confidence-high">high<\/strong>/);
    for (const h of ['Hunt Hypothesis', 'Query', 'Rule Definition', 'Required Data Sources', 'ATT&amp;CK Context', 'References', 'False Positive Guidance', 'Original Source']) {
      assert.ok(text.includes(`-title">${h}</h2>`), `section ${h}`);
    }
    assert.ok(text.includes('Adversaries install or abuse Addigy, a legitimate remote monitoring and management (RMM) tool, as Remote Access Tools (T1219)'));
    const reference = await json<Rule>(`/api/rules/${encodeURIComponent(referenceId)}`);
    assert.equal(codeText(text, 'query-code'), reference.query, 'query shown as written');
    assert.equal(codeText(text, 'definition-code'), reference.raw, 'raw YAML shown as written');
    assert.ok(text.includes('<span class="t-kw">has_any</span>'), 'the query is highlighted');
    // Related rules: the corpus slice has other sources' T1219 rules only in RMM-free form, so check the section's shape.
    assert.ok(text.includes('-title">Related Rules</h2>'));
    assert.ok(text.includes('<span class="t-key">relevantTechniques</span>:'), 'the YAML is highlighted');
    assert.ok(text.includes('DeviceNetworkEvents uses Timestamp for the event time'));
    assert.ok(text.includes('MicrosoftThreatProtection (declared by the rule)'));
    assert.ok(text.includes('<a href="/?technique=T1219">T1219</a> Remote Access Tools</h3>'));
    assert.ok(text.includes(`<code>${REFERENCE_COMMIT}</code>`));
    assert.ok(text.includes('<code>Hunting Queries/Microsoft 365 Defender/RemoteManagementMonitoring/rmm_Addigy_netconn.yaml</code>'));
  });

  test('coverage counts the synced rules per technique', async () => {
    const { status, text } = await page('/coverage');
    assert.equal(status, 200);
    const t1219 = await json<{ total: number }>('/api/rules?technique=T1219&limit=1');
    assert.ok(t1219.total >= 1);
    assert.equal(coverageCell(text, 'T1219').label, `T1219 Remote Access Tools: ${t1219.total} rule${t1219.total === 1 ? '' : 's'}`);
  });

  test('/api/rules?technique=T1219 returns only T1219 rules, the reference among them', async () => {
    const body = await json<{ total: number; rules: RuleSummary[] }>('/api/rules?technique=T1219&limit=500');
    assert.equal(body.rules.length, body.total);
    assert.ok(body.rules.some((r) => r.id === referenceId));
    for (const r of body.rules) assert.ok(r.techniques.some((t) => t.id === 'T1219' || t.id.startsWith('T1219.')), r.name);
  });

  test('a synced rule with XSS payloads shows them as text', async () => {
    const hits = await json<{ rules: RuleSummary[] }>('/api/rules?source=XSS-Fixture');
    assert.equal(hits.rules.length, 1);
    assert.equal(hits.rules[0].name, XSS_RULE_NAME);
    for (const path of ['/?source=XSS-Fixture', `/rules/${encodeURIComponent(hits.rules[0].id)}`]) {
      const { text } = await page(path);
      assert.ok(text.includes('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;'), path);
      assert.ok(text.includes('XSS fixture &lt;script&gt;alert(1)&lt;/script&gt;'), path);
      assert.ok(!text.includes('<img'), path);
      assert.ok(!text.includes('<svg'), path);
      assert.ok(!text.includes('<script>'), path);
    }
  });
});

describe('web app in Chromium', () => {
  test('search the feed, open the reference rule, read its sections; coverage', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    await page.goto(`${server.url}/?source=Azure-Sentinel`);
    await page.screenshot({ path: join(shots, 'feed.png') });

    await page.goto(server.url);
    await page.getByLabel('Search rules').fill('addigy');
    await Promise.all([page.waitForURL(/\?q=addigy/), page.getByLabel('Search rules').press('Enter')]);
    const link = page.getByRole('link', { name: REFERENCE_NAME, exact: true });
    await link.waitFor();
    await Promise.all([page.waitForURL(/\/rules\//), link.click()]);

    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), REFERENCE_NAME);
    for (const title of SECTIONS) {
      assert.ok(await page.getByRole('heading', { level: 2, name: title, exact: true }).isVisible(), title);
    }
    assert.ok(await page.getByRole('note').filter({ hasText: 'pulled from an open-source repository' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'View the original file' }).isVisible());
    await page.screenshot({ path: join(shots, 'rule.png'), fullPage: true });

    await page.goto(`${server.url}/coverage`);
    const cell = page.locator('a.cell[href="/?technique=T1219"]');
    assert.match((await cell.textContent()) ?? '', /Remote Access Tools/);
    await page.screenshot({ path: join(shots, 'coverage.png') });
    await Promise.all([page.waitForURL(/\?technique=T1219$/), cell.click()]);
    assert.ok(await page.getByRole('link', { name: 'Remove filter Technique: T1219' }).isVisible(), 'the coverage cell lands on the filtered feed');

    assert.deepEqual(errors, [], 'no script errors or CSP violations');
    for (const name of SCREENSHOTS) assertPng(join(shots, name));
    await page.close();
  });

  test('search and filter the feed: counts follow every filter, the URL keeps the state, also with JavaScript off', { timeout: 60_000 }, async () => {
    const total = async (qs: string) => (await json<{ total: number }>(`/api/rules?${qs}&limit=1`)).total;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    assert.deepEqual(await axeViolations(page), [], 'WCAG A/AA: the feed');
    const summary = page.locator('p.summary');
    const countOf = (name: string, value: string) => page.locator(`form.filters input[name="${name}"][value="${value}"] ~ .count`).first().textContent();

    const addigy = await total('q=addigy');
    await page.getByLabel('Search rules').fill('addigy');
    await page.waitForURL(/\?q=addigy$/);
    await summary.filter({ hasText: `${addigy} rules` }).waitFor();
    assert.equal(await countOf('source', 'Azure-Sentinel'), String(addigy), 'the only source holds every match');

    const both = await total('q=addigy&technique=T1219');
    const t1219 = page.locator('form.filters input[name="technique"][value="T1219"]').first();
    await t1219.check();
    await page.waitForURL(/\?q=addigy&technique=T1219/);
    await summary.filter({ hasText: `${both} rules` }).waitFor();
    assert.ok(await page.locator('form.filters input[name="technique"][value="T1219"]').first().isChecked());
    assert.equal(await countOf('technique', 'T1219'), String(both));
    assert.equal(await countOf('table', 'DeviceNetworkEvents'), String(await total('q=addigy&technique=T1219&table=DeviceNetworkEvents')));
    assert.equal(await countOf('source', 'Azure-Sentinel'), String(both));

    await page.locator('select#sort').selectOption('name');
    await page.waitForURL(/sort=name/);
    const firstByName = (await json<{ rules: RuleSummary[] }>('/api/rules?q=addigy&technique=T1219&sort=name&limit=1')).rules[0]!.name;
    await page.locator('ol.rules li.rule h2').first().filter({ hasText: firstByName }).waitFor();
    await page.goBack();
    await page.waitForURL(/technique=T1219$/);
    await summary.filter({ hasText: `${both} rules` }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();

    // The same, without JavaScript: a plain GET form.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${server.url}/?q=addigy`);
    await plain.locator('form.filters input[name="technique"][value="T1219"]').first().check();
    await Promise.all([plain.waitForURL(/technique=T1219/), plain.getByRole('button', { name: 'Apply filters' }).click()]);
    assert.match((await plain.locator('p.summary').textContent()) ?? '', new RegExp(`^${both} rules`));
    await context.close();
  });

  test('run the reference hunt on the seed telemetry: the expected rows; a syntax error shows its line and column', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/rules/${encodeURIComponent(referenceId)}`);
    const panel = page.locator('section#hunt[data-needs-server]');
    assert.ok(await panel.getByRole('heading', { name: 'Run this hunt' }).isVisible());
    assert.match(await panel.getByLabel('Query', { exact: true }).inputValue(), /where RemoteUrl has_any \(/);
    await panel.getByLabel('Telemetry file').setInputFiles(join(TELEMETRY, 'seed-hunt', 'DeviceNetworkEvents.ndjson'));
    assert.ok(await panel.getByLabel('A file of mine').isChecked(), 'choosing a file selects it as the data');
    await panel.getByLabel('Now (UTC)').fill('2026-05-25T23:00:00');
    const url = page.url();
    await panel.getByRole('button', { name: 'Run hunt' }).click();
    const grid = panel.getByRole('table', { name: /Hunt result/ });
    await grid.waitFor();
    assert.equal(page.url(), url, 'ran in place through the API (the script is on)');
    const expected = JSON.parse(readFileSync(join(TELEMETRY, 'seed-hunt', 'expected.json'), 'utf8')) as { columns: [string, string][]; rows_any_order: unknown[][] };
    const headers = await grid.locator('thead th').allTextContents();
    assert.deepEqual(headers, expected.columns.map(([name, type]) => `${name} ${type}`));
    const report = expected.columns.findIndex(([n]) => n === 'Report');
    // Report is make_set(ReportId): compared as a set; rows in any order.
    const normal = (cells: unknown[]) => JSON.stringify(cells.map((v, i) => (i === report ? [...(v as number[])].sort((a, b) => a - b) : v)));
    const shown = await grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const parsed = shown.map((cells) => cells.map((c, i) => (i === report ? JSON.parse(c) : i === cells.length - 1 ? Number(c) : c)));
    assert.deepEqual(parsed.map(normal).sort(), expected.rows_any_order.map((r) => r.map((v, i) => (i === report ? (v as { set: number[] }).set : v))).map(normal).sort());
    assert.match((await panel.getByRole('status').textContent()) ?? '', /^3 rows in [\d.]+ ms/);
    assert.deepEqual(await axeViolations(page), [], 'WCAG A/AA: the rule page with a hunt result');

    await panel.getByLabel('Query', { exact: true }).fill('DeviceNetworkEvents\n| where RemoteUrl has "addigy"\n| summarize count() by');
    await panel.getByRole('button', { name: 'Run hunt' }).click();
    const alert = panel.getByRole('alert');
    await alert.waitFor();
    // Line 3 is "| summarize count() by" (22 characters): the missing group-by expression is just past it.
    assert.match((await alert.textContent()) ?? '', /Syntax error at line 3, column 23/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('an XSS rule executes nothing, in the feed or on its page: Markdown description, highlighted query', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.goto(`${server.url}/?source=XSS-Fixture`);
    assert.equal(await page.evaluate(() => (globalThis as { __xss?: number }).__xss), undefined);
    await Promise.all([page.waitForURL(/\/rules\//), page.getByRole('link', { name: XSS_RULE_NAME, exact: true }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), XSS_RULE_NAME);
    const description = page.locator('.description');
    assert.match((await description.textContent()) ?? '', /<img src=x onerror="window.__xss=1">/);
    // Markdown ran (bold, the one https link) and refused every other scheme, leaving the text.
    assert.equal(await description.locator('strong').textContent(), 'bold');
    assert.deepEqual(await description.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')])), [
      ['md-ok', 'https://example.com/ok', 'noopener noreferrer'],
    ]);
    assert.match((await description.textContent()) ?? '', /\[md-js\]\(javascript:window.__xss=1\)/);
    assert.equal(await page.locator('main a[href^="javascript:" i], main a[href^="data:" i], main [onerror], main [onload]').count(), 0);
    // The highlighted query shows the payload as text inside a string token.
    assert.match((await page.locator('#query-code .t-str').first().textContent()) ?? '', /svg onload=alert\(1\)/);
    assert.equal(await page.locator('main img, main svg, main script').count(), 0);
    for (const link of await description.locator('a').all()) await link.hover();
    assert.equal(await page.evaluate(() => (globalThis as { __xss?: number }).__xss), undefined);
    assert.equal(dialogs, 0);
    await page.close();
  });

  test('the copy button copies the query as written, from the keyboard', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(`${server.url}/rules/${encodeURIComponent(referenceId)}`);
    const button = page.locator('#query button.copy');
    assert.ok(await button.isVisible(), 'shown once the script runs');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.locator('#query-code-copied').filter({ hasText: 'Copied' }).waitFor();
    const reference = await json<Rule>(`/api/rules/${encodeURIComponent(referenceId)}`);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText()), reference.query);
    await context.close();
  });

});
