/** EQL (Elastic Event Query Language) analysis, at token level: event categories, comparisons, function tests, sequence keys. */
import { emptyAnalysis, type AnalysisFilter, type QueryAnalysis } from '../query-analysis.js';
import { blankComments, scanComparisons, splitValues, type ComparisonSyntax } from './comparisons.js';

const LIMITS = [
  'EQL is read by pattern, not parsed: a comparison is reported negated when a `not` applies to it or to a parenthesized group around it; `or` branches are not told apart.',
  'Sequence steps are merged: filters are not attributed to the step they belong to.',
];

const SYNTAX: ComparisonSyntax = {
  operators: ['not in~', 'not in', 'like~', 'regex~', 'in~', '==', '!=', ':~', '>=', '<=', 'like', 'regex', 'in', ':', '>', '<'],
  groupNegation: /\bnot\s*$/i,
  negation: /\bnot\s*$/i,
  caseInsensitive: true,
};

/** `startsWith~(process.name, "a", "b")`, `cidrMatch(destination.ip, "10.0.0.0/8")`. */
const FUNCTION_TEST = /\b(startsWith~?|endsWith~?|stringContains~?|wildcard~?|cidrMatch|match~?)\s*\(\s*([\w.@]+)\s*,((?:[^()"]|"(?:[^"\\]|\\.)*")*)\)/gi;

/** Analyzes an EQL query; `indices` are the rule's index patterns. Never throws. */
export function analyzeEql(query: string, indices: string[]): QueryAnalysis {
  const analysis = emptyAnalysis('eql', LIMITS);
  analysis.parsed = query.trim() !== '';
  const text = blankComments(query, /\/\/[^\n]*|\/\*[\s\S]*?\*\//);
  for (const index of indices) analysis.sources.push({ name: index, kind: 'index' });
  const categories = new Set<string>();
  for (const m of text.matchAll(/(?:^|\[|\|)\s*([a-z_]+)\s+where\b/gim)) categories.add(m[1]!.toLowerCase());
  for (const c of categories) analysis.sources.push({ name: c, kind: 'event-category' });

  const filters: AnalysisFilter[] = scanComparisons(text, SYNTAX);
  for (const m of text.matchAll(FUNCTION_TEST)) {
    const before = text.slice(Math.max(0, m.index! - 8), m.index!);
    filters.push({ field: m[2]!, operator: m[1]!, values: splitValues(`(${m[3]})`), negated: /\bnot\s*$/i.test(before) });
  }
  analysis.filters = filters;
  analysis.columns = [...new Set(filters.map((f) => f.field!))];
  analysis.filteredColumns = analysis.columns;
  const seq = /^\s*sequence\b([^\n\[]*)/im.exec(text);
  if (seq) {
    const by = /\bby\s+([\w.@]+(?:\s*,\s*[\w.@]+)*)/i.exec(seq[1]!);
    const span = /maxspan\s*=\s*(\w+)/i.exec(seq[1]!);
    analysis.aggregations.push({ keys: by ? by[1]!.split(/\s*,\s*/) : [], aggregates: [span ? `sequence maxspan=${span[1]}` : 'sequence'] });
  }
  return analysis;
}
