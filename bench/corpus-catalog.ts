/**
 * The whole shared corpus as catalog rules, for the enrichment benchmark and the specificity
 * script: syncs `config/shared-corpus.json` into a fresh temporary catalog (or opens the one
 * given), then reads every rule back through the store.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadAttackKnowledgeBase, type AttackKnowledgeBase } from '../src/attack/index.js';
import type { Rule } from '../src/catalog/rule.js';
import { loadConfigFile } from '../src/config/load-config.js';
import { SqliteCatalogStore } from '../src/store/sqlite-store.js';
import { runSync } from '../src/sync/run-sync.js';

/** Every rule of the shared corpus and the ATT&CK knowledge base; `db` reuses an existing catalog instead of syncing. */
export async function corpusCatalog(db?: string): Promise<{ rules: Rule[]; attack: AttackKnowledgeBase; db: string }> {
  const config = loadConfigFile(resolve(import.meta.dirname, '../config/shared-corpus.json'));
  config.db = db ? resolve(db) : join(mkdtempSync(join(tmpdir(), 'socfeed-corpus-')), 'catalog.db');
  if (!db || !existsSync(config.db)) await runSync(config);
  if (config.attack.kind !== 'file') throw new Error('config/shared-corpus.json must name a local ATT&CK bundle');
  const attack = loadAttackKnowledgeBase(config.attack.path);
  const store = SqliteCatalogStore.open(config.db, { create: false });
  try {
    return { rules: store.getRules(store.allRuleIds()), attack, db: config.db };
  } finally {
    store.close();
  }
}
