import type { RuleFilters } from '../../store/catalog-store.js';
import { filtersFromQuery } from '../feed-query.js';

/**
 * The coverage page's state as a URL, shared by `/coverage`, `/coverage/layer.json`,
 * `/coverage.csv`, `/api/coverage` and `socfeed coverage`: filters (`source`, `language`,
 * `kind`, `status`), the tables the user has (`have`, repeated) and the shading.
 */

/** `count`: rules per technique; `confidence`: best confidence of its rules; `data`: runnable with the data I have. */
export type CoverageShade = 'count' | 'confidence' | 'data';
export const SHADES: readonly CoverageShade[] = ['count', 'confidence', 'data'];

export interface CoverageQuery {
  /** Only source, language, kind and status: a technique or text filter would empty the matrix. */
  filters: RuleFilters;
  /** The tables / log sources the user collects; null when none was chosen (no data view). */
  have: string[] | null;
  shade: CoverageShade;
}

const MAX_VALUE_LENGTH = 200;
const MAX_HAVE = 1000;

function distinct(values: string[], max: number): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v && v.length <= MAX_VALUE_LENGTH))].slice(0, max);
}

/** The coverage state from a query string; unknown parameters and shades ignored. */
export function parseCoverageQuery(params: URLSearchParams): CoverageQuery {
  const all = filtersFromQuery(params);
  const filters: RuleFilters = {};
  if (all.source) filters.source = all.source;
  if (all.language) filters.language = all.language;
  if (all.kind) filters.kind = all.kind;
  const status = distinct(params.getAll('status'), 50);
  if (status.length) filters.status = status;
  const haveValues = distinct(params.getAll('have'), MAX_HAVE);
  const asked = params.get('shade') as CoverageShade | null;
  // `shade=data` with no table ticked is a real answer ("I have none of these"), hence [] not null.
  const have = haveValues.length > 0 || asked === 'data' ? haveValues : null;
  const shade = asked && SHADES.includes(asked) ? asked : have ? 'data' : 'count';
  return { filters, have: shade === 'data' ? (have ?? []) : have, shade };
}

/** The query string (with `?`, or empty) of a coverage state; defaults omitted. */
export function coverageQueryString(q: CoverageQuery, overrides: Partial<CoverageQuery> = {}): string {
  const s = { ...q, ...overrides };
  const params = new URLSearchParams();
  for (const name of ['source', 'language', 'kind', 'status'] as const) for (const v of s.filters[name] ?? []) params.append(name, v);
  for (const t of s.have ?? []) params.append('have', t);
  const implied = s.have && s.have.length > 0 ? 'data' : 'count';
  if (s.shade !== implied) params.set('shade', s.shade);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
