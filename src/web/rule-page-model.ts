import type { Rule } from '../catalog/rule.js';
import type { AttackKnowledgeBase } from '../attack/index.js';
import type { StoredEnrichment } from '../enrich/persist/enrichment-rows.js';
import type { RulePageData, TechniqueContext } from './views/rule.js';
import { shorten } from './views/html.js';

/**
 * What the rule page shows beyond the rule itself, derived from the rule and ATT&CK only.
 * The enrichment issue replaces the hypothesis and notes with richer ones; until then these
 * say only what the rule file and ATT&CK already say.
 */

/** How many mitigations and groups a technique shows on the page. */
const MITIGATIONS_SHOWN = 5;
const GROUPS_SHOWN = 8;

/** Tables of the Microsoft Defender XDR advanced-hunting schema, whose event time is `Timestamp`. */
const DEFENDER_TABLE = /^(Device\w+|Email\w+|Identity\w+|AlertInfo|AlertEvidence|CloudAppEvents|UrlClickEvents|BehaviorInfo|BehaviorEntities)$/;

/** ATT&CK summaries are Markdown: keep link text, drop the URL (we render text only). */
function plainSummary(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<code>|<\/code>/g, '');
}

/** The first sentence of a description, URLs dropped, at most ~240 characters; '' when none. */
export function firstSentence(description: string): string {
  // A URL's trailing punctuation stays: it usually ends the sentence.
  const flat = description
    .replace(/https?:\/\/\S*[^\s.,;:!?)]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?])/g, '$1')
    .trim();
  const end = /[.!?](\s|$)/.exec(flat);
  return shorten(end ? flat.slice(0, end.index + 1) : flat, 240);
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * One sentence: "If an adversary uses <techniques> for <tactics>, <tables> should show it:
 * <first sentence of the description>". Null when the rule has no description, technique or table.
 */
export function huntHypothesis(rule: Rule): string | null {
  const techniques = rule.techniques.map((t) => (t.known && t.name !== t.id ? `${t.name} (${t.id})` : t.id));
  const tactics = rule.tactics.map((t) => t.name);
  const first = firstSentence(rule.description);
  if (techniques.length === 0 && rule.dataSources.length === 0 && !first) return null;
  const actor =
    techniques.length > 0
      ? `If an adversary uses ${listOf(techniques)}${tactics.length ? ` for ${listOf(tactics)}` : ''}`
      : tactics.length > 0
        ? `If an adversary is at work in ${listOf(tactics)}`
        : 'If the activity this rule looks for takes place';
  const where = rule.dataSources.length > 0 ? listOf(rule.dataSources) : 'the logs this rule reads';
  return `${actor}, ${where} should show it${first ? `: ${first}` : '.'}`;
}

interface ConnectorEntry {
  connectorId?: unknown;
  dataTypes?: unknown;
}

/** Sentinel `requiredDataConnectors` from `rule.extra`, tolerating any shape; [] when absent. */
function sentinelConnectors(rule: Rule): string[] {
  const raw = rule.extra['requiredDataConnectors'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: ConnectorEntry) => {
    if (!entry || typeof entry.connectorId !== 'string') return [];
    const types = Array.isArray(entry.dataTypes) ? entry.dataTypes.filter((t): t is string => typeof t === 'string') : [];
    return [types.length ? `${entry.connectorId} (${types.join(', ')})` : entry.connectorId];
  });
}

/** Notes on the rule's data: Sentinel connectors, and for KQL which time column the query filters on. */
export function dataSourceNotes(rule: Rule): string[] {
  const notes: string[] = [];
  const connectors = sentinelConnectors(rule);
  if (connectors.length > 0) notes.push(`Microsoft Sentinel data connectors named by the rule: ${connectors.join('; ')}.`);
  if (rule.language !== 'kql' || !rule.query.trim()) return notes;
  const defender = rule.dataSources.filter((t) => DEFENDER_TABLE.test(t));
  const usesTimestamp = /\bTimestamp\b/.test(rule.query);
  const usesTimeGenerated = /\bTimeGenerated\b/.test(rule.query);
  if (defender.length > 0 && usesTimestamp && !usesTimeGenerated) {
    notes.push(
      `The query filters on Timestamp, the event time in Microsoft Defender XDR advanced hunting. When ${listOf(defender)} ` +
        'is streamed to a Microsoft Sentinel workspace the table keeps Timestamp and adds TimeGenerated, the column ' +
        "Sentinel's time range applies to: keep both windows in mind when running it there.",
    );
  } else if (defender.length > 0 && usesTimeGenerated && !usesTimestamp) {
    notes.push(
      `The query filters on TimeGenerated, which ${listOf(defender)} has in a Microsoft Sentinel workspace; ` +
        'in Microsoft Defender XDR advanced hunting the event time column is Timestamp.',
    );
  } else if (!usesTimestamp && !usesTimeGenerated) {
    notes.push('The query sets no time window of its own: the time range chosen when running it applies.');
  }
  return notes;
}

/** ATT&CK context of each technique of the rule; ids ATT&CK does not know come back with `known: false`. */
export function techniqueContexts(rule: Rule, attack: AttackKnowledgeBase): TechniqueContext[] {
  return rule.techniques.map((ref) => {
    const t = attack.technique(ref.id);
    if (!t) {
      return { id: ref.id, name: ref.name, known: false, tactics: [], summary: null, url: null, mitigations: [], groups: [] };
    }
    const usage = attack.usedBy(t.id);
    return {
      id: t.id,
      name: t.name,
      known: true,
      tactics: t.tactics.map((s) => attack.tactic(s)?.name ?? s),
      summary: t.summary ? plainSummary(t.summary) : null,
      url: t.url || attack.techniqueUrl(t.id),
      mitigations: attack.mitigations(t.id).slice(0, MITIGATIONS_SHOWN).map((m) => ({ id: m.id, name: m.name })),
      groups: usage.groups.slice(0, GROUPS_SHOWN).map((g) => ({ id: g.id, name: g.name })),
    };
  });
}

/** Everything the rule page needs for one rule; `stored` is its enrichment and lint findings, when the sync computed them. */
export function rulePageData(rule: Rule, attack: AttackKnowledgeBase, stored: StoredEnrichment | null = null): RulePageData {
  return {
    rule,
    enrichment: stored?.enrichment ?? null,
    lint: stored?.lint ?? null,
    hypothesis: huntHypothesis(rule),
    dataSourceNotes: dataSourceNotes(rule),
    techniques: techniqueContexts(rule, attack),
  };
}
