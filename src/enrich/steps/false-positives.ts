/**
 * False-positive guidance: the rule's declared false positives first, then guidance tied to its
 * techniques, to ATT&CK's tunable analytic elements, and to its own filters (what else matches
 * a domain list, a generic process name, a missing signature, a threshold) — each with a
 * concrete tuning naming the column to allow-list.
 */
import type { AnalysisFilter, QueryAnalysis } from '../../analysis/index.js';
import type { Rule } from '../../catalog/rule.js';
import { techniqueGuidance, type TuningTarget } from '../catalog/technique-guidance.js';
import { tuningColumn } from '../catalog/tuning-columns.js';
import type { AttackTechniqueContext, FalsePositiveNote } from '../enrichment.js';
import { literalKind, type LiteralKind } from '../literal-kinds.js';
import { listOf, valueList } from '../phrases.js';
import type { RuleSubject } from '../subject.js';

/** Values that name something generic: short, all-wildcard, or ordinary words other software uses too. */
function genericValues(values: string[]): string[] {
  return values.filter((v) => {
    const core = v.replace(/[*?%]/g, '');
    return core.length < 4 || /^[a-z]+(-[a-z]+)?$/.test(core);
  });
}

function filterNote(f: AnalysisFilter, rule: Pick<Rule, 'language'>, analysis: QueryAnalysis, subject: RuleSubject | null): FalsePositiveNote | null {
  const col = (t: TuningTarget) => tuningColumn(rule.language, analysis, t);
  const kinds = new Set<LiteralKind>(f.values.map((v) => literalKind(v, f.field)));
  const field = f.field ?? 'the event text';
  if (/^(isempty|isnull)$/.test(f.operator) && f.field && /company|signer|signature|publisher|product|version/i.test(f.field)) {
    return {
      text: `${field} is empty for in-house tools, open-source builds and some installers as well, not only for tampered binaries.`,
      origin: 'filter',
      tuning: `Allow-list the known builds by ${col('hash')} (or their folder, ${col('process')}) after checking them.`,
    };
  }
  if (f.values.length === 0 || f.negated || f.group === 'other') return null;
  if (kinds.has('domain') || kinds.has('url')) {
    const who = subject ? `a sanctioned ${subject.name} deployment` : 'sanctioned software and users';
    return {
      text: `Any traffic to ${valueList(f.values, 4)} matches, including ${who}.`,
      origin: 'filter',
      tuning: `Allow-list the hosts where it is approved by ${col('host')}, and review the rest by ${col('user')}.`,
    };
  }
  if (kinds.has('ip') || kinds.has('cidr')) {
    return { text: `Addresses such as ${valueList(f.values, 3)} may be shared (CDN, cloud, NAT) and reused by unrelated services.`, origin: 'filter', tuning: `Check the address owner before acting; allow-list confirmed benign destinations by ${col('destination')}.` };
  }
  if (kinds.has('process') || kinds.has('file')) {
    const generic = genericValues(f.values);
    const loose = /^has|contains|:|like|endswith/.test(f.operator) ? ` and ${f.operator} also matches longer names that contain them` : '';
    if (generic.length) {
      return {
        text: `Generic names such as ${valueList(generic, 4)} are used by other software too${loose}.`,
        origin: 'filter',
        tuning: `Pin the match to the real binaries: allow-list by ${col('process')} or ${col('hash')} the copies that are legitimate.`,
      };
    }
    return { text: `Renamed or relocated legitimate copies of ${valueList(f.values, 3)} match too.`, origin: 'filter', tuning: `Allow-list legitimate copies by ${col('hash')} or signer.` };
  }
  if (kinds.has('command')) {
    return { text: `Scripts, installers and administrators can run command lines containing ${valueList(f.values, 3)}.`, origin: 'filter', tuning: `Allow-list the known callers by ${col('parent')} and ${col('user')}.` };
  }
  if (kinds.has('registry') || kinds.has('path')) {
    return { text: `Software installers and updates also write to ${valueList(f.values, 2)}.`, origin: 'filter', tuning: `Allow-list the installers by ${col('process')}.` };
  }
  if (kinds.has('event-id')) {
    return { text: `Event ${valueList(f.values, 4)} is also logged by routine activity; the other conditions carry the signal.`, origin: 'filter', tuning: `Allow-list the service accounts and hosts that generate it routinely by ${col('user')} and ${col('host')}.` };
  }
  return null;
}

/** The column kind an ATT&CK mutable element (`ParentProcessName`, `UserContext`, `ProcessAllowlist`) is about. */
function mutableTarget(field: string): TuningTarget {
  if (/parent/i.test(field)) return 'parent';
  if (/user|account|identity/i.test(field)) return 'user';
  if (/hash/i.test(field)) return 'hash';
  if (/host|device|machine/i.test(field)) return 'host';
  if (/dest|domain|url|egress|ip/i.test(field)) return 'destination';
  if (/command|args/i.test(field)) return 'command';
  return 'process';
}

/** The false-positive guidance of a rule, declared notes first. */
export function falsePositiveGuidance(
  rule: Pick<Rule, 'falsePositives' | 'language' | 'query'>,
  analysis: QueryAnalysis,
  attack: AttackTechniqueContext[],
  subject: RuleSubject | null,
  mutableElements: { analytic: string; field: string; description: string }[],
): FalsePositiveNote[] {
  const notes: FalsePositiveNote[] = rule.falsePositives.filter((t) => t.trim() !== '').map((text) => ({ text: text.trim(), origin: 'declared', tuning: null }));
  const col = (t: TuningTarget) => tuningColumn(rule.language, analysis, t);
  for (const t of attack) {
    const g = techniqueGuidance(t.id);
    if (g) notes.push({ text: `${t.name} (${t.id}): ${g.text}`, origin: 'technique', tuning: `Allow-list ${g.by} by ${col(g.target)}.` });
  }
  for (const m of mutableElements.slice(0, 2)) {
    notes.push({ text: `ATT&CK analytic ${m.analytic} names ${m.field} as a tunable part: ${m.description.replace(/\.?$/, '.')}`, origin: 'attack', tuning: `Express ${m.field} as an allow-list on ${col(mutableTarget(m.field))}.` });
  }
  const seen = new Set<string>();
  for (const f of analysis.filters) {
    const note = filterNote(f, rule, analysis, subject);
    if (note && !seen.has(note.text)) {
      seen.add(note.text);
      notes.push(note);
    }
  }
  for (const t of analysis.thresholds.slice(0, 1)) {
    notes.push({ text: `Busy hosts and accounts reach ${t.field} ${t.operator} ${t.value} with normal activity.`, origin: 'filter', tuning: `Raise the threshold for them, or allow-list them by ${listOf(analysis.aggregations.flatMap((a) => a.keys).slice(0, 2)) || col('host')}.` });
  }
  const filterMacro = /`([\w-]+_filter)`/.exec(rule.query)?.[1];
  if (filterMacro) notes.push({ text: `The search ends in the \`${filterMacro}\` macro, Splunk's place for local exclusions.`, origin: 'filter', tuning: `Put the allow-list conditions above into \`${filterMacro}\` rather than editing the search.` });
  return notes;
}
