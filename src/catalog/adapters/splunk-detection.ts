/**
 * One Splunk security_content detection (`detections/**.yml`) as a `ParsedRule`.
 * The mapping is documented in docs/field-mapping/splunk.md.
 */
import type { FileProblem, ParsedRule, RuleKind, Severity } from '../rule.js';
import { declaredFalsePositives } from './declared-false-positives.js';
import { commaListOf, distinct, isoDateOf, listOf, presentEntries, recordOf, textListOf, textOf, unwrapText } from './loose-values.js';
import { blankRule, problemAt, warnRule } from './parsed-rule-builder.js';
import { severityFromName } from './severity-names.js';
import type { YamlDocumentSource } from './yaml-rule-file.js';

/** Splunk `type` (lower-cased) → kind; a type not listed becomes its own lower-case kind. */
const KIND_OF_TYPE: Record<string, RuleKind> = {
  ttp: 'analytic',
  anomaly: 'analytic',
  hunting: 'hunting',
  correlation: 'correlation',
};

/** Tag prefixes for the `tags` fields that become tags, in the style of Elastic's `Domain: Endpoint`. */
const TAGGED_FIELDS: [string, string][] = [
  ['analytic_story', 'Analytic Story'],
  ['asset_type', 'Asset Type'],
  ['security_domain', 'Security Domain'],
  ['product', 'Product'],
];

/**
 * A 0–100 risk score as a severity, with the buckets Splunk's own tooling (contentctl) uses:
 * ≤20 informational, ≤40 low, ≤60 medium, ≤80 high, above critical.
 */
export function severityFromRiskScore(score: number): Severity {
  if (score <= 20) return 'informational';
  if (score <= 40) return 'low';
  if (score <= 60) return 'medium';
  if (score <= 80) return 'high';
  return 'critical';
}

/** The parsed rule, or the error explaining why the document holds none (no name, no search). */
export function splunkDetection(doc: Record<string, unknown>, src: YamlDocumentSource): ParsedRule | FileProblem {
  const name = textOf(doc.name);
  if (name === null) return problemAt(src.path, 'error', 'Splunk detection without `name`', src.firstLine);
  const search = typeof doc.search === 'string' ? doc.search.trim() : '';
  if (search === '') return problemAt(src.path, 'error', `Splunk detection "${name}" has no \`search\``, src.firstLine);

  const rule = blankRule('splunk', src.path, src.raw, src.indexInFile);
  const tags = recordOf(doc.tags);
  rule.name = name;
  rule.upstreamId = textOf(doc.id);
  if (rule.upstreamId === null) warnRule(rule, 'no-upstream-id', 'Splunk detection without `id`', src.firstLine);
  rule.description = textOf(doc.description) ?? '';
  rule.language = 'spl';
  rule.query = search;
  const type = textOf(doc.type);
  rule.kind = KIND_OF_TYPE[type?.toLowerCase() ?? ''] ?? type?.toLowerCase() ?? 'analytic';
  readSeverity(rule, doc, tags);
  rule.status = textOf(doc.status);
  rule.techniquesRaw = distinct(textListOf(tags.mitre_attack_id));
  rule.dataSources = distinct([...textListOf(doc.data_source), ...textListOf(doc.data_sources)]);
  rule.tags = distinct([
    ...TAGGED_FIELDS.flatMap(([field, label]) => textListOf(tags[field]).map((v) => `${label}: ${v}`)),
    ...textListOf(tags.cve),
    ...(type ? [type.toLowerCase()] : []),
    rule.kind,
    'splunk',
    'official',
  ]);
  rule.authors = commaListOf(doc.author);
  const date = isoDateOf(doc.date);
  if (date === null && doc.date !== undefined && doc.date !== null) {
    warnRule(rule, 'bad-date', `\`date\` is not a date: ${JSON.stringify(doc.date)}`);
  }
  // security_content bumps `date` with every `version`: it dates the current version.
  rule.modified = date;
  rule.references = textListOf(doc.references);
  rule.falsePositives = declaredFalsePositives(textListOf(doc.known_false_positives).map(unwrapText));
  rule.extra = extraOf(doc, tags, type);
  return rule;
}

/**
 * A severity the file names (`tags.severity`, older files) as it is; otherwise derived from the
 * risk score: the highest `rba.risk_objects` score, else `tags.risk_score`, else
 * `confidence × impact / 100` (how contentctl computes it), and flagged as inferred.
 */
function readSeverity(rule: ParsedRule, doc: Record<string, unknown>, tags: Record<string, unknown>): void {
  const named = textOf(tags.severity) ?? textOf(doc.severity);
  if (named !== null) {
    rule.severity = severityFromName(named);
    if (rule.severity === null) warnRule(rule, 'unknown-severity', `unknown severity "${named}"`);
    return;
  }
  const score = riskScoreOf(doc, tags);
  if (score === null) return;
  rule.severity = severityFromRiskScore(score);
  rule.severityInferred = true;
}

function riskScoreOf(doc: Record<string, unknown>, tags: Record<string, unknown>): number | null {
  const rbaScores = listOf(recordOf(doc.rba).risk_objects)
    .map((o) => Number(recordOf(o).score))
    .filter((n) => Number.isFinite(n));
  if (rbaScores.length > 0) return Math.max(...rbaScores);
  const riskScore = Number(tags.risk_score ?? NaN);
  if (Number.isFinite(riskScore)) return riskScore;
  const confidence = Number(tags.confidence ?? NaN);
  const impact = Number(tags.impact ?? NaN);
  return Number.isFinite(confidence) && Number.isFinite(impact) ? Math.round((confidence * impact) / 100) : null;
}

function extraOf(doc: Record<string, unknown>, tags: Record<string, unknown>, type: string | null): Record<string, unknown> {
  return presentEntries([
    ['splunkType', type],
    ['version', doc.version],
    ['howToImplement', textOf(doc.how_to_implement)],
    ['knownFalsePositives', textOf(doc.known_false_positives)],
    ['tests', doc.tests],
    ['riskScore', tags.risk_score],
    ['confidence', tags.confidence],
    ['impact', tags.impact],
    ['riskMessage', tags.message],
    ['rba', doc.rba],
    ['observables', tags.observable],
    ['requiredFields', tags.required_fields],
    ['atomicGuids', tags.atomic_guid],
    ['datamodel', doc.datamodel],
    ['drilldownSearches', doc.drilldown_searches],
  ]);
}
