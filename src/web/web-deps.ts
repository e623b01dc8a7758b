import type { CatalogStore } from '../store/catalog-store.js';
import type { AttackKnowledgeBase } from '../attack/index.js';

/** What every route reads from: the catalog and ATT&CK. */
export interface WebDeps {
  store: CatalogStore;
  attack: AttackKnowledgeBase;
}
