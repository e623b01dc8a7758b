/** The mapping between a `Rule` and its row in `rules` (arrays and objects as JSON columns). */
import { SEVERITIES, type Rule, type Severity } from '../catalog/rule.js';

/** A row of `rules` as SQLite returns it. */
export interface RuleRow {
  id: string;
  source: string;
  upstream_id: string | null;
  name: string;
  description: string;
  format: string;
  language: string;
  query: string;
  raw: string;
  kind: string;
  severity: string | null;
  severity_rank: number;
  severity_inferred: number;
  status: string | null;
  tactics_json: string;
  techniques_json: string;
  tactics_raw_json: string;
  techniques_raw_json: string;
  data_sources_json: string;
  tags_json: string;
  authors_json: string;
  created: string | null;
  modified: string | null;
  references_json: string;
  false_positives_json: string;
  path: string;
  index_in_file: number;
  problems_json: string;
  flags_json: string;
  flagged: number;
  extra_json: string;
  commit_sha: string | null;
  url: string | null;
  first_seen: string;
  last_changed: string;
  content_hash: string;
}

/** 0 for no severity, then 1 (informational) … 5 (critical): sorts by severity in SQL. */
export function severityRank(severity: Severity | null): number {
  return severity ? SEVERITIES.indexOf(severity) + 1 : 0;
}

/** The row for `rule`; `retrievedAt` is not stored per rule (see `rowToRule`). */
export function ruleToRow(rule: Rule): RuleRow {
  return {
    id: rule.id,
    source: rule.source,
    upstream_id: rule.upstreamId,
    name: rule.name,
    description: rule.description,
    format: rule.format,
    language: rule.language,
    query: rule.query,
    raw: rule.raw,
    kind: rule.kind,
    severity: rule.severity,
    severity_rank: severityRank(rule.severity),
    severity_inferred: rule.severityInferred ? 1 : 0,
    status: rule.status,
    tactics_json: JSON.stringify(rule.tactics),
    techniques_json: JSON.stringify(rule.techniques),
    tactics_raw_json: JSON.stringify(rule.tacticsRaw),
    techniques_raw_json: JSON.stringify(rule.techniquesRaw),
    data_sources_json: JSON.stringify(rule.dataSources),
    tags_json: JSON.stringify(rule.tags),
    authors_json: JSON.stringify(rule.authors),
    created: rule.created,
    modified: rule.modified,
    references_json: JSON.stringify(rule.references),
    false_positives_json: JSON.stringify(rule.falsePositives),
    path: rule.path,
    index_in_file: rule.indexInFile,
    problems_json: JSON.stringify(rule.problems),
    flags_json: JSON.stringify(rule.flags),
    flagged: rule.problems.length > 0 || rule.flags.length > 0 ? 1 : 0,
    extra_json: JSON.stringify(rule.extra),
    commit_sha: rule.commit,
    url: rule.url,
    first_seen: rule.firstSeen,
    last_changed: rule.lastChanged,
    content_hash: rule.contentHash,
  };
}

/**
 * The rule of `row`. `retrievedAt` is the time of the last sync of the rule's source (kept
 * per source, so a sync that changes nothing rewrites no rule); falls back to last-changed.
 */
export function rowToRule(row: RuleRow, retrievedAt: string | null): Rule {
  return {
    id: row.id,
    source: row.source,
    upstreamId: row.upstream_id,
    name: row.name,
    description: row.description,
    format: row.format as Rule['format'],
    language: row.language as Rule['language'],
    query: row.query,
    raw: row.raw,
    kind: row.kind,
    severity: row.severity as Severity | null,
    severityInferred: row.severity_inferred === 1,
    status: row.status,
    tactics: JSON.parse(row.tactics_json),
    techniques: JSON.parse(row.techniques_json),
    tacticsRaw: JSON.parse(row.tactics_raw_json),
    techniquesRaw: JSON.parse(row.techniques_raw_json),
    dataSources: JSON.parse(row.data_sources_json),
    tags: JSON.parse(row.tags_json),
    authors: JSON.parse(row.authors_json),
    created: row.created,
    modified: row.modified,
    references: JSON.parse(row.references_json),
    falsePositives: JSON.parse(row.false_positives_json),
    path: row.path,
    indexInFile: row.index_in_file,
    problems: JSON.parse(row.problems_json),
    flags: JSON.parse(row.flags_json),
    extra: JSON.parse(row.extra_json),
    commit: row.commit_sha,
    url: row.url,
    firstSeen: row.first_seen,
    lastChanged: row.last_changed,
    retrievedAt: retrievedAt ?? row.last_changed,
    contentHash: row.content_hash,
  };
}
