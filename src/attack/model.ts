/**
 * What the ATT&CK knowledge base answers: the shapes the catalog, the coverage matrix and
 * the enrichment read. Everything here is plain data, safe to serialize as JSON.
 */
import type { TacticRef, TechniqueRef } from '../catalog/rule.js';

/** One column of the Enterprise matrix. */
export interface AttackTactic {
  /** `TA0011` */
  id: string;
  /** `command-and-control` */
  shortname: string;
  /** `Command and Control` */
  name: string;
  description: string;
  /** `https://attack.mitre.org/tactics/TA0011/` */
  url: string;
}

/** A technique or sub-technique. */
export interface AttackTechnique {
  /** `T1059` or `T1059.001` */
  id: string;
  name: string;
  /** Full description, Markdown with `(Citation: …)` markers as ATT&CK writes it. */
  description: string;
  /** First paragraph of the description, citation markers removed (Markdown links kept). */
  summary: string;
  /** Tactic shortnames in matrix order (`command-and-control`). */
  tactics: string[];
  isSubtechnique: boolean;
  /** `T1059` for `T1059.001`; null for a parent technique. */
  parentId: string | null;
  /** Active (non-revoked, non-deprecated) sub-technique ids, sorted. */
  subtechniqueIds: string[];
  platforms: string[];
  /** `https://attack.mitre.org/techniques/T1059/001/` */
  url: string;
  deprecated: boolean;
  revoked: boolean;
  /** Legacy `x_mitre_detection` text; null when empty (always, from v18 on). */
  detection: string | null;
}

/** A mitigation (`course-of-action`) linked by a `mitigates` relationship. */
export interface AttackMitigation {
  /** `M1042` */
  id: string;
  name: string;
  /** First paragraph of the mitigation's description, citation markers removed. */
  description: string;
  url: string;
}

/** A threat group (`intrusion-set`). */
export interface AttackGroup {
  /** `G0016` */
  id: string;
  name: string;
  url: string;
}

/** A piece of software (`malware` or `tool`). */
export interface AttackSoftware {
  /** `S0154` */
  id: string;
  name: string;
  type: 'malware' | 'tool';
  url: string;
}

/** Who is known to use a technique. Each list sorted by name. */
export interface AttackUsage {
  groups: AttackGroup[];
  software: AttackSoftware[];
}

/** A v18 data component (`DC0082 Network Connection Creation`). */
export interface AttackDataComponent {
  /** `DC0082` */
  id: string;
  name: string;
  url: string;
}

/** One log source an analytic names: `WinEventLog:Sysmon` / `EventCode=3, 22`. */
export interface AttackLogSource {
  name: string;
  channel: string | null;
  /** The data component the log source is filed under, when the bundle has it. */
  dataComponent: AttackDataComponent | null;
}

/** A tunable part of an analytic (`ProcessAllowlist`: known-good remote support tools …). */
export interface AttackMutableElement {
  field: string;
  description: string;
}

/** A v18 analytic: a platform-specific way to carry out a detection strategy. */
export interface AttackAnalytic {
  /** `AN1366` */
  id: string;
  name: string;
  description: string;
  platforms: string[];
  url: string;
  logSources: AttackLogSource[];
  /** The distinct data components of `logSources`, in first-mention order. */
  dataComponents: AttackDataComponent[];
  mutableElements: AttackMutableElement[];
}

/** A v18 detection strategy (`DET0496`) that `detects` a technique, with its analytics. */
export interface AttackDetectionStrategy {
  id: string;
  name: string;
  url: string;
  analytics: AttackAnalytic[];
}

/** A tactic resolved from a raw spelling, saying when an alias from another ATT&CK release was used. */
export interface TacticResolution {
  ref: TacticRef;
  /**
   * Set when the raw value names the tactic as another ATT&CK release does (`stealth`,
   * `defense-impairment` from v19 resolved to v18's Defense Evasion): the name given.
   */
  aliasOf?: string;
}

/** A technique resolved from a raw spelling. */
export interface TechniqueResolution {
  ref: TechniqueRef;
  /** The id as given (normalized to `T1234.001` form) when it was revoked and `ref` is its replacement. */
  replacedFrom?: string;
  /** True when ATT&CK keeps the technique but marks it deprecated (no replacement exists). */
  deprecated?: boolean;
}

/** Everything the product asks of ATT&CK. Built once per process by `loadAttackKnowledgeBase`. */
export interface AttackKnowledgeBase {
  /** ATT&CK release (`18.1`) from the bundle's x-mitre-collection, or the file name; null if neither says. */
  readonly version: string | null;
  /** Domain of the matrix (`enterprise-attack`). */
  readonly domain: string | null;
  /** Latest `modified` time of any object, ISO; a stand-in for the release date. */
  readonly modified: string | null;
  /** Tactics in matrix order. */
  tactics(): AttackTactic[];
  /** A tactic by id (`TA0011`) or shortname; undefined when unknown. */
  tactic(idOrShortname: string): AttackTactic | undefined;
  /** A technique or sub-technique by exact id (`T1059.001`), revoked and deprecated ones included. */
  technique(id: string): AttackTechnique | undefined;
  /** Every technique and sub-technique, revoked and deprecated ones included, sorted by id. */
  allTechniques(): AttackTechnique[];
  /** Active parent techniques of a tactic (shortname, or any spelling `normalizeTactic` accepts), sorted by name. */
  techniquesForTactic(tactic: string): AttackTechnique[];
  /** Active mitigations of a technique, sorted by id; empty for unknown ids. */
  mitigations(techniqueId: string): AttackMitigation[];
  /** Active groups and software that use a technique (this exact id, not its sub-techniques). */
  usedBy(techniqueId: string): AttackUsage;
  /** v18 detection strategies that detect a technique, with analytics and log sources. */
  detectionStrategies(techniqueId: string): AttackDetectionStrategy[];
  /** For a revoked technique, the active id it was (transitively) revoked by; else undefined. */
  replacementFor(id: string): string | undefined;
  /** A tactic from any common spelling; null when ATT&CK Enterprise has no such tactic. */
  normalizeTactic(raw: string): TacticRef | null;
  /** Like `normalizeTactic`, also saying when a cross-release alias was used. */
  resolveTactic(raw: string): TacticResolution | null;
  /** A technique from any common spelling; null when `raw` is not a technique id at all. */
  normalizeTechnique(raw: string): TechniqueResolution | null;
  /** `https://attack.mitre.org/techniques/T1059/001/` */
  techniqueUrl(id: string): string;
  /** `https://attack.mitre.org/tactics/TA0011/` */
  tacticUrl(id: string): string;
}
