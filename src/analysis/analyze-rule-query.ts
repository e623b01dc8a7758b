/** The one entry point of query analysis: a rule in, its `QueryAnalysis` out, whatever its language. */
import type { Rule } from '../catalog/rule.js';
import { analyzeKql } from './kql.js';
import { emptyAnalysis, type QueryAnalysis } from './query-analysis.js';
import { analyzeSigma } from './sigma.js';
import { analyzeEql } from './text-query/eql.js';
import { analyzeEsql } from './text-query/esql.js';
import { analyzeKuery } from './text-query/kuery.js';
import { analyzeSpl } from './text-query/spl.js';

/** The index patterns a rule declares (Elastic `index`, else its data sources). */
function indicesOf(rule: Pick<Rule, 'extra' | 'dataSources'>): string[] {
  const index = rule.extra['index'];
  if (Array.isArray(index)) return index.filter((i): i is string => typeof i === 'string');
  return rule.dataSources;
}

/** Analyzes a rule's query by its language; never throws (an unknown language or an empty query gives an empty analysis saying so). */
export function analyzeRuleQuery(rule: Pick<Rule, 'language' | 'query' | 'extra' | 'dataSources'>): QueryAnalysis {
  if (rule.query.trim() === '' && rule.language !== 'sigma') {
    const empty = emptyAnalysis(rule.language, ['The rule has no query.']);
    empty.parsed = false;
    return empty;
  }
  switch (rule.language) {
    case 'kql':
      return analyzeKql(rule.query);
    case 'sigma':
      return analyzeSigma(rule);
    case 'eql':
      return analyzeEql(rule.query, indicesOf(rule));
    case 'kuery':
    case 'lucene':
      return analyzeKuery(rule.query, rule.language, indicesOf(rule));
    case 'esql':
      return analyzeEsql(rule.query);
    case 'spl':
      return analyzeSpl(rule.query);
    default: {
      const unknown = emptyAnalysis(rule.language, [`The query language is not one we analyze; the query is shown as written.`]);
      unknown.sources = rule.dataSources.map((name) => ({ name, kind: 'index' as const }));
      return unknown;
    }
  }
}
