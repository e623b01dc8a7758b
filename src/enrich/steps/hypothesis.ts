/**
 * The hunt hypothesis: who does what for which tactic (sentence 1), how it shows in which data,
 * naming the literals the query looks for (sentence 2), and what the query's exclusions and
 * special conditions imply (sentence 3). Built from the rule, its query analysis and ATT&CK.
 */
import type { AttackKnowledgeBase } from '../../attack/index.js';
import type { AnalysisFilter, QueryAnalysis } from '../../analysis/index.js';
import type { Rule } from '../../catalog/rule.js';
import { KIND_NOUN, KIND_NOUNS, literalKind, type LiteralKind } from '../literal-kinds.js';
import { durationPhrase, firstSentence, listOf, lowerTactic, valueList } from '../phrases.js';
import type { RuleSubject } from '../subject.js';
import type { SourceRows } from './data-sources.js';

/** How specific each kind of literal is: the hypothesis names the most specific filters first. */
const KIND_RANK: Record<LiteralKind, number> = {
  hash: 0, domain: 1, url: 1, ip: 2, cidr: 3, process: 4, command: 5, registry: 6, path: 7, file: 8, 'event-id': 9, port: 10, account: 11, text: 12, number: 13,
};

const OPERATOR_WORDS: [RegExp, string][] = [
  [/^(has_any|has_all)$/i, 'has any of'],
  [/^has(_cs)?$/i, 'has'],
  [/^(contains|contains_cs)$|\bcontains\b/i, 'contains'],
  [/^(startswith|startswith_cs|hasprefix)$|\bstartswith\b/i, 'starts with'],
  [/^(endswith|endswith_cs|hassuffix)$|\bendswith\b/i, 'ends with'],
  [/regex|^re$|\bre\b|rlike|^match/i, 'matches the pattern'],
  [/^(like~?|:)$/i, 'matches'],
  [/cidr|ipv4_is_in|ipv6_is_in|ipv4_is_match/i, 'is in'],
];

/** `has_any` → `has any of`, `in~` → `is one of`, `==` → `is`. */
function operatorWords(f: AnalysisFilter): string {
  for (const [re, words] of OPERATOR_WORDS) if (re.test(f.operator)) return words;
  if (f.values.some((v) => v.includes('*'))) return 'matches';
  return f.values.length > 1 ? 'is one of' : 'is';
}

function filterKind(f: AnalysisFilter): LiteralKind {
  const kinds = f.values.map((v) => literalKind(v, f.field));
  return kinds.sort((a, b) => KIND_RANK[a] - KIND_RANK[b])[0] ?? 'text';
}

/** `RemoteUrl has any of the domains a, b and c`. */
export function filterPhrase(f: AnalysisFilter, max = 7): string {
  const kind = filterKind(f);
  const noun = kind === 'text' || kind === 'number' ? '' : `the ${f.values.length > 1 ? KIND_NOUNS[kind] : KIND_NOUN[kind]} `;
  const field = f.field ?? 'the event text';
  const words = operatorWords(f);
  const conj = /has any|one of|matches|contains|starts|ends/.test(words) ? 'or' : 'and';
  // `has` matches whole terms: say so when no noun says what the value is.
  const op = words === 'has' && noun === '' ? 'has the term' : words;
  return `${field} ${f.negated ? 'not ' : ''}${op} ${noun}${valueList(f.values, max, conj)}`;
}

/** Filters on the same field with the same operator, merged into one with all their values (SPL writes `a=1 OR a=2`). */
function mergeSameField(filters: AnalysisFilter[]): AnalysisFilter[] {
  const byKey = new Map<string, AnalysisFilter>();
  for (const f of filters) {
    const key = `${f.field}\u0000${f.operator}\u0000${f.negated}`;
    const seen = byKey.get(key);
    if (seen) seen.values = [...new Set([...seen.values, ...f.values])];
    else byKey.set(key, { ...f, values: [...f.values] });
  }
  return [...byKey.values()];
}

