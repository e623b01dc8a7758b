import type { CatalogStore, Facets, RuleFilters, RulePage, SearchResult } from '../store/catalog-store.js';

/**
 * The unfiltered feed, its facets and the unfiltered coverage are the most visited views and
 * the most expensive queries (they touch every rule). Their answers change only when a sync
 * lands, so they are kept until `lastSync()` names another run. Filtered queries go straight
 * to the store.
 */

/** Entries kept at most (pages of the unfiltered feed, mostly). */
const MAX_ENTRIES = 64;

function isUnfiltered(filters: RuleFilters): boolean {
  return Object.values(filters).every((v) => v === undefined || v === false || (Array.isArray(v) && v.length === 0) || v === '');
}

/** A `CatalogStore` that answers unfiltered searchRules / facets / coverage from memory while the catalog is unchanged. */
export function withUnfilteredCache(store: CatalogStore): CatalogStore {
  let generation = '';
  const cache = new Map<string, unknown>();

  function remember<T>(key: string, compute: () => T): T {
    const last = store.lastSync();
    const current = last ? `${last.id}@${last.finishedAt ?? ''}` : 'none';
    if (current !== generation) {
      cache.clear();
      generation = current;
    }
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, value);
    return value;
  }

  return {
    searchRules(filters: RuleFilters, page: RulePage): SearchResult {
      if (!isUnfiltered(filters)) return store.searchRules(filters, page);
      return remember(`search:${page.limit}:${page.offset}:${page.sort ?? ''}`, () => store.searchRules(filters, page));
    },
    facets(filters: RuleFilters): Facets {
      return isUnfiltered(filters) ? remember('facets', () => store.facets(filters)) : store.facets(filters);
    },
    coverage(filters: RuleFilters): Map<string, number> {
      return isUnfiltered(filters) ? remember('coverage', () => store.coverage(filters)) : store.coverage(filters);
    },
    coverageEntries(filters: RuleFilters) {
      return isUnfiltered(filters) ? remember('coverageEntries', () => store.coverageEntries(filters)) : store.coverageEntries(filters);
    },
    // Reading every enrichment costs ~0.3 s on a full catalog: once per sync.
    ruleConfidences: () => remember('confidences', () => store.ruleConfidences()),
    statusCounts: () => remember('statuses', () => store.statusCounts()),
    getRule: (id) => store.getRule(id),
    enrichment: (id) => store.enrichment?.(id) ?? null,
    relatedRules: (id, limit) => store.relatedRules?.(id, limit) ?? [],
    getRules: (ids) => store.getRules(ids),
    allRuleIds: () => store.allRuleIds(),
    problems: () => store.problems(),
    lastSync: () => store.lastSync(),
    close: () => store.close(),
  };
}
