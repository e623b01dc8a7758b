/**
 * One Sigma rule document (detection, correlation or filter rule) as a `ParsedRule`.
 * The mapping is documented in docs/field-mapping/sigma.md.
 */
import { stringify } from 'yaml';
import type { FileProblem, ParsedRule, RuleKind } from '../rule.js';
import { declaredFalsePositives } from './declared-false-positives.js';
import { commaListOf, distinct, isoDateOf, isRecord, presentEntries, recordOf, textListOf, textOf } from './loose-values.js';
import { foldersOf } from './non-rule-files.js';
import { blankRule, problemAt, warnRule } from './parsed-rule-builder.js';
import { severityFromName } from './severity-names.js';
import type { YamlDocumentSource } from './yaml-rule-file.js';
import { topLevelBlockText } from './yaml-source-sections.js';

/** The block that holds a rule's logic, in the order looked for, with the kind it implies. */
const LOGIC_BLOCKS: { key: string; kind: RuleKind | null }[] = [
  { key: 'detection', kind: null },
  { key: 'correlation', kind: 'correlation' },
  { key: 'filter', kind: 'filter' },
];

const TECHNIQUE_TAG = /^attack\.t\d{4}(\.\d{3})?$/i;
/** `attack.<tactic-name>`: letters and dashes only, so `attack.g0032` (a group) stays a tag. */
const TACTIC_TAG = /^attack\.[a-z][a-z_-]*$/i;

/** The parsed rule, or the error explaining why the document holds none. */
export function sigmaRule(doc: Record<string, unknown>, src: YamlDocumentSource): ParsedRule | FileProblem {
  const logic = LOGIC_BLOCKS.find((b) => doc[b.key] !== undefined && doc[b.key] !== null);
  const name = textOf(doc.title);
  const label = name ? `Sigma rule "${name}"` : 'Sigma document';
  if (!logic) return problemAt(src.path, 'error', `${label} has no detection or correlation`, src.firstLine);
  if (name === null) return problemAt(src.path, 'error', 'Sigma rule without `title`', src.firstLine);

  const rule = blankRule('sigma', src.path, src.raw, src.indexInFile);
  rule.name = name;
  rule.upstreamId = textOf(doc.id);
  if (rule.upstreamId === null) warnRule(rule, 'no-upstream-id', 'Sigma rule without `id`', src.firstLine);
  rule.description = textOf(doc.description) ?? '';
  rule.language = 'sigma';
  const asWritten = src.documentText === null ? null : topLevelBlockText(src.documentText, logic.key);
  rule.query = asWritten ?? stringify(doc[logic.key]).trimEnd();
  readTags(rule, doc.tags);
  rule.kind = logic.kind ?? kindOf(src.path, rule.tags);
  rule.tags = distinct([...rule.tags, ...folderTags(src.path), rule.kind, 'sigmahq', 'community']);

  const level = textOf(doc.level);
  rule.severity = severityFromName(level);
  if (level !== null && rule.severity === null) warnRule(rule, 'unknown-severity', `unknown level "${level}"`);
  rule.status = textOf(doc.status);
  const logsource = recordOf(doc.logsource);
  rule.dataSources = logSourceNames(logsource);
  if (logic.key !== 'correlation' && rule.dataSources.length === 0) {
    warnRule(rule, 'no-logsource', 'Sigma rule without `logsource` product, category or service');
  }
  rule.authors = commaListOf(doc.author);
  rule.created = readDate(rule, doc, 'date');
  rule.modified = readDate(rule, doc, 'modified');
  rule.references = textListOf(doc.references);
  rule.falsePositives = declaredFalsePositives(textListOf(doc.falsepositives));
  rule.extra = extraOf(doc, logsource, logic.key);
  return rule;
}

/** Splits `tags` into techniques (`attack.t1059.001`), tactics (`attack.execution`) and the rest. */
function readTags(rule: ParsedRule, tags: unknown): void {
  for (const tag of textListOf(tags)) {
    if (TECHNIQUE_TAG.test(tag)) rule.techniquesRaw.push(tag);
    else if (TACTIC_TAG.test(tag)) rule.tacticsRaw.push(tag);
    else rule.tags.push(tag);
  }
  rule.techniquesRaw = distinct(rule.techniquesRaw);
  rule.tacticsRaw = distinct(rule.tacticsRaw);
}

/** Hunting for `rules-threat-hunting/` or the `detection.threat-hunting` tag, else analytic. */
function kindOf(path: string, tags: string[]): RuleKind {
  const hunting =
    foldersOf(path).includes('rules-threat-hunting') || tags.some((t) => t.toLowerCase() === 'detection.threat-hunting');
  return hunting ? 'hunting' : 'analytic';
}

/** `rules-emerging-threats/` → `emerging-threats` (likewise `rules-compliance/` …), except hunting. */
function folderTags(path: string): string[] {
  return foldersOf(path)
    .filter((f) => f.startsWith('rules-') && f !== 'rules-threat-hunting')
    .map((f) => f.slice('rules-'.length));
}

/** `product/category/service`, the parts the logsource gives, in that order: `windows/process_creation`. */
function logSourceNames(logsource: Record<string, unknown>): string[] {
  const parts = [logsource.product, logsource.category, logsource.service].map(textOf).filter((p) => p !== null);
  return parts.length === 0 ? [] : [parts.join('/')];
}

function readDate(rule: ParsedRule, doc: Record<string, unknown>, key: 'date' | 'modified'): string | null {
  const iso = isoDateOf(doc[key]);
  if (iso === null && doc[key] !== undefined && doc[key] !== null) {
    warnRule(rule, 'bad-date', `\`${key}\` is not a date: ${JSON.stringify(doc[key])}`);
  }
  return iso;
}

function extraOf(doc: Record<string, unknown>, logsource: Record<string, unknown>, logicKey: string): Record<string, unknown> {
  return presentEntries([
    ['logsource', Object.keys(logsource).length > 0 ? logsource : null],
    ['related', doc.related],
    ['fields', doc.fields],
    ['regressionTestsPath', doc.regression_tests_path],
    ['simulation', doc.simulation],
    ['license', doc.license],
    ['ruleName', doc.name],
    ['scope', doc.scope],
    ['taxonomy', doc.taxonomy],
    // A correlation or filter rule's block, structured, beside its text in `query`.
    [logicKey, logicKey !== 'detection' && isRecord(doc[logicKey]) ? doc[logicKey] : null],
  ]);
}
