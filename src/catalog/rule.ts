/**
 * The one rule model every source format is normalized into.
 *
 * Adapters (`catalog/adapters/<format>.ts`) turn one file into `ParsedRule`s: what the file
 * itself says. Sync then adds provenance (commit, link, first-seen …) and normalizes the
 * ATT&CK references, giving a `Rule`, which is what the store keeps and every view reads.
 */

/** Source formats, one adapter each. */
export type SourceFormat = 'sentinel' | 'sigma' | 'elastic' | 'splunk' | 'kql';

/** Query languages we recognise; `unknown` when a file names none we know. */
export type QueryLanguage = 'kql' | 'sigma' | 'eql' | 'kuery' | 'lucene' | 'esql' | 'spl' | 'sql' | 'unknown';

/** Normalized severities, lowest to highest. */
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What kind of content a rule is. Open-ended because upstream formats keep adding kinds;
 * the common values are listed for documentation and facets.
 */
export type RuleKind =
  | 'hunting'
  | 'analytic'
  | 'nrt'
  | 'building-block'
  | 'correlation'
  | 'threshold'
  | 'threat-match'
  | 'machine-learning'
  | 'new-terms'
  | 'anomaly'
  | string;

/** Where in a file something went wrong. Line and column are 1-based. */
export interface FileProblem {
  /** Path relative to the source root, POSIX separators. */
  file: string;
  line?: number;
  column?: number;
  reason: string;
  /** `error`: the file gave no rule; `warning`: a rule was kept but flagged. */
  severity: 'error' | 'warning';
}

/** A tactic as ATT&CK names it. */
export interface TacticRef {
  /** `TA0011` */
  id: string;
  /** `command-and-control` (the STIX x_mitre_shortname) */
  shortname: string;
  /** `Command and Control` */
  name: string;
}

/** A technique or sub-technique as ATT&CK names it. */
export interface TechniqueRef {
  /** `T1059.001` */
  id: string;
  /** `PowerShell`; the raw id when ATT&CK does not know it */
  name: string;
  /** False when ATT&CK does not know the id (typo, or removed). */
  known: boolean;
}

/** What an adapter reads out of one rule in one file: no provenance yet. */
export interface ParsedRule {
  /** The id the file gives (Sentinel/Sigma `id`, Elastic `rule_id`, Splunk `id`), if any. */
  upstreamId: string | null;
  name: string;
  description: string;
  format: SourceFormat;
  language: QueryLanguage;
  /** The query text as written (Sigma: the `detection` block as YAML). */
  query: string;
  kind: RuleKind;
  severity: Severity | null;
  /** True when the file gives no severity and we derived one (see docs/field-mapping.md). */
  severityInferred: boolean;
  /** Upstream status or maturity (`stable`, `experimental`, `production` …). */
  status: string | null;
  /** Tactics as the file spells them (`CommandAndControl`, `attack.command-and-control`, `TA0011`). */
  tacticsRaw: string[];
  /** Technique ids as the file spells them (`T1219`, `attack.t1059.001`, `t1059.001`). */
  techniquesRaw: string[];
  /** Tables, log sources, indices or data sources the rule needs. */
  dataSources: string[];
  /** Tags from the file plus kind, vendor and provenance tags the adapter adds. */
  tags: string[];
  authors: string[];
  /** ISO dates (YYYY-MM-DD or full ISO) as far as the file gives them. */
  created: string | null;
  modified: string | null;
  references: string[];
  falsePositives: string[];
  /** Path of the file relative to the repository root, POSIX separators. */
  path: string;
  /** Zero-based index of this rule within its file (Markdown files can hold several). */
  indexInFile: number;
  /** The whole file text (for one-rule files) or the rule's own section. */
  raw: string;
  /** Problems found while reading this rule; a rule with any is flagged. */
  problems: FileProblem[];
  /** Flags such as `recovered-yaml`, `no-query`, `duplicate-upstream-id`. */
  flags: string[];
  /** Format-specific fields worth keeping (Sentinel `requiredDataConnectors`, Elastic `index` …). */
  extra: Record<string, unknown>;
}

/** A catalog rule: a parsed rule plus provenance and normalized ATT&CK references. */
export interface Rule extends Omit<ParsedRule, 'tacticsRaw' | 'techniquesRaw'> {
  /** Stable catalog id derived from source + path + upstream id + index in file. */
  id: string;
  /** Configured source name (`Azure-Sentinel`). */
  source: string;
  tactics: TacticRef[];
  techniques: TechniqueRef[];
  /** Kept so a re-normalization (newer ATT&CK) needs no re-parse. */
  tacticsRaw: string[];
  techniquesRaw: string[];
  /** Commit the file was read at, when the source is a git checkout or names a ref. */
  commit: string | null;
  /** Link to the original file at that commit, or null when the source has no `repo`. */
  url: string | null;
  /** ISO timestamps. */
  firstSeen: string;
  lastChanged: string;
  /** When the sync that last saw this rule ran. */
  retrievedAt: string;
  /** sha256 of the rule's raw text plus the fields derived from outside it. */
  contentHash: string;
}
