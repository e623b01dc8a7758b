import type { RuleFilters, RuleSort } from '../store/catalog-store.js';

/**
 * The feed's state as a URL: `q`, repeated filter parameters (`?technique=T1219&technique=T1059`),
 * `flagged=1`, `sort`, `page`. Parsing and building live together so every link the app draws
 * round-trips to the same view.
 */

/** Multi-valued filter parameters, in the order the feed shows them. */
export const FILTER_PARAMS = ['source', 'language', 'kind', 'severity', 'confidence', 'tactic', 'technique', 'table', 'tag'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export const SORTS: readonly RuleSort[] = ['relevance', 'changed', 'name', 'severity'];
export const PAGE_SIZE = 25;

/** Guards against absurd URLs: longer values and extra repeats are dropped. */
const MAX_VALUE_LENGTH = 200;
const MAX_VALUES = 50;
const MAX_PAGE = 100_000;

export interface FeedState {
  filters: RuleFilters;
  sort: RuleSort;
  /** 1-based. */
  page: number;
}

function valuesOf(params: URLSearchParams, name: string): string[] {
  const seen = new Set<string>();
  for (const v of params.getAll(name)) {
    const value = v.trim();
    if (value && value.length <= MAX_VALUE_LENGTH && seen.size < MAX_VALUES) seen.add(value);
  }
  return [...seen];
}

/** Filters from a query string; ATT&CK ids are upper-cased (`t1219` → `T1219`); unknown parameters ignored. */
export function filtersFromQuery(params: URLSearchParams): RuleFilters {
  const filters: RuleFilters = {};
  const text = (params.get('q') ?? '').trim().slice(0, MAX_VALUE_LENGTH);
  if (text) filters.text = text;
  for (const name of FILTER_PARAMS) {
    let values = valuesOf(params, name);
    if (name === 'technique' || name === 'tactic') values = values.map((v) => v.toUpperCase());
    if (values.length > 0) filters[name] = values;
  }
  const flagged = params.get('flagged');
  if (flagged === '1' || flagged === 'true') filters.flagged = true;
  const problems = params.get('problems');
  if (problems === '1' || problems === 'true') filters.problems = true;
  return filters;
}

/** Sort from the query; default is relevance when searching, last change otherwise. */
export function sortFromQuery(params: URLSearchParams, filters: RuleFilters): RuleSort {
  const sort = params.get('sort') as RuleSort | null;
  if (sort && SORTS.includes(sort) && (sort !== 'relevance' || filters.text)) return sort;
  return filters.text ? 'relevance' : 'changed';
}

/** The whole feed state; a page number that is not a positive integer becomes 1. */
export function parseFeedQuery(params: URLSearchParams): FeedState {
  const filters = filtersFromQuery(params);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    filters,
    sort: sortFromQuery(params, filters),
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

/** Query string (with leading `?`, or empty) for filters plus optional sort and page; defaults omitted. */
export function feedQueryString(filters: RuleFilters, sort?: RuleSort, page?: number): string {
  const params = new URLSearchParams();
  if (filters.text) params.set('q', filters.text);
  for (const name of FILTER_PARAMS) for (const v of filters[name] ?? []) params.append(name, v);
  if (filters.flagged) params.set('flagged', '1');
  if (filters.problems) params.set('problems', '1');
  if (sort && sort !== (filters.text ? 'relevance' : 'changed')) params.set('sort', sort);
  if (page && page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** Link to the feed showing those filters. */
export function feedUrl(filters: RuleFilters, sort?: RuleSort, page?: number): string {
  return `/${feedQueryString(filters, sort, page)}`;
}

/** The same filters with one value of one parameter removed (the "×" of an active filter). */
export function withoutValue(filters: RuleFilters, name: FilterParam | 'q' | 'flagged' | 'problems', value?: string): RuleFilters {
  const next: RuleFilters = { ...filters };
  if (name === 'q') delete next.text;
  else if (name === 'flagged') delete next.flagged;
  else if (name === 'problems') delete next.problems;
  else {
    const rest = (filters[name] ?? []).filter((v) => v !== value);
    if (rest.length > 0) next[name] = rest;
    else delete next[name];
  }
  return next;
}
