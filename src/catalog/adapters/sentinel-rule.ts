/**
 * One Microsoft Sentinel rule document (hunting query or analytic rule YAML) mapped to the
 * rule model. Field mapping: docs/field-mapping/sentinel.md.
 */
import type { ParsedRule, RuleKind } from '../rule.js';
import { inferHuntingSeverity } from './hunting-severity.js';
import { commaListOf, distinct, isoDateOf, isRecord, listOf, recordOf, textListOf, textOf } from './loose-values.js';
import { baseName, foldersOf } from './non-rule-files.js';
import { blankRule, warnRule } from './parsed-rule-builder.js';
import { severityFromName } from './severity-names.js';
import { urlsInText } from './urls-in-text.js';

/** Keys the model takes over; every other top-level key is kept in `extra` as written. */
const MAPPED_KEYS = new Set([
  'id',
  'name',
  'description',
  'query',
  'severity',
  'status',
  'tactics',
  'relevantTechniques',
  'techniques',
  'threatAnalysisTactics',
  'threatAnalysisTechniques',
  'tags',
  'references',
  'falsePositives',
  'createdDateUTC',
  'lastUpdatedDateUTC',
]);

/** Sentinel `kind` values (letters-only lower case) to model kinds. */
const KIND_BY_SENTINEL_KIND: Record<string, RuleKind> = {
  scheduled: 'analytic',
  nrt: 'nrt',
  fusion: 'correlation',
  mlbehavioranalytics: 'machine-learning',
  threatintelligence: 'threat-match',
  microsoftsecurityincidentcreation: 'incident-creation',
};

/** ASIM parser names a query calls (`_Im_NetworkSession`, `imNetworkSession`, `_ASim_Dns`). */
const ASIM_PARSER =
  /(^|[^\w])(_Im_|_ASim_|im|ASim)(NetworkSession|Dns|WebSession|Process|FileEvent|Registry|Authentication|AuditEvent|UserManagement|Dhcp|AlertEvent)/;

/**
 * The rule a Sentinel document describes, or null when it holds no query (the caller reports
 * why). `doc` is the first YAML document of the file at `path`; `raw` the whole file text.
 */
export function sentinelRule(doc: Record<string, unknown>, path: string, raw: string): ParsedRule | null {
  const query = typeof doc.query === 'string' ? doc.query : textOf(doc.query);
  if (query === null || query.trim() === '') return null;
  const rule = blankRule('sentinel', path, raw);
  rule.language = 'kql';
  rule.query = query;

  rule.upstreamId = textOf(doc.id);
  if (rule.upstreamId === null) warnRule(rule, 'no-upstream-id', 'the rule has no id');
  const name = textOf(doc.name);
  rule.name = name ?? baseName(path).replace(/\.ya?ml$/i, '');
  if (name === null) warnRule(rule, 'no-name', 'the rule has no name; the file name stands in');
  rule.description = unquoteDescription(textOf(doc.description) ?? '');

  rule.kind = sentinelKind(doc, path);
  // Not split at commas: "Malware, component" is one (non-tactic) category copied from the
  // Microsoft 365 Defender tables, and sync should report it as one unknown tactic.
  rule.tacticsRaw = distinct([...textListOf(doc.tactics), ...textListOf(doc.threatAnalysisTactics)]);
  rule.techniquesRaw = distinct([
    ...commaListOf(doc.relevantTechniques),
    ...commaListOf(doc.techniques),
    ...commaListOf(doc.threatAnalysisTechniques),
  ]);
  rule.severity = severityFromName(doc.severity);
  if (rule.severity === null) {
    if (textOf(doc.severity) !== null) warnRule(rule, 'unknown-severity', `unknown severity "${textOf(doc.severity)}"`);
    rule.severity = inferHuntingSeverity(rule.tacticsRaw);
    rule.severityInferred = true;
  }
  rule.status = textOf(doc.status)?.toLowerCase() ?? null;

  rule.dataSources = distinct(listOf(doc.requiredDataConnectors).flatMap((c) => textListOf(recordOf(c).dataTypes)));
  rule.tags = sentinelTags(doc, rule.kind, query);
  rule.authors = distinct([
    ...commaListOf(recordOf(recordOf(doc.metadata).author).name),
    // Seen upstream: `metadata:` left empty and its keys written at the top level.
    ...commaListOf(isRecord(doc.author) ? doc.author.name : doc.author),
  ]);
  rule.created = isoDateOf(doc.createdDateUTC);
  rule.modified = isoDateOf(doc.lastUpdatedDateUTC);
  rule.references = distinct([...urlsInText(rule.description), ...textListOf(doc.references)]);
  rule.falsePositives = textListOf(doc.falsePositives);

  for (const [key, value] of Object.entries(doc)) if (!MAPPED_KEYS.has(key)) rule.extra[key] = value;
  if (listOf(doc.tags).some(isRecord)) rule.extra.tags = doc.tags;
  const solution = solutionOf(path);
  if (solution) rule.extra.solution = solution;
  return rule;
}

/**
 * Hunting queries live under a `Hunting Queries` folder and carry no `kind`; analytic rules
 * name theirs (`Scheduled`, `NRT` …). Without either, a schedule (`queryFrequency`) or an
 * `Analytic Rules` / `Detections` folder means a scheduled analytic rule.
 */
function sentinelKind(doc: Record<string, unknown>, path: string): RuleKind {
  const folders = foldersOf(path).map((f) => f.toLowerCase());
  if (folders.includes('hunting queries')) return 'hunting';
  const kind = textOf(doc.kind);
  if (kind !== null) {
    const key = kind.toLowerCase().replace(/[^a-z]/g, '');
    return KIND_BY_SENTINEL_KIND[key] ?? kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  }
  if (doc.queryFrequency !== undefined || folders.includes('analytic rules') || folders.includes('detections')) {
    return 'analytic';
  }
  return 'hunting';
}

/** File tags (strings; ASIM schema objects as `asim` + schema name) plus kind and vendor tags. */
function sentinelTags(doc: Record<string, unknown>, kind: RuleKind, query: string): string[] {
  const tags: string[] = [];
  for (const tag of listOf(doc.tags)) {
    const text = textOf(tag);
    if (text !== null) tags.push(text);
    const schema = isRecord(tag) ? textOf(tag.Schema) : null;
    if (schema !== null) tags.push('asim', schema);
  }
  if (ASIM_PARSER.test(query)) tags.push('asim');
  tags.push(kind === 'hunting' ? 'hunting' : 'analytic');
  if (kind !== 'hunting' && kind !== 'analytic') tags.push(kind);
  tags.push('microsoft');
  return distinct(tags);
}

/** `Solutions/<name>/…` → `<name>`; null for the older top-level layout. */
function solutionOf(path: string): string | null {
  const folders = foldersOf(path);
  return folders[0] === 'Solutions' && folders[1] ? folders[1] : null;
}

/**
 * Sentinel descriptions are often a block scalar whose text is wrapped in single quotes
 * (`description: |` then `'This query …'`); the quotes are not part of the description.
 */
function unquoteDescription(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).trim();
  return t;
}
