import type { FileProblem, Rule, Severity } from '../catalog/rule.js';
import type { StoredEnrichment } from '../enrich/persist/enrichment-rows.js';
import type { ConfidenceLevel } from '../enrich/enrichment.js';

/**
 * The read side of the catalog, as the web app, the CLI and exports see it.
 * Implemented over SQLite in `store/sqlite-store.ts`; this file holds only the contract.
 */

/** Filters shared by the feed page, `/api/rules` and `socfeed search`. Empty means "any". */
export interface RuleFilters {
  /** Full-text query (FTS5 over name, description, query, tags); prefix matching allowed. */
  text?: string;
  source?: string[];
  language?: string[];
  kind?: string[];
  severity?: string[];
  /** Confidence level of the rule's enrichment (`high`, `medium`, `low`). */
  confidence?: string[];
  /** Rule status as the file gives it (`production`, `test`, `experimental` …). */
  status?: string[];
  /** Tactic ids (`TA0011`). */
  tactic?: string[];
  /** Technique ids (`T1219`); a parent id also matches its sub-techniques. */
  technique?: string[];
  /** Tables / log sources. */
  table?: string[];
  tag?: string[];
  /** Only rules that carry problems (flagged) when true. */
  flagged?: boolean;
  /** Only rules whose lint found errors or warnings when true. */
  problems?: boolean;
}

export type RuleSort = 'relevance' | 'changed' | 'name' | 'severity';

export interface RulePage {
  limit: number;
  offset: number;
  sort?: RuleSort;
}

/** What a feed row needs: no raw text, no query. */
export interface RuleSummary {
  id: string;
  name: string;
  description: string;
  source: string;
  format: string;
  language: string;
  kind: string;
  severity: Severity | null;
  severityInferred: boolean;
  status: string | null;
  techniques: { id: string; name: string }[];
  tactics: { id: string; name: string }[];
  dataSources: string[];
  tags: string[];
  flags: string[];
  lastChanged: string;
  /** Snippet with matches wrapped in \u0001 … \u0002 (views escape, then mark), when searching. */
  snippet?: string;
}

export interface SearchResult {
  total: number;
  rules: RuleSummary[];
}

/** Facets the feed counts, each a list of values. */
export type FacetName = 'source' | 'language' | 'kind' | 'severity' | 'confidence' | 'tactic' | 'technique' | 'table' | 'tag';

/**
 * Facet name → value → number of rules matching the current filters, where each facet's own
 * filter is left out (so its other values show what adding them would bring); most frequent
 * first (severity and confidence: most severe / confident first). `flagged` and `problems`
 * count the rules the two yes/no filters would keep.
 */
export type Facets = Record<FacetName, { value: string; label: string; count: number }[]> & {
  flagged?: number;
  problems?: number;
};

/** A value and how many rules have it. */
export interface ValueCount {
  value: string;
  count: number;
}

/** One (rule, technique) pair, with what the rule needs to run: the coverage views aggregate these. */
export interface CoverageEntry {
  techniqueId: string;
  /** `T1059` for `T1059.001`, else null. */
  parentId: string | null;
  ruleId: string;
  name: string;
  source: string;
  language: string;
  kind: string;
  status: string | null;
  /** The rule's tables / log sources. */
  tables: string[];
  /** `all`: the rule reads every table (KQL); `any`: the tables are alternatives (index patterns, Splunk data sources). */
  needs: 'all' | 'any';
}

/** A rule related to another by shared ATT&CK techniques. */
export interface RelatedRule {
  id: string;
  name: string;
  source: string;
  language: string;
  /** How many of the other rule's techniques it shares. */
  shared: number;
}

/** One sync run as recorded in the store. */
export interface SyncRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  /** Per source: counts of the run. */
  sources: SourceSyncSummary[];
}

export interface SourceSyncSummary {
  source: string;
  commit: string | null;
  filesRead: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  ignored: number;
  problems: number;
  /** Rules of the source in the catalog after the sync. */
  rules?: number;
  /** Files that gave no rule and were not ignored (each has an `error` problem). */
  failedFiles?: number;
  /** Of `problems`, how many are warnings (the rule was kept, flagged). */
  warnings?: number;
  /** Set when the whole source could not be synced; its previous rules were kept. */
  error?: string;
}

/** A problem kept from the last sync, with the source it came from. */
export interface StoredProblem extends FileProblem {
  source: string;
}

export interface CatalogStore {
  searchRules(filters: RuleFilters, page: RulePage): SearchResult;
  facets(filters: RuleFilters): Facets;
  getRule(id: string): Rule | null;
  /** The rule's stored enrichment and lint findings; null before the sync's enrichment pass has reached it. */
  enrichment?(id: string): StoredEnrichment | null;
  /** Rules per technique id (parents count their sub-techniques' rules too). */
  coverage(filters: RuleFilters): Map<string, number>;
  /** Every (rule, technique) pair of the rules matching `filters`, ordered by technique then rule name. */
  coverageEntries(filters: RuleFilters): CoverageEntry[];
  /** Confidence level of every enriched rule. */
  ruleConfidences(): Map<string, ConfidenceLevel>;
  /** Rules per status value. */
  statusCounts(): ValueCount[];
  /** Rules of other sources sharing techniques with rule `id`, at most `limit`, sources taking turns. */
  relatedRules?(id: string, limit: number): RelatedRule[];
  /** Rules whose ids are given, in one call (related rules, exports). */
  getRules(ids: string[]): Rule[];
  /** Every rule id (exports). */
  allRuleIds(): string[];
  problems(): StoredProblem[];
  lastSync(): SyncRecord | null;
  close(): void;
}
