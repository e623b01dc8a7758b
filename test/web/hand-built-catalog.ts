import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import { CatalogWriter } from '../../src/store/catalog-writer.js';
import type { Rule } from '../../src/catalog/rule.js';

/** A real SQLite catalog in a temp dir holding exactly `rules`, written the way sync writes. */
export interface HandBuiltCatalog {
  store: SqliteCatalogStore;
  /** Closes the store and deletes the temp dir. */
  dispose(): void;
}

/** Writes `rules` (grouped by source) in one sync; `retrievedAt` is the sync time. */
export function handBuiltCatalog(rules: Rule[], retrievedAt = '2026-12-03T12:30:00.000Z'): HandBuiltCatalog {
  const dir = mkdtempSync(join(tmpdir(), 'socfeed-web-'));
  const store = SqliteCatalogStore.open(join(dir, 'catalog.db'), { create: true });
  const sources = [...new Set(rules.map((r) => r.source))];
  new CatalogWriter(store.db).commitSync({
    startedAt: retrievedAt,
    finishedAt: retrievedAt,
    sources: sources.map((source) => ({
      source,
      upsert: rules.filter((r) => r.source === source),
      removeIds: [],
      upsertFiles: [],
      removeFiles: [],
      state: { commit: null, retrievedAt, contextHash: 'hand-built' },
    })),
    dropSources: [],
    problems: [],
    summary: [],
  });
  store.refresh();
  return {
    store,
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
