import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import { startWebServer, type RunningWebServer } from '../../src/web/server.js';
import type { NavigatorLayer } from '../../src/web/coverage/navigator-layer.js';
import { ATTACK_BUNDLE } from '../helpers/shared.js';
import { coverageCatalog } from './coverage-catalog.js';
import type { HandBuiltCatalog } from './hand-built-catalog.js';
import { layerProblems } from './navigator-layer-format.js';

/** The coverage page in Debian's Chromium over the hand-built coverage catalog (counts in coverage-catalog.ts). */

let catalog: HandBuiltCatalog;
let server: RunningWebServer;
let browser: Browser;

before(async () => {
  catalog = coverageCatalog();
  server = await startWebServer({ store: catalog.store, attack: loadAttackKnowledgeBase(ATTACK_BUNDLE), host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  catalog?.dispose();
});

/** A page that records script errors and CSP violations. */
async function watchedPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, errors };
}

describe('coverage page in Chromium', () => {
  test('the Navigator layer downloads from the page and validates as format 4.5', { timeout: 60_000 }, async () => {
    const { page, errors } = await watchedPage();
    await page.goto(`${server.url}/coverage?source=SigmaHQ`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ATT&CK Navigator layer (JSON)' }).click()]);
    assert.equal(download.suggestedFilename(), 'socfeed-layer.json');
    const layer = JSON.parse(readFileSync((await download.path())!, 'utf8')) as NavigatorLayer;
    assert.deepEqual(layerProblems(layer), []);
    assert.deepEqual(layer.techniques.map((t) => [t.techniqueID, t.score]), [['T1059', 2], ['T1059.001', 2], ['T1059.003', 1]], 'the page filters carried over');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('Data I have: ticking a table reclassifies the matrix; the choice survives a reload and a bare visit', { timeout: 60_000 }, async () => {
    const { page, errors } = await watchedPage();
    const cls = async (id: string) => (await page.locator(`a.cell[href$="technique=${id}"]`).first().getAttribute('class')) ?? '';
    await page.goto(`${server.url}/coverage`);
    assert.equal(await cls('T1219'), 'cell s1', 'counts first: 3 rules');
    await page.locator('details.have summary').click();
    await Promise.all([page.waitForURL(/have=DeviceNetworkEvents/), page.getByLabel('DeviceNetworkEvents').check()]);
    // kql-a reads only DeviceNetworkEvents: T1219 runs; T1059's rules need other data.
    assert.equal(await cls('T1219'), 'cell d-runnable');
    assert.equal(await cls('T1059'), 'cell d-missing');
    assert.doesNotMatch(page.url(), /source=&/, 'empty filters are left out of the URL');
    await page.getByLabel('Find a table').fill('process_cre');
    assert.equal(await page.getByLabel('DeviceProcessEvents').isVisible(), false, 'the finder narrows the list');
    await Promise.all([page.waitForURL(/have=windows%2Fprocess_creation/), page.getByLabel('windows/process_creation').check()]);
    assert.equal(await cls('T1059'), 'cell d-runnable', 'sig-c now runs');
    assert.equal(await cls('T1059.003'), 'cell d-missing');

    await page.reload();
    assert.equal(await cls('T1059'), 'cell d-runnable');
    // A bare /coverage (the navigation link) restores the remembered choice from localStorage.
    await page.goto(`${server.url}/coverage`);
    await page.waitForURL(/have=/);
    assert.equal(await page.getByLabel('DeviceNetworkEvents').isChecked(), true);
    assert.equal(await page.getByLabel('windows/process_creation').isChecked(), true);
    assert.equal(await cls('T1219'), 'cell d-runnable');
    assert.equal(await cls('T1059'), 'cell d-runnable');
    assert.match(await page.locator('.legend').textContent() ?? '', /covered by rules you can run: 2/);

    await Promise.all([page.waitForURL(/\/coverage$/), page.getByRole('link', { name: 'Clear the selection' }).click()]);
    assert.equal(await cls('T1219'), 'cell s1', 'forgotten: back to counts');
    await page.goto(`${server.url}/coverage`);
    assert.equal(page.url(), `${server.url}/coverage`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
