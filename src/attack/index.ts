/** Public surface of the ATT&CK knowledge base: import from here. */
export { loadAttackKnowledgeBase, type LoadAttackOptions } from './knowledge-base.js';
export type * from './model.js';
export { parseTechniqueId, tacticKey } from './ids.js';
export { removeCitations, summarize } from './text.js';
export {
  dataComponentUrl,
  detectionStrategyUrl,
  groupUrl,
  mitigationUrl,
  softwareUrl,
  tacticUrl,
  techniqueUrl,
} from './urls.js';
