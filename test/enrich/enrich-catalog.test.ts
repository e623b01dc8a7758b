import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import type { SocfeedConfig } from '../../src/config/config-types.js';
import { ENRICHMENT_VERSION } from '../../src/enrich/index.js';
import { enrichAndLint, enrichCatalog } from '../../src/enrich/persist/enrich-catalog.js';
import { enrichFreshRules } from '../../src/enrich/persist/enrich-fresh.js';
import { enrichOnWorkers } from '../../src/enrich/persist/enrich-pool.js';
import { loadTableSchemas } from '../../src/kql/schema/load-schemas.js';
import { outdatedRuleIds, readEnrichment } from '../../src/enrich/persist/enrichment-rows.js';
import { openCatalogDb } from '../../src/store/open-catalog-db.js';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import { runSync } from '../../src/sync/run-sync.js';
import { ATTACK_BUNDLE, CORPUS, SCHEMAS } from '../helpers/shared.js';

const RMM = join(CORPUS, 'azure-sentinel/Hunting Queries/Microsoft 365 Defender/RemoteManagementMonitoring');

/** A configuration with one dir source `local` over `src` (its *.yaml files), catalog in `dir`. */
function localConfig(dir: string, src: string, source: { repo?: string | null; tags?: string[] } = {}): SocfeedConfig {
  return {
    sources: [{ name: 'local', format: 'sentinel', location: { kind: 'dir', path: src }, paths: ['*.yaml'], repo: source.repo ?? null, ref: null, tags: source.tags ?? [], manifest: null }],
    attack: { kind: 'file', path: ATTACK_BUNDLE },
    db: join(dir, 'catalog.db'),
    maxFileBytes: 1_000_000,
    origin: 'test',
  };
}

/** Runs `fn` over a fresh temp folder whose `rules/` holds copies of the named RMM corpus files; removes the folder after. */
async function withRules(files: string[], fn: (dir: string, src: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'socfeed-enrich-'));
  try {
    const src = join(dir, 'rules');
    mkdirSync(src);
    for (const f of files) copyFileSync(join(RMM, f), join(src, f));
    await fn(dir, src);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('sync stores each rule\'s enrichment, recomputes only changed rules, and a re-sync with no change computes nothing', async () => {
  await withRules(['rmm_Addigy_netconn.yaml', 'rmm_AnyDesk_netconn.yaml', 'rmm_Atera_netconn.yaml'], async (dir, src) => {
    const config = localConfig(dir, src, { tags: ['official'] });
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
  });
});

test('the parse step enriches new rules exactly as the pass would from the stored rule, and a flag set after parsing is taken into account', async () => {
  await withRules(['rmm_Addigy_netconn.yaml'], async (dir, src) => {
    // Two files with AnyDesk's upstream id: sync flags both duplicate-upstream-id after parsing, which changes their content hash.
    const anydesk = readFileSync(join(RMM, 'rmm_AnyDesk_netconn.yaml'), 'utf8');
    writeFileSync(join(src, 'dup-a.yaml'), anydesk);
    writeFileSync(join(src, 'dup-b.yaml'), anydesk.replace(/^name: .*$/m, 'name: AnyDesk network connection, second copy'));
    const config = localConfig(dir, src, { repo: 'https://example.org/rules' });
    const notes: string[] = [];
    const reporter = { progress() {}, sourceDone() {}, note: (n: string) => notes.push(n) };
    await runSync(config, { reporter });
    assert.ok(notes.includes('enriched and linted 3 rules'), notes.join(' | '));
    const kb = loadAttackKnowledgeBase(ATTACK_BUNDLE);
    const db = openCatalogDb(config.db, { create: false });
    try {
      const store = new SqliteCatalogStore(db);
      const rules = store.getRules(store.allRuleIds());
      assert.equal(rules.length, 3);
      for (const rule of rules) assert.deepEqual(readEnrichment(db, rule.id), enrichAndLint(rule, kb, null), rule.path);
      // No schemas: the confidence says the query parses, and claims no binding.
      const reasons = rules.flatMap((r) => readEnrichment(db, r.id)!.enrichment.confidence.reasons.map((x) => x.text));
      assert.ok(reasons.includes('The query parses cleanly.'), reasons.join(' | '));
      assert.ok(!reasons.some((t) => /bind/.test(t)), reasons.join(' | '));
      const dups = rules.filter((r) => r.path.startsWith('dup-'));
      assert.equal(dups.length, 2);
      for (const rule of dups) {
        const reasons = readEnrichment(db, rule.id)!.enrichment.confidence.reasons.map((r) => r.text);
        assert.ok(reasons.some((t) => /flagged \(.*duplicate-upstream-id/.test(t)), reasons.join(' | '));
      }
    } finally {
      db.close();
    }

    // Everything parsed again, nothing changed: nothing is enriched again.
    notes.length = 0;
    await runSync(config, { reporter, full: true });
    assert.ok(!notes.some((n) => n.startsWith('enriched')), notes.join(' | '));
  });
});

test('enrichFreshRules leaves out the rules the catalog already holds with the same content hash', async () => {
  await withRules(['rmm_Addigy_netconn.yaml'], async (dir, src) => {
    const config = localConfig(dir, src);
    await runSync(config);
    const store = SqliteCatalogStore.open(config.db, { create: false });
    const [rule] = store.getRules(store.allRuleIds());
    store.close();
    const attack = loadAttackKnowledgeBase(ATTACK_BUNDLE);
    const same = enrichFreshRules([rule!], { attack, schemas: null, storedHashes: new Map([[rule!.id, rule!.contentHash]]) });
    assert.deepEqual(same, []);
    const changed = enrichFreshRules([rule!], { attack, schemas: null, storedHashes: new Map([[rule!.id, 'another hash']]) });
    assert.deepEqual(changed, [{ ruleId: rule!.id, contentHash: rule!.contentHash, stored: enrichAndLint(rule!, attack, null) }]);
  });
});

test('enrichment on worker threads (a version bump or new schemas over a big catalog) gives what enrichAndLint gives here', async () => {
  await withRules(['rmm_Addigy_netconn.yaml', 'rmm_AnyDesk_netconn.yaml', 'rmm_Atera_netconn.yaml'], async (dir, src) => {
    const config = localConfig(dir, src);
    await runSync(config);
    const store = SqliteCatalogStore.open(config.db, { create: false });
    const rules = store.getRules(store.allRuleIds());
    store.close();
    const schemas = [...loadTableSchemas([join(SCHEMAS, 'defender')]).tables.values()];
    const got = new Map<string, unknown>();
    await enrichOnWorkers(rules.map((r) => () => [r]), { attackPath: ATTACK_BUNDLE, schemas }, 2, (batch, stored) => batch.forEach((r, i) => got.set(r.id, stored[i])));
    const kb = loadAttackKnowledgeBase(ATTACK_BUNDLE);
    assert.equal(got.size, 3);
    for (const rule of rules) assert.deepEqual(got.get(rule.id), enrichAndLint(rule, kb, schemas), rule.path);
  });
});
