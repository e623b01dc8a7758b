/**
 * What enrichment adds to a rule: the sections of the rule page that the rule file alone does
 * not give. Plain data, stored as JSON with the rule.
 */

/**
 * Bumped whenever the enrichment of an unchanged rule would come out different (new step,
 * changed wording, new catalog entries), so sync re-enriches every rule once.
 */
export const ENRICHMENT_VERSION = '1.0.1';

/** Where a false-positive note comes from. */
export type FalsePositiveOrigin = 'declared' | 'technique' | 'filter' | 'attack';

export interface FalsePositiveNote {
  text: string;
  origin: FalsePositiveOrigin;
  /** A concrete tuning step: which column or field to allow-list, with what. Null for declared notes that give none. */
  tuning: string | null;
}

export interface AttackAnalyticRef {
  id: string;
  name: string;
  url: string;
  /** Log sources or data components that made it relevant to this rule's data. */
  matchedOn: string[];
}

export interface AttackTechniqueContext {
  id: string;
  name: string;
  /** Tactic names in matrix order. */
  tactics: string[];
  /** First paragraph of the ATT&CK description, citations removed; null when ATT&CK does not know the id. */
  summary: string | null;
  url: string;
  known: boolean;
  /** Set when the rule gave a revoked or deprecated id: what it gave and what happened. */
  flag: string | null;
  detectionStrategies: { id: string; name: string; url: string; analytics: AttackAnalyticRef[] }[];
  mitigations: { id: string; name: string; url: string }[];
  mitigationCount: number;
  groups: { id: string; name: string; url: string }[];
  groupCount: number;
  software: { id: string; name: string; url: string }[];
  softwareCount: number;
}

export interface RequiredDataSource {
  name: string;
  kind: 'table' | 'function' | 'logsource' | 'index' | 'event-category' | 'sourcetype' | 'macro' | 'datamodel' | 'lookup';
  product: string;
  connector: string;
  /** Columns or fields of this source the rule relies on. */
  columns: string[];
  notes: string[];
}

export interface ReferenceLink {
  url: string;
  label: string;
  origin: 'rule' | 'description' | 'attack' | 'original';
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

export interface ConfidenceReason {
  /** +1 raises confidence, -1 lowers it, 0 is neutral information. */
  effect: 1 | 0 | -1;
  text: string;
}

export interface Confidence {
  level: ConfidenceLevel;
  score: number;
  reasons: ConfidenceReason[];
}

/** Who wrote the prose fields. */
export type EnrichmentAuthor = { kind: 'deterministic' } | { kind: 'ai'; model: string; promptVersion: string };

export interface Enrichment {
  version: string;
  hypothesis: string;
  falsePositives: FalsePositiveNote[];
  attack: AttackTechniqueContext[];
  dataSources: RequiredDataSource[];
  references: ReferenceLink[];
  confidence: Confidence;
  /** Who wrote `hypothesis` and `falsePositives`. */
  author: EnrichmentAuthor;
}
