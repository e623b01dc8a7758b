import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { loadAttackKnowledgeBase, type AttackKnowledgeBase } from '../../src/attack/index.js';
import { createWebApp } from '../../src/web/server.js';
import { exportSite, EXPORT_CSP, type ExportReport } from '../../src/web/export/static-export.js';
import type { RuleSummary } from '../../src/store/catalog-store.js';
import { ATTACK_BUNDLE, REFERENCE_RULE_PATH } from '../helpers/shared.js';
import { launchChromium } from '../helpers/chromium.js';
import { axeViolations } from '../helpers/axe.js';
import { tempDir } from '../sync/sync-fixture.js';
import { syncedCorpus, XSS_RULE_NAME, type SyncedCorpus } from './synced-corpus.js';
import { layerProblems } from './navigator-layer-format.js';

/**
 * `exportSite` over the synced azure-sentinel corpus (plus the XSS fixture), then the exported
 * folder opened from file:// in Debian's Chromium: search, a rule page, coverage and back.
 */

const REFERENCE_NAME = 'Remote Management and Montioring tool - Addigy - Network Connection';

let corpus: SyncedCorpus;
let attack: AttackKnowledgeBase;
let out: string;
let report: ExportReport;
let browser: Browser;
let referenceId: string;

before(async () => {
  corpus = await syncedCorpus();
  attack = loadAttackKnowledgeBase(ATTACK_BUNDLE);
  out = tempDir('socfeed-export-');
  report = await exportSite({ store: corpus.store, attack, outDir: out, baseUrl: null });
  const ids = corpus.store.allRuleIds();
  referenceId = corpus.store.getRules(ids).find((r) => r.path === REFERENCE_RULE_PATH)!.id;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  corpus?.dispose();
  if (out) rmSync(out, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(join(out, file), 'utf8');

describe('static export: the files', () => {
  test('every rule has its page and its JSON; the API files hold what the API serves', async () => {
    const ids = corpus.store.allRuleIds();
    assert.ok(ids.length > 100);
    assert.equal(report.rules, ids.length);
    for (const id of ids) {
      assert.ok(existsSync(join(out, 'rules', `${encodeURIComponent(id)}.html`)), id);
    }
    const served = createWebApp({ store: corpus.store, attack });
    const one = await (await served.request(`/api/rules/${encodeURIComponent(referenceId)}`)).json();
    assert.deepEqual(JSON.parse(read(`api/rules/${encodeURIComponent(referenceId)}.json`)), one);
    const all = JSON.parse(read('api/rules.json')) as { total: number; rules: RuleSummary[] };
    assert.equal(all.total, ids.length);
    assert.deepEqual(new Set(all.rules.map((r) => r.id)), new Set(ids));
    const coverage = JSON.parse(read('api/coverage.json')) as { tactics: unknown[] };
    assert.equal(coverage.tactics.length, 14);
    const layer = JSON.parse(read('coverage/layer.json'));
    assert.deepEqual(layerProblems(layer), [], 'a valid layer; without --base-url it has no links (they must be absolute)');
    assert.ok(!read('coverage/layer.json').includes('"links"'));
    assert.match(read('coverage.csv'), /^technique_id,name,parent_id,tactics,rules,best_confidence,sources,attack_url\r\n/);
    const atom = read('feed.atom');
    assert.ok(atom.includes('<link rel="self" type="application/atom+xml" href="feed.atom"/>'));
    const entryLinks = [...atom.matchAll(/<entry>[\s\S]*?<link rel="alternate" type="text\/html" href="([^"]+)"\/>/g)].map((m) => m[1]!);
    assert.equal(entryLinks.length, 50, 'the 50 newest changes');
    for (const href of entryLinks) {
      assert.match(href, /^rules\/[^/]+\.html$/);
      assert.ok(existsSync(join(out, decodeURIComponent(href))), href);
    }
    assert.ok(!atom.includes('socfeed-export.invalid'), 'no trace of the origin the app was rendered under');
    assert.ok(read('search-index.js').startsWith('// socfeed static export'));
  });

  test('every page: a CSP meta tag, no module script, no root-relative link; server-only parts replaced', () => {
    const pages = ['index.html', 'coverage.html', ...readdirSync(join(out, 'rules')).map((f) => `rules/${f}`)];
    for (const file of pages) {
      const html = read(file);
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`), file);
      assert.doesNotMatch(html, /<script type="module"/, file);
      assert.doesNotMatch(html, /\s(href|src|action)="\/(?!\/)/, `${file} links relative only`);
      assert.doesNotMatch(html, /data-needs-server/, file);
      assert.doesNotMatch(html, /socfeed-export\.invalid/, file);
    }
    const rule = read(`rules/${encodeURIComponent(referenceId)}.html`);
    assert.ok(rule.includes('<section id="hunt" aria-labelledby="hunt-title"><h2 id="hunt-title">Run this hunt</h2><p class="needs-server">This part needs the socfeed server'));
    assert.ok(!rule.includes('hunt-form'));
    assert.ok(rule.includes('href="../index.html?technique=T1219"'));
    assert.ok(rule.includes('href="../assets/app.css"'));
    const coverage = read('coverage.html');
    assert.ok(coverage.includes('<p class="needs-server">'), 'the coverage form needs the server');
    assert.ok(coverage.includes('href="index.html?technique=T1219"'));
    assert.ok(read('index.html').includes('<script src="assets/static-search.js" data-index="search-index.js" defer></script>'));
  });
});

describe('static export in Chromium from file://', () => {
  test('search the feed, open a rule page, open coverage and a cell, with no console error', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    const root = pathToFileURL(out).href;
    await page.goto(`${root}/index.html`);
    await page.getByLabel('Search rules').fill('addigy');
    await Promise.all([page.waitForURL(/index\.html\?q=addigy/), page.getByLabel('Search rules').press('Enter')]);
    const link = page.getByRole('link', { name: REFERENCE_NAME, exact: true });
    await link.waitFor();
    assert.match((await page.locator('p.summary').textContent()) ?? '', /rules · showing 1–\d+ \(searched in your browser/);
    const names = await page.locator('ol.rules li h2').allTextContents();
    assert.ok(names.length >= 1);
    assert.equal(await page.getByLabel('Search rules').inputValue(), 'addigy', 'the form shows the search');
    assert.equal(await page.locator('input[name="problems"]').isDisabled(), true, 'lint findings are not in the index');
    assert.deepEqual(await axeViolations(page), [], 'WCAG A/AA: the feed searched in the browser');
    await Promise.all([page.waitForURL(/rules\/.*\.html$/), link.click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), REFERENCE_NAME);
    for (const title of ['Hunt Hypothesis', 'Query', 'Rule Definition', 'Required Data Sources', 'Original Source']) {
      assert.ok(await page.getByRole('heading', { level: 2, name: title, exact: true }).isVisible(), title);
    }
    assert.ok(await page.getByText('This part needs the socfeed server').isVisible());
    assert.deepEqual(await axeViolations(page), [], 'WCAG A/AA: the exported rule page');

    await Promise.all([page.waitForURL(/coverage\.html$/), page.getByRole('link', { name: 'Coverage', exact: true }).click()]);
    const cell = page.locator('a.cell[href="index.html?technique=T1219"]').first();
    assert.match((await cell.textContent()) ?? '', /Remote Access Tools/);
    const expected = Number((await cell.locator('.tcount').textContent()) ?? '0');
    assert.deepEqual(await axeViolations(page), [], 'WCAG A/AA: the exported coverage page');
    await Promise.all([page.waitForURL(/index\.html\?technique=T1219$/), cell.click()]);
    await page.locator('p.summary', { hasText: 'searched in your browser' }).waitFor();
    assert.match((await page.locator('p.summary').textContent()) ?? '', new RegExp(`^${expected} rules`), 'the coverage count and the filtered feed agree');
    assert.equal(await page.getByRole('checkbox', { name: /T1219/ }).first().isChecked(), true);

    await page.goto(`${root}/index.html?source=XSS-Fixture`);
    await page.getByRole('link', { name: XSS_RULE_NAME, exact: true }).waitFor();
    await Promise.all([page.waitForURL(/rules\//), page.getByRole('link', { name: XSS_RULE_NAME, exact: true }).click()]);
    assert.equal(await page.evaluate(() => (globalThis as { __xss?: number }).__xss), undefined);
    assert.deepEqual(errors, [], 'no script errors, CSP violations or blocked loads');
    await page.close();
  });
});
