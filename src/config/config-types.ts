import type { SourceFormat } from '../catalog/rule.js';

/** The formats a source may declare, in the order error messages list them. */
export const SOURCE_FORMATS: readonly SourceFormat[] = ['sentinel', 'sigma', 'elastic', 'splunk', 'kql'];

/** Where a source's files come from: a git remote (cloned into the cache) or a local folder. */
export type SourceLocation = { kind: 'git'; url: string } | { kind: 'dir'; path: string };

/** One configured rule repository, validated and with paths made absolute. */
export interface SourceConfig {
  /** Unique name, shown as the rule's source (`Azure-Sentinel`). */
  name: string;
  format: SourceFormat;
  location: SourceLocation;
  /** Globs relative to the source root selecting the rule files. */
  paths: string[];
  /** https URL of the public repository, for links to the original; null when not given. */
  repo: string | null;
  /** Branch, tag or commit: fetched for git sources, named in links for dir sources. */
  ref: string | null;
  /** Tags added to every rule of this source. */
  tags: string[];
  /**
   * Dir sources only: absolute path of a per-file commit manifest (TSV: path, commit, …),
   * for folders assembled from several upstream commits.
   */
  manifest: string | null;
}

/** Where the ATT&CK STIX bundle comes from. */
export type AttackLocation = { kind: 'file'; path: string } | { kind: 'url'; url: string };

/** A whole validated configuration. */
export interface SocfeedConfig {
  sources: SourceConfig[];
  attack: AttackLocation;
  /** Absolute path of the SQLite catalog. */
  db: string;
  /** Upper bound for one rule file, in bytes. */
  maxFileBytes: number;
  /**
   * Absolute paths of folders of table schemas (Sentinel's JSON format) that lint inside sync
   * binds KQL rules against; later folders override earlier ones. Absent or empty: parse-only lint.
   */
  schemas?: string[];
  /** Where the configuration came from: a file path, or `built-in default`. */
  origin: string;
}
