/** Public surface of enrichment: import from here. */
export { enrichRule, type EnrichContext } from './enrich-rule.js';
export { ENRICHMENT_VERSION } from './enrichment.js';
export type * from './enrichment.js';
export type { LintSummary } from './steps/confidence.js';
