/** Public surface of query analysis: import from here. */
export { analyzeRuleQuery } from './analyze-rule-query.js';
export { comparedLiterals, emptyAnalysis } from './query-analysis.js';
export type * from './query-analysis.js';
