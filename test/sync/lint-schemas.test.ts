import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ENRICHMENT_VERSION } from '../../src/enrich/index.js';
import { openCatalogDb } from '../../src/store/open-catalog-db.js';
import { runSync } from '../../src/sync/run-sync.js';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import { CORPUS, REFERENCE_RULE_PATH, SCHEMAS } from '../helpers/shared.js';
import { tempDir, writeConfig } from './sync-fixture.js';

/** Lint codes and names of a stored rule's findings, e.g. `unknown-column AccountUpn`. */
function lintOf(store: SqliteCatalogStore, path: string): string[] {
  const rule = store.getRules(store.allRuleIds()).find((r) => r.path === path)!;
  const stored = store.enrichment(rule.id)!;
  return stored.lint.map((f) => `${f.code} ${/(?:column|table) (\w+)/.exec(f.message)?.[1] ?? ''}`.trim());
}

test('the "schemas" key: lint inside sync binds against those folders (relative to the config file), and changing them re-lints every rule once', async () => {
  const dir = tempDir();
  try {
    // The reference rule, and the rmm-tools variant that groups by AccountUpn.
    const rules = join(dir, 'rules');
    mkdirSync(join(rules, 'sentinel'), { recursive: true });
    mkdirSync(join(rules, 'rmm'));
    copyFileSync(join(CORPUS, 'azure-sentinel', REFERENCE_RULE_PATH), join(rules, 'sentinel/rmm_Addigy_netconn.yaml'));
    copyFileSync(join(CORPUS, 'rmm-tools/RMM/Addigy/rmm_Addigy_netconn.yaml'), join(rules, 'rmm/rmm_Addigy_netconn.yaml'));
    // A schema folder of the user's, beside the configuration: Defender's current DeviceNetworkEvents.
    mkdirSync(join(dir, 'schemas'));
    copyFileSync(join(SCHEMAS, 'defender/DeviceNetworkEvents.json'), join(dir, 'schemas/DeviceNetworkEvents.json'));
    const source = { name: 'local', format: 'sentinel', dir: 'rules', paths: ['**/*.yaml'] };
    const notes: string[] = [];
    const reporter = { progress() {}, sourceDone() {}, note: (n: string) => notes.push(n) };

    const { config } = writeConfig(dir, [source], { schemas: ['schemas'] });
    assert.deepEqual(config.schemas, [join(dir, 'schemas')]);
    await runSync(config, { reporter });
    let store = SqliteCatalogStore.open(config.db, { create: false });
    assert.deepEqual(lintOf(store, 'sentinel/rmm_Addigy_netconn.yaml'), [], 'the reference rule lints clean against Defender');
    assert.deepEqual(lintOf(store, 'rmm/rmm_Addigy_netconn.yaml'), ['unknown-column AccountUpn']);
    const reasons = (path: string) => store.enrichment(store.getRules(store.allRuleIds()).find((r) => r.path === path)!.id)!.enrichment.confidence.reasons.map((r) => r.text);
    assert.ok(reasons('sentinel/rmm_Addigy_netconn.yaml').includes('The query parses and binds cleanly against the table schemas.'));
    assert.ok(reasons('rmm/rmm_Addigy_netconn.yaml').includes('Lint found 1 error binding the query against the table schemas.'));
    store.close();

    // The older Sentinel copy instead: every rule is linted again, once.
    notes.length = 0;
    const older = writeConfig(dir, [source], { schemas: [join(SCHEMAS, 'sentinel')] }).config;
    await runSync(older, { reporter });
    assert.ok(notes.includes('enriched and linted 2 rules'), notes.join(' | '));
    store = SqliteCatalogStore.open(config.db, { create: false });
    assert.deepEqual(lintOf(store, 'sentinel/rmm_Addigy_netconn.yaml'), ['unknown-column InitiatingProcessVersionInfoCompanyName']);
    store.close();

    notes.length = 0;
    await runSync(older, { reporter });
    assert.ok(!notes.some((n) => n.startsWith('enriched')), `nothing changed, nothing re-linted: ${notes.join(' | ')}`);

    // Without schemas the lint is parse-level again: the column problems are gone, and the stamp is the plain version.
    const plain = writeConfig(dir, [source]).config;
    await runSync(plain, { reporter });
    store = SqliteCatalogStore.open(config.db, { create: false });
    assert.deepEqual(lintOf(store, 'rmm/rmm_Addigy_netconn.yaml'), []);
    store.close();
    const db = openCatalogDb(config.db, { create: false });
    assert.deepEqual(db.prepare('SELECT DISTINCT version FROM rule_enrichment').pluck().all(), [ENRICHMENT_VERSION]);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
