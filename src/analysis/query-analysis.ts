/**
 * The analysis of one rule's query, the same shape for every language: what data it reads,
 * which fields it compares against which literals (with operator and negation), its time
 * window, thresholds, aggregations and joins. Enrichment and lint read this, never the query.
 */
import type { QueryLanguage } from '../catalog/rule.js';

/** Where data comes from: a table, a function (ASIM parser, workspace function), a Sigma log source, an index, a Splunk sourcetype / macro / data model. */
export interface AnalysisSource {
  name: string;
  kind: 'table' | 'function' | 'logsource' | 'index' | 'event-category' | 'sourcetype' | 'macro' | 'datamodel' | 'lookup';
}

/** One comparison of a field against literal values. */
export interface AnalysisFilter {
  /** Field or column; null for keyword searches (Sigma keywords, bare SPL terms). */
  field: string | null;
  /** Operator as the language writes it (`has_any`, `contains|all`, `:`, `IN`, `==` …). */
  operator: string;
  values: string[];
  negated: boolean;
  /** Sigma: the selection it belongs to; KQL: `where` or `other`. */
  group?: string;
  /** 1-based position in the query, when known. */
  line?: number;
  column?: number;
}

/** The time range a query looks back over, when it sets one itself. */
export interface TimeWindow {
  column: string | null;
  /** How far back from now, in ms; null when the bounds are not relative to now. */
  lookbackMs: number | null;
  /** Upper bound relative to now, in ms (0 for `now()`); null when open. */
  toMs: number | null;
  /** The window as written (`Timestamp between (Time_start..Time_end)`, `timeframe: 5m`). */
  text: string;
}

export interface Threshold {
  field: string;
  operator: string;
  value: number;
  text: string;
}

export interface Aggregation {
  keys: string[];
  aggregates: string[];
}

export interface Join {
  operator: string;
  kind: string | null;
  tables: string[];
  on: string[];
}

/** A Sigma selection, as written in the detection block. */
export interface SigmaSelection {
  name: string;
  /** True when the condition uses it under `not`. */
  negated: boolean;
  filters: AnalysisFilter[];
}

/** The Sigma-specific part: log source, selections and condition. */
export interface SigmaDetection {
  logsource: { product?: string; category?: string; service?: string; definition?: string };
  selections: SigmaSelection[];
  condition: string[];
  timeframe: string | null;
}

/** Everything `analyzeRuleQuery` says about a rule's query. */
export interface QueryAnalysis {
  language: QueryLanguage;
  /** False when the query could not be read fully (KQL syntax errors, Sigma YAML errors, empty query). */
  parsed: boolean;
  syntaxErrors: { message: string; line: number; column: number }[];
  sources: AnalysisSource[];
  /** Fields the query reads, in order of first use. */
  columns: string[];
  /** Fields the query filters rows on. */
  filteredColumns: string[];
  filters: AnalysisFilter[];
  timeWindow: TimeWindow | null;
  thresholds: Threshold[];
  aggregations: Aggregation[];
  joins: Join[];
  sigma: SigmaDetection | null;
  /** What the extraction for this language cannot see; shown so nobody over-trusts it. */
  limits: string[];
}

/** An analysis with nothing found, for a language: the starting point of every analyzer. */
export function emptyAnalysis(language: QueryLanguage, limits: string[] = []): QueryAnalysis {
  return {
    language,
    parsed: true,
    syntaxErrors: [],
    sources: [],
    columns: [],
    filteredColumns: [],
    filters: [],
    timeWindow: null,
    thresholds: [],
    aggregations: [],
    joins: [],
    sigma: null,
    limits,
  };
}

/** Every distinct literal the query compares against, in order of first appearance (negated filters included). */
export function comparedLiterals(analysis: QueryAnalysis): string[] {
  const seen = new Set<string>();
  for (const f of analysis.filters) for (const v of f.values) if (v.trim() !== '') seen.add(v);
  return [...seen];
}
