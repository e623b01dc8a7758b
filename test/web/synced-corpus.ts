import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSync, type SyncReport } from '../../src/sync/run-sync.js';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import { AZURE_SENTINEL_SOURCE, tempDir, writeConfig } from '../sync/sync-fixture.js';
import { XSS } from './sample-rule.js';
import assert from 'node:assert/strict';
import type { Rule } from '../../src/catalog/rule.js';
import type { RuleSummary } from '../../src/store/catalog-store.js';
import { REFERENCE_RULE_PATH } from '../helpers/shared.js';

/** The name the XSS fixture rule is synced under (its payloads are in the description and tags). */
export const XSS_RULE_NAME = `XSS fixture ${XSS.script}`;

/** Markdown payloads for the description: script links of every spelling, an image, raw HTML links. */
export const XSS_MARKDOWN =
  '[md-js](javascript:window.__xss=1) [md-case](JaVaScRiPt:window.__xss=1) [md-data](data:text/html,<script>window.__xss=1</script>) ' +
  '<javascript:window.__xss=1> ![md-img](javascript:window.__xss=1) <a href="javascript:window.__xss=1">md-raw</a> **bold** [md-ok](https://example.com/ok)';

/**
 * A Sentinel hunting query whose text fields carry XSS payloads. `window.__xss` is what the
 * browser test watches: the `onerror` payload would set it if it ever became markup.
 */
const XSS_RULE_YAML = `id: 9e0f5c0e-0000-4000-8000-00000000dead
name: ${JSON.stringify(XSS_RULE_NAME)}
description: |
  ${XSS.flag}
  ${XSS.img} ${XSS.svg} ${XSS.script}
  ${XSS_MARKDOWN}
requiredDataConnectors:
  - connectorId: MicrosoftThreatProtection
    dataTypes:
      - DeviceProcessEvents
tactics:
  - Execution
relevantTechniques:
  - T1059
tags:
  - ${JSON.stringify(XSS.svg)}
query: |
  DeviceProcessEvents
  | where ProcessCommandLine has "${XSS.svg.replaceAll('"', '')}"
`;

export interface SyncedCorpus {
  store: SqliteCatalogStore;
  report: SyncReport;
  dispose(): void;
}

/**
 * Syncs the real `corpus/azure-sentinel` folder plus a one-rule XSS fixture folder into a
 * temp catalog, through a configuration file written the way a user writes one.
 */
export async function syncedCorpus(): Promise<SyncedCorpus> {
  const dir = tempDir('socfeed-web-e2e-');
  const fixture = join(dir, 'xss-fixture');
  mkdirSync(join(fixture, 'Hunting Queries'), { recursive: true });
  writeFileSync(join(fixture, 'Hunting Queries', 'xss.yaml'), XSS_RULE_YAML);
  const xssSource = {
    name: 'XSS-Fixture',
    format: 'sentinel',
    dir: fixture,
    repo: 'https://github.com/example/xss-fixture',
    ref: 'main',
    paths: ['Hunting Queries/**'],
    tags: ['fixture'],
  };
  const { config } = writeConfig(dir, [AZURE_SENTINEL_SOURCE, xssSource]);
  const report = await runSync(config);
  const store = SqliteCatalogStore.open(config.db);
  return {
    store,
    report,
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** GET `path` from a running server, asserting 200, as JSON. */
export async function getJson<T>(baseUrl: string, path: string): Promise<T> {
  const res = await fetch(baseUrl + path);
  assert.equal(res.status, 200, path);
  return (await res.json()) as T;
}

/** The reference rule of PRODUCT.md through the server's API: searched for, matched on its path. */
export async function referenceRule(baseUrl: string): Promise<Rule> {
  const hits = await getJson<{ rules: RuleSummary[] }>(baseUrl, '/api/rules?q=addigy&source=Azure-Sentinel&limit=50');
  const rules = await Promise.all(hits.rules.map((r) => getJson<Rule>(baseUrl, `/api/rules/${encodeURIComponent(r.id)}`)));
  const reference = rules.find((r) => r.path === REFERENCE_RULE_PATH);
  assert.ok(reference, 'the reference rule is in the catalog');
  return reference;
}