/** Filters that name literals, positive first, most specific kinds first, row filters (`where`) before the rest. */
function literalFilters(analysis: QueryAnalysis, negated: boolean): AnalysisFilter[] {
  return mergeSameField(analysis.filters)
    .filter((f) => f.negated === negated && f.values.some((v) => v.trim() !== '') && f.group !== 'other')
    .map((f, i) => ({ f, i, rank: KIND_RANK[filterKind(f)] }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.f);
}

function techniquePhrase(rule: Pick<Rule, 'techniques'>): string {
  return listOf(rule.techniques.map((t) => (t.known && t.name !== t.id ? `${t.name} (${t.id})` : t.id)));
}

/** Tactics the rule names, plus persistence or C2 when the description says so and the rule does not. */
function goalPhrase(rule: Pick<Rule, 'tactics' | 'description'>, attack: AttackKnowledgeBase): string {
  const names = rule.tactics.map((t) => lowerTactic(t.name));
  if (/\bpersist/i.test(rule.description) && !names.includes('persistence')) names.push('persistence');
  if (/\b(C2|command[- ]and[- ]control)\b/i.test(rule.description) && !names.includes('command and control')) names.push('command and control');
  if (names.length === 0 && rule.tactics.length === 0) return '';
  void attack;
  return listOf(names, 'or');
}

/** How descriptions start before saying what they detect: dropped in the hypothesis. */
const OPENER = /^(the following (analytic|search|hunting query|query|rule|detection)\s+|this (hunting query|query|rule|analytic|search|hunt|detection|hunting search)\s+(is designed to |aims to |will )?|(a |an )?(query|rule|hunt) (to|that)\s+)/i;

function sentenceOne(rule: Rule, attack: AttackKnowledgeBase, subject: RuleSubject | null): string {
  const techniques = techniquePhrase(rule);
  const goal = goalPhrase(rule, attack);
  const forGoal = goal ? ` for ${goal}` : '';
  if (subject && techniques && subject.role) return `Adversaries install or abuse ${subject.name}, ${subject.role}, as ${techniques}${forGoal}.`;
  if (subject && techniques) {
    const goals = rule.tactics.map((t) => lowerTactic(t.name));
    const aim = goals.length === 1 ? `, a ${goals[0]} technique` : forGoal;
    return `Adversaries use ${subject.name} for ${techniques}${aim}.`;
  }
  if (techniques) {
    const what = firstSentence(rule.description) || rule.name;
    return `An adversary uses ${techniques}${forGoal}: ${what.replace(OPENER, '').replace(/^[a-z]/, (c) => c.toUpperCase())}`.replace(/([^.!?…])$/, '$1.');
  }
  const what = firstSentence(rule.description);
  const same = !what || what.toLowerCase().replace(/\W/g, '').startsWith(rule.name.toLowerCase().replace(/\W/g, ''));
  if (same) return `No ATT&CK technique is mapped to ${rule.name.replace(/[.!?]$/, '')}.`;
  return `No ATT&CK technique is mapped; the rule (${rule.name}) looks for this: ${what.replace(OPENER, '').replace(/^[a-z]/, (c) => c.toUpperCase())}`.replace(/([^.!?…])$/, '$1.');
}

function sourcePhrase(analysis: QueryAnalysis, rule: Rule): string {
  const names = analysis.sources.length
    ? analysis.sources.map((s) => (s.kind === 'macro' ? `the \`${s.name}\` macro's data` : s.kind === 'datamodel' ? `the ${s.name} data model` : s.name))
    : rule.dataSources;
  if (names.length === 0) return 'the data the rule names';
  if (analysis.sigma) return `${names[0]} logs`;
  return listOf(names.slice(0, 3)) + (names.length > 3 ? ` and ${names.length - 3} more sources` : '');
}

function sentenceTwo(rule: Rule, analysis: QueryAnalysis, rows: SourceRows): string {
  const filters = literalFilters(analysis, false).slice(0, 3);
  const parts: string[] = [];
  if (filters.length) parts.push(`where ${listOf(filters.map((f) => filterPhrase(f)))}`);
  else if (analysis.filters.length) parts.push(`where ${listOf(analysis.filters.slice(0, 2).map((f) => `${f.field ?? 'the event'} ${f.operator}`))}`);
  const window = analysis.timeWindow?.lookbackMs ? ` over the last ${durationPhrase(analysis.timeWindow.lookbackMs)}` : '';
  const keys = [...new Set(analysis.aggregations.flatMap((a) => a.keys))].slice(0, 4);
  const per = keys.length ? `, counted per ${listOf(keys)}` : '';
  const threshold = analysis.thresholds.length ? ` and kept when ${listOf(analysis.thresholds.map((t) => `${t.field} ${t.operator} ${t.value}`))}` : '';
  return `It shows in ${sourcePhrase(analysis, rule)} as ${rows.rows}${parts.length ? ' ' + parts.join(' ') : ''}${window}${per}${threshold}.`;
}

/** What an empty signer / company / version field means. */
function emptyFieldMeaning(field: string): string | null {
  if (/companyname|company/i.test(field)) return 'the binary carries no company name in its version information — an unsigned, renamed or repackaged copy rather than the vendor-built agent, which is what an attacker-dropped tool looks like';
  if (/signer|signature|publisher|issuer/i.test(field)) return 'the file is unsigned, which vendor-built software rarely is';
  if (/productname|product|version/i.test(field)) return 'the binary carries no product metadata, unusual for installed software';
  return null;
}

function sentenceThree(analysis: QueryAnalysis): string | null {
  const parts: string[] = [];
  for (const f of analysis.filters) {
    if (f.group === 'other' || f.field === null) continue;
    if (/^(isempty|isnull)$/.test(f.operator) && !f.negated) {
      const meaning = emptyFieldMeaning(f.field);
      parts.push(meaning ? `The empty ${f.field} condition means ${meaning}` : `${f.field} must be empty`);
    }
  }
  const excluded = literalFilters(analysis, true).slice(0, 2);
  if (excluded.length) parts.push(`It leaves out events where ${listOf(excluded.map((f) => filterPhrase({ ...f, negated: false }, 4)))}`);
  if (parts.length === 0) return null;
  return `${parts.slice(0, 2).join('. ')}.`;
}

/** The 1–3 sentence hypothesis for a rule. */
export function huntHypothesis(rule: Rule, analysis: QueryAnalysis, attack: AttackKnowledgeBase, subject: RuleSubject | null, rows: SourceRows): string {
  return [sentenceOne(rule, attack, subject), sentenceTwo(rule, analysis, rows), sentenceThree(analysis)].filter(Boolean).join(' ');
}
