import type { CatalogStore } from '../store/catalog-store.js';
import type { AttackKnowledgeBase } from '../attack/index.js';
import type { TableSchema } from '../kql/index.js';

/** What every route reads from: the catalog, ATT&CK, and the table schemas hunts may use. */
export interface WebDeps {
  store: CatalogStore;
  attack: AttackKnowledgeBase;
  /**
   * Absolute URL of the site for links that must be absolute (Atom, Navigator layer). Undefined:
   * the request's own origin; null: none known (a static export without a base URL).
   */
  publicUrl?: string | null;
  /** Table schemas by name (synthetic telemetry, typing uploads); absent or empty when none were given. */
  schemas?: ReadonlyMap<string, TableSchema>;
}

/** The absolute base URL for a request (no trailing slash), or null when none is known. */
export function publicBase(deps: WebDeps, requestUrl: string): string | null {
  if (deps.publicUrl === null) return null;
  return (deps.publicUrl ?? new URL(requestUrl).origin).replace(/\/+$/, '');
}
