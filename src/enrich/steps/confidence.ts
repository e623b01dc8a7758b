/**
 * Confidence in a rule (high / medium / low) with its reasons, from evidence: who publishes it,
 * its upstream status, whether the query parses (and binds, when lint ran), whether its ATT&CK
 * mapping agrees with ATT&CK, whether it ships tests, and how specific its filters are.
 */
import { comparedLiterals, type QueryAnalysis } from '../../analysis/index.js';
import type { Rule } from '../../catalog/rule.js';
import type { AttackTechniqueContext, Confidence, ConfidenceReason } from '../enrichment.js';
import { literalKind } from '../literal-kinds.js';

/** What lint found, when it ran: counts by severity. */
export interface LintSummary {
  errors: number;
  warnings: number;
}

const MATURE = /^(stable|production|test)$/i;
const IMMATURE = /^(experimental|development|unsupported)$/i;
const RETIRED = /^(deprecated|deprecation)$/i;

function statusReason(status: string | null): ConfidenceReason {
  if (!status) return { effect: 0, text: 'Upstream gives no status or maturity.' };
  if (MATURE.test(status)) return { effect: 1, text: `Upstream status is "${status}".` };
  if (RETIRED.test(status)) return { effect: -1, text: `Upstream marks the rule "${status}".` };
  if (IMMATURE.test(status)) return { effect: -1, text: `Upstream status is "${status}": not yet proven.` };
  return { effect: 0, text: `Upstream status is "${status}".` };
}

function specificityReason(analysis: QueryAnalysis): ConfidenceReason {
  const literals = comparedLiterals(analysis);
  if (!analysis.parsed && literals.length === 0) return { effect: 0, text: 'Filter specificity could not be judged.' };
  if (literals.length === 0) return { effect: -1, text: 'The query compares against no literal values: it relies on behaviour or thresholds alone.' };
  const specific = analysis.filters.flatMap((f) => f.values.map((v) => literalKind(v, f.field))).filter((k) => ['hash', 'domain', 'url', 'ip', 'cidr', 'process', 'command', 'registry'].includes(k));
  if (specific.length > 0) return { effect: 1, text: `Filters name ${literals.length} specific value${literals.length === 1 ? '' : 's'} (${[...new Set(specific)].slice(0, 3).join(', ')}).` };
  return { effect: 0, text: `Filters compare against ${literals.length} value${literals.length === 1 ? '' : 's'} of generic kinds.` };
}

function attackReason(rule: Pick<Rule, 'techniques' | 'tactics'>, attack: AttackTechniqueContext[]): ConfidenceReason {
  if (rule.techniques.length === 0) return { effect: -1, text: 'No ATT&CK technique is mapped.' };
  const unknown = attack.filter((t) => !t.known).map((t) => t.id);
  if (unknown.length) return { effect: -1, text: `ATT&CK does not know ${unknown.join(', ')}.` };
  const flagged = attack.filter((t) => t.flag).map((t) => t.id);
  if (flagged.length) return { effect: -1, text: `The mapping uses revoked or deprecated ids (now ${flagged.join(', ')}).` };
  const ruleTactics = new Set(rule.tactics.map((t) => t.name));
  const mismatched = attack.filter((t) => ruleTactics.size > 0 && !t.tactics.some((n) => ruleTactics.has(n))).map((t) => t.id);
  if (mismatched.length) return { effect: -1, text: `Technique ${mismatched.join(', ')} has none of the rule's tactics in ATT&CK.` };
  return { effect: 1, text: 'Techniques and tactics agree with ATT&CK.' };
}

function testsReason(rule: Pick<Rule, 'extra' | 'source'>): ConfidenceReason {
  const tests = rule.extra['tests'];
  if (Array.isArray(tests) && tests.length > 0) return { effect: 1, text: `The rule ships ${tests.length} test${tests.length === 1 ? '' : 's'} with attack data.` };
  if (rule.extra['regressionData'] || rule.extra['testData']) return { effect: 1, text: 'The rule ships regression data.' };
  return { effect: 0, text: 'No tests or regression data ship with the rule.' };
}

/** The confidence of a rule; `lint` is what lint found, when it ran. */
export function ruleConfidence(rule: Rule, analysis: QueryAnalysis, attack: AttackTechniqueContext[], lint: LintSummary | null): Confidence {
  const reasons: ConfidenceReason[] = [];
  const official = rule.tags.includes('official');
  reasons.push(official ? { effect: 1, text: `Published by the product vendor (${rule.source}, tagged official).` } : { effect: 0, text: `Community content (${rule.source}).` });
  reasons.push(statusReason(rule.status));
  if (!analysis.parsed) reasons.push({ effect: -1, text: analysis.syntaxErrors.length ? `The query does not parse: ${analysis.syntaxErrors[0]!.message} (line ${analysis.syntaxErrors[0]!.line}).` : 'The query could not be read.' });
  else if (lint && lint.errors > 0) reasons.push({ effect: -1, text: `Lint found ${lint.errors} error${lint.errors === 1 ? '' : 's'} binding the query against the table schemas.` });
  else if (lint) reasons.push({ effect: 1, text: 'The query parses and binds cleanly against the table schemas.' });
  else reasons.push({ effect: rule.language === 'kql' ? 1 : 0, text: rule.language === 'kql' ? 'The query parses cleanly.' : 'The query was read by pattern (not parsed) for its language.' });
  reasons.push(attackReason(rule, attack));
  reasons.push(testsReason(rule));
  reasons.push(specificityReason(analysis));
  if (rule.problems.some((p) => p.severity === 'warning') || rule.flags.length) reasons.push({ effect: -1, text: `The rule file needed repair or is flagged (${[...rule.flags].slice(0, 3).join(', ') || 'warnings'}).` });
  const score = reasons.reduce((s, r) => s + r.effect, 0);
  const level = score >= 4 ? 'high' : score >= 1 ? 'medium' : 'low';
  return { level, score, reasons };
}
