import type { AttackKnowledgeBase } from '../../attack/index.js';
import type { CatalogStore, CoverageEntry, RuleFilters } from '../../store/catalog-store.js';
import { coverageMatrix, type CoverageMatrix } from './coverage-matrix.js';
import type { CoverageQuery } from './coverage-query.js';
import { techniqueStats, type TechniqueStats } from './coverage-stats.js';

/** Everything a coverage view or export shows for one query. */
export interface CoverageData {
  query: CoverageQuery;
  stats: Map<string, TechniqueStats>;
  matrix: CoverageMatrix;
}

/** Whether an entry passes the coverage filters (each a list of accepted values; absent = any). */
function matches(e: CoverageEntry, filters: RuleFilters): boolean {
  const ok = (values: string[] | undefined, value: string | null) => !values?.length || (value !== null && values.includes(value));
  return ok(filters.source, e.source) && ok(filters.language, e.language) && ok(filters.kind, e.kind) && ok(filters.status, e.status);
}

/**
 * Aggregates the entries matching the query's filters. The coverage filters are all rule
 * columns, so they are applied here to the unfiltered entries, which the web app's store keeps
 * per sync: no query per request (reading the entries joins every rule, ~0.1 s on 9k rules).
 * Confidence is read only when asked for (`withConfidence`, or the confidence shading): the
 * first read per sync scans every stored enrichment.
 */
export function loadCoverage(store: CatalogStore, attack: AttackKnowledgeBase, query: CoverageQuery, withConfidence = false): CoverageData {
  const confidences = withConfidence || query.shade === 'confidence' ? store.ruleConfidences() : null;
  const all = store.coverageEntries({});
  const filtered = Object.values(query.filters).some((v) => Array.isArray(v) && v.length > 0);
  const entries = filtered ? all.filter((e) => matches(e, query.filters)) : all;
  const stats = techniqueStats(entries, { have: query.have, confidences });
  return { query, stats, matrix: coverageMatrix(attack, stats, query.have !== null) };
}

/** Every active technique and sub-technique of the matrix once, sorted by id (as the knowledge base lists them). */
export function uniqueTechniques(attack: AttackKnowledgeBase): { id: string; name: string; parentId: string | null; tactics: string[]; url: string }[] {
  return attack
    .allTechniques()
    .filter((t) => !t.revoked && !t.deprecated)
    .map((t) => ({ id: t.id, name: t.name, parentId: t.parentId, tactics: t.tactics, url: t.url }));
}

/** `source Azure-Sentinel, language kql` — the query's filters in words (layer names, CSV headers). */
export function describeFilters(query: CoverageQuery): string {
  const parts = (['source', 'language', 'kind', 'status'] as const).flatMap((k) => (query.filters[k]?.length ? [`${k} ${query.filters[k]!.join(' or ')}`] : []));
  return parts.length ? parts.join(', ') : 'all rules';
}
