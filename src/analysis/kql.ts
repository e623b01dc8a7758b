/** KQL query analysis: the frontend's syntax-tree facts, in the shape shared by every language. */
import { kqlQueryFacts, type KqlQueryFacts, type KqlTimeBound } from '../kql/frontend/analysis/query-facts.js';
import { emptyAnalysis, type QueryAnalysis, type TimeWindow } from './query-analysis.js';

const LIMITS = [
  'Columns are read from the syntax alone: a name the query computes with a `let` function or `evaluate` plugin may be listed as a column.',
  'Values computed at run time (`toscalar`, lookups, watchlists) are not resolved.',
];

/** The widest window the query's time bounds set (the largest look-back), or null when it sets none. */
export function timeWindowOf(bounds: KqlTimeBound[]): TimeWindow | null {
  let best: KqlTimeBound | null = null;
  for (const b of bounds) {
    if (b.fromMs === null) continue;
    if (!best || b.fromMs < best.fromMs!) best = b;
  }
  const chosen = best ?? bounds[0];
  if (!chosen) return null;
  return {
    column: chosen.column,
    lookbackMs: chosen.fromMs === null ? null : -chosen.fromMs,
    toMs: chosen.toMs,
    text: chosen.text,
  };
}

/** Analyzes a KQL query; never throws. */
export function analyzeKql(query: string): QueryAnalysis {
  return kqlAnalysisFromFacts(query, kqlQueryFacts(query));
}

/** The analysis of a KQL query from facts already read (lint reads them from its bound tree, saving a parse). */
export function kqlAnalysisFromFacts(query: string, facts: KqlQueryFacts): QueryAnalysis {
  const analysis = emptyAnalysis('kql', LIMITS);
  analysis.parsed = facts.syntaxErrors.length === 0 && query.trim() !== '';
  analysis.syntaxErrors = facts.syntaxErrors;
  analysis.sources = facts.sources.map((s) => ({ name: s.name, kind: s.kind }));
  analysis.columns = facts.columnsRead;
  analysis.filteredColumns = facts.columnsFiltered;
  analysis.filters = facts.predicates.map((p) => ({
    field: p.field,
    operator: p.operator,
    values: p.values,
    negated: p.negated,
    group: p.clause,
    line: p.line,
    column: p.column,
  }));
  analysis.timeWindow = timeWindowOf(facts.timeBounds);
  analysis.thresholds = facts.thresholds.map((t) => ({ ...t }));
  analysis.aggregations = facts.aggregations.map((a) => ({ keys: a.keys, aggregates: a.aggregates }));
  analysis.joins = facts.joins.map((j) => ({ ...j }));
  return analysis;
}
