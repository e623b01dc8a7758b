/** KQL-for-Kibana (kuery) and Lucene analysis, at token level: `field:value` comparisons, ranges and negation. */
import type { QueryLanguage } from '../../catalog/rule.js';
import { emptyAnalysis, type QueryAnalysis } from '../query-analysis.js';
import { scanComparisons, type ComparisonSyntax } from './comparisons.js';

const LIMITS = [
  'Read by pattern, not parsed: a comparison is reported negated when a `not` applies to it or to a parenthesized group around it; `or` branches are not told apart.',
  'Bare search terms without a field are not listed.',
];

const SYNTAX: ComparisonSyntax = {
  operators: [':', '>=', '<=', '>', '<'],
  groupNegation: /\b(not|NOT)\s*$/,
  negation: /(\bnot\s+|\bNOT\s+|(^|[\s(])-)$/,
};

/** Analyzes a kuery or Lucene query; `indices` are the rule's index patterns. Never throws. */
export function analyzeKuery(query: string, language: Extract<QueryLanguage, 'kuery' | 'lucene'>, indices: string[]): QueryAnalysis {
  const analysis = emptyAnalysis(language, LIMITS);
  analysis.parsed = query.trim() !== '';
  for (const index of indices) analysis.sources.push({ name: index, kind: 'index' });
  const filters = scanComparisons(query, SYNTAX).map((f) => {
    // Lucene `_exists_:field` tests the named field.
    if (f.field === '_exists_') return { ...f, field: f.values[0] ?? null, operator: 'exists', values: [] };
    if (f.values.length === 1 && f.values[0] === '*') return { ...f, operator: 'exists', values: [] };
    return f;
  });
  analysis.filters = filters;
  analysis.columns = [...new Set(filters.flatMap((f) => (f.field ? [f.field] : [])))];
  analysis.filteredColumns = analysis.columns;
  return analysis;
}
