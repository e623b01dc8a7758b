/**
 * One Elastic detection rule (`[metadata]` + `[rule]` of a detection-rules TOML file) as a
 * `ParsedRule`. The mapping is documented in docs/field-mapping/elastic.md.
 */
import type { FileProblem, ParsedRule, QueryLanguage, RuleKind } from '../rule.js';
import { declaredFalsePositives } from './declared-false-positives.js';
import { esqlSourceIndices } from './esql-source-indices.js';
import { falsePositiveGuidance } from './investigation-guide.js';
import { distinct, isoDateOf, listOf, presentEntries, recordOf, textListOf, textOf, unwrapText } from './loose-values.js';
import { foldersOf } from './non-rule-files.js';
import { addFlag, blankRule, problemAt, warnRule } from './parsed-rule-builder.js';
import { severityFromName } from './severity-names.js';

/** Rule `type` → kind; types not listed (query, eql, esql, and unknown ones) are `analytic`. */
const KIND_OF_TYPE: Record<string, RuleKind> = {
  threshold: 'threshold',
  machine_learning: 'machine-learning',
  new_terms: 'new-terms',
  threat_match: 'threat-match',
};

const LANGUAGES: Record<string, QueryLanguage> = { kuery: 'kuery', lucene: 'lucene', eql: 'eql', esql: 'esql' };

/** The parsed rule, or the error explaining why the tables hold none (no name, no query). */
export function elasticDetectionRule(
  doc: Record<string, unknown>,
  path: string,
  raw: string,
): ParsedRule | FileProblem {
  const meta = recordOf(doc.metadata);
  const rule = recordOf(doc.rule);
  const name = textOf(rule.name);
  if (name === null) return problemAt(path, 'error', 'Elastic rule without `name` in [rule]');
  const type = textOf(rule.type)?.toLowerCase() ?? null;
  const query = typeof rule.query === 'string' ? rule.query.trim() : '';
  const queryLess = type === 'machine_learning';
  if (query === '' && !queryLess) return problemAt(path, 'error', `Elastic rule "${name}" has no \`query\``);

  const out = blankRule('elastic', path, raw);
  out.name = name;
  out.upstreamId = textOf(rule.rule_id);
  if (out.upstreamId === null) warnRule(out, 'no-upstream-id', 'Elastic rule without `rule_id`');
  out.description = unwrapText(textOf(rule.description) ?? '');
  out.query = query;
  out.kind = textOf(rule.building_block_type) !== null ? 'building-block' : (KIND_OF_TYPE[type ?? ''] ?? 'analytic');
  readLanguage(out, rule, queryLess);

  const severityText = textOf(rule.severity);
  out.severity = severityFromName(severityText);
  if (severityText !== null && out.severity === null) {
    warnRule(out, 'unknown-severity', `unknown severity "${severityText}"`);
  }
  const deprecated = foldersOf(path).includes('_deprecated');
  out.status = deprecated ? 'deprecated' : textOf(meta.maturity);
  readThreat(out, rule.threat);

  const integrations = textListOf(meta.integration);
  const indices = textListOf(rule.index);
  const queryIndices = out.language === 'esql' ? esqlSourceIndices(query) : [];
  out.dataSources = distinct([...indices, ...queryIndices, ...integrations]);
  out.tags = distinct([...textListOf(rule.tags), out.kind, 'elastic', 'official']);
  out.authors = textListOf(rule.author);
  out.created = isoDateOf(meta.creation_date);
  out.modified = isoDateOf(meta.updated_date);
  out.references = textListOf(rule.references);
  const note = textOf(rule.note);
  out.falsePositives = declaredFalsePositives(
    distinct([...textListOf(rule.false_positives).map(unwrapText), ...(note ? falsePositiveGuidance(note) : [])]),
  );
  out.extra = extraOf(meta, rule, type, integrations, indices);
  return out;
}

function readLanguage(out: ParsedRule, rule: Record<string, unknown>, queryLess: boolean): void {
  const language = textOf(rule.language)?.toLowerCase() ?? null;
  if (queryLess) {
    // Machine-learning rules alert on an anomaly job: there is no query to show or run.
    addFlag(out, 'no-query');
    return;
  }
  out.language = LANGUAGES[language ?? ''] ?? 'unknown';
  if (out.language === 'unknown') {
    warnRule(out, 'unknown-language', language ? `unknown query language "${language}"` : 'rule without `language`');
  }
}

/** `[[rule.threat]]`: tactic ids and technique / sub-technique ids, as the file writes them. */
function readThreat(out: ParsedRule, threat: unknown): void {
  const tactics: string[] = [];
  const techniques: string[] = [];
  for (const entry of listOf(threat)) {
    const t = recordOf(entry);
    for (const tactic of listOf(t.tactic)) {
      const id = textOf(recordOf(tactic).id) ?? textOf(recordOf(tactic).name) ?? textOf(tactic);
      if (id) tactics.push(id);
    }
    for (const technique of listOf(t.technique)) {
      const tech = recordOf(technique);
      const id = textOf(tech.id) ?? textOf(technique);
      if (id) techniques.push(id);
      for (const sub of listOf(tech.subtechnique)) {
        const subId = textOf(recordOf(sub).id) ?? textOf(sub);
        if (subId) techniques.push(subId);
      }
    }
  }
  out.tacticsRaw = distinct(tactics);
  out.techniquesRaw = distinct(techniques);
}

/** The format-specific fields worth keeping; absent ones are left out. */
function extraOf(
  meta: Record<string, unknown>,
  rule: Record<string, unknown>,
  type: string | null,
  integrations: string[],
  indices: string[],
): Record<string, unknown> {
  return presentEntries([
    ['ruleType', type],
    ['riskScore', typeof rule.risk_score === 'number' ? rule.risk_score : null],
    ['index', indices],
    ['integrations', integrations],
    ['note', rule.note],
    ['setup', rule.setup],
    ['buildingBlockType', rule.building_block_type],
    ['from', rule.from],
    ['interval', rule.interval],
    ['machineLearningJobId', rule.machine_learning_job_id],
    ['anomalyThreshold', rule.anomaly_threshold],
    ['threshold', rule.threshold],
    ['newTerms', rule.new_terms],
    ['threatIndex', rule.threat_index],
    ['threatQuery', rule.threat_query],
    ['threatLanguage', rule.threat_language],
    ['deprecationDate', isoDateOf(meta.deprecation_date)],
    ['deprecatedReason', meta.deprecated_reason],
    ['minStackVersion', meta.min_stack_version],
  ]);
}
