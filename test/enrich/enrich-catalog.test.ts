import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import type { SocfeedConfig } from '../../src/config/config-types.js';
import { ENRICHMENT_VERSION } from '../../src/enrich/index.js';
import { enrichCatalog } from '../../src/enrich/persist/enrich-catalog.js';
import { outdatedRuleIds, readEnrichment } from '../../src/enrich/persist/enrichment-rows.js';
import { openCatalogDb } from '../../src/store/open-catalog-db.js';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import { runSync } from '../../src/sync/run-sync.js';
import { ATTACK_BUNDLE, CORPUS } from '../helpers/shared.js';

const RMM = join(CORPUS, 'azure-sentinel/Hunting Queries/Microsoft 365 Defender/RemoteManagementMonitoring');

test('sync stores each rule\'s enrichment, recomputes only changed rules, and a re-sync with no change computes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'socfeed-enrich-'));
  try {
    const src = join(dir, 'rules');
    mkdirSync(src);
    for (const f of ['rmm_Addigy_netconn.yaml', 'rmm_AnyDesk_netconn.yaml', 'rmm_Atera_netconn.yaml']) copyFileSync(join(RMM, f), join(src, f));
    const config: SocfeedConfig = {
      sources: [{ name: 'local', format: 'sentinel', location: { kind: 'dir', path: src }, paths: ['*.yaml'], repo: null, ref: null, tags: ['official'], manifest: null }],
      attack: { kind: 'file', path: ATTACK_BUNDLE },
      db: join(dir, 'catalog.db'),
      maxFileBytes: 1_000_000,
      origin: 'test',
    };
    await runSync(config);
    const db = openCatalogDb(config.db, { create: false });
    try {
      // The sync itself ran the enrichment pass: nothing is outdated.
      assert.deepEqual(outdatedRuleIds(db, ENRICHMENT_VERSION), []);
      const store = new SqliteCatalogStore(db);
      let kb: ReturnType<typeof loadAttackKnowledgeBase> | null = null;
      const options = { attack: () => (kb ??= loadAttackKnowledgeBase(ATTACK_BUNDLE)), attackPath: ATTACK_BUNDLE, schemas: null, loadRules: (ids: string[]) => store.getRules(ids) };
      assert.equal(await enrichCatalog(db, options), 0);
      const ids = store.allRuleIds();
      assert.equal(ids.length, 3);
      assert.deepEqual(outdatedRuleIds(db, ENRICHMENT_VERSION), []);
      const addigy = ids.find((id) => id.includes('addigy'))!;
      const stored = readEnrichment(db, addigy)!;
      assert.match(stored.enrichment.hypothesis, /Addigy/);
      assert.deepEqual(stored.lint, []);
      assert.equal(await enrichCatalog(db, options), 0, 'nothing changed: nothing recomputed');
      assert.deepEqual(outdatedRuleIds(db, 'another-version').length, 3, 'a new version makes every rule outdated');

      // Change one rule: only it is recomputed.
      const file = join(src, 'rmm_Atera_netconn.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^description: /m, 'description: Changed. '));
    } finally {
      db.close();
    }
    const notes: string[] = [];
    await runSync(config, { reporter: { progress() {}, sourceDone() {}, note: (n: string) => notes.push(n) } });
    assert.ok(notes.includes('enriched and linted 1 rule'), notes.join(' | '));
    const db2 = openCatalogDb(config.db, { create: false });
    try {
      assert.deepEqual(outdatedRuleIds(db2, ENRICHMENT_VERSION), []);
      const atera = new SqliteCatalogStore(db2).allRuleIds().find((id) => id.includes('atera'))!;
      assert.match(readEnrichment(db2, atera)!.enrichment.hypothesis, /Atera/);
    } finally {
      db2.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
