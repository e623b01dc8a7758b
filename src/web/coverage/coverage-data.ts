import type { AttackKnowledgeBase } from '../../attack/index.js';
import type { CatalogStore } from '../../store/catalog-store.js';
import { coverageMatrix, type CoverageMatrix } from './coverage-matrix.js';
import type { CoverageQuery } from './coverage-query.js';
import { techniqueStats, type TechniqueStats } from './coverage-stats.js';

/** Everything a coverage view or export shows for one query. */
export interface CoverageData {
  query: CoverageQuery;
  stats: Map<string, TechniqueStats>;
  matrix: CoverageMatrix;
}

/**
 * Reads the entries matching the query's filters and aggregates them. Confidence is read only
 * when asked for (`withConfidence`, or the confidence shading): the first read per sync costs
 * a scan of every stored enrichment.
 */
export function loadCoverage(store: CatalogStore, attack: AttackKnowledgeBase, query: CoverageQuery, withConfidence = false): CoverageData {
  const confidences = withConfidence || query.shade === 'confidence' ? store.ruleConfidences() : null;
  const stats = techniqueStats(store.coverageEntries(query.filters), { have: query.have, confidences });
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
