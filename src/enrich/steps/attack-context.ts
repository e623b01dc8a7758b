/**
 * ATT&CK context of each technique a rule maps to: name, tactics, summary, the v18 detection
 * strategies with the analytics relevant to the rule's data, mitigations, and a few of the
 * groups and software known to use it. Revoked and deprecated ids are mapped and flagged.
 */
import { groupUrl, mitigationUrl, softwareUrl, type AttackKnowledgeBase } from '../../attack/index.js';
import type { Rule } from '../../catalog/rule.js';
import type { AttackTechniqueContext } from '../enrichment.js';

const SHOWN = 5;

/** ATT&CK summaries are Markdown: keep link text, drop link targets and HTML code tags. */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<\/?code>/g, '');
}

/** Flags for the ids the rule gave that ATT&CK revoked or deprecated, by the active id they map to. */
function retiredFlags(rule: Pick<Rule, 'techniquesRaw'>, attack: AttackKnowledgeBase): Map<string, string> {
  const flags = new Map<string, string>();
  for (const raw of rule.techniquesRaw) {
    const r = attack.normalizeTechnique(raw);
    if (!r) continue;
    if (r.replacedFrom) flags.set(r.ref.id, `The rule gives ${r.replacedFrom}, which ATT&CK revoked; it is mapped to ${r.ref.id} (${r.ref.name}).`);
    else if (r.deprecated) flags.set(r.ref.id, `${r.ref.id} is deprecated in ATT&CK ${attack.version ?? ''}`.trimEnd() + ': it has no replacement; review the mapping.');
  }
  return flags;
}

/** The ATT&CK context of every technique of `rule`; `dataComponents` are those the rule's data documents. */
export function attackContext(rule: Pick<Rule, 'techniques' | 'techniquesRaw'>, attack: AttackKnowledgeBase, dataComponents: string[]): AttackTechniqueContext[] {
  const flags = retiredFlags(rule, attack);
  const wanted = new Set(dataComponents.map((d) => d.toLowerCase()));
  return rule.techniques.map((ref): AttackTechniqueContext => {
    const t = attack.technique(ref.id);
    if (!t) {
      return {
        id: ref.id, name: ref.name, tactics: [], summary: null, url: attack.techniqueUrl(ref.id), known: false,
        flag: `ATT&CK ${attack.version ?? ''} does not know ${ref.id}: a typo or an id from another matrix.`.replace('  ', ' '),
        detectionStrategies: [], mitigations: [], mitigationCount: 0, groups: [], groupCount: 0, software: [], softwareCount: 0,
      };
    }
    const mitigations = attack.mitigations(t.id);
    const usage = attack.usedBy(t.id);
    const detectionStrategies = attack.detectionStrategies(t.id).map((s) => ({
      id: s.id,
      name: s.name,
      url: s.url,
      analytics: s.analytics.flatMap((a) => {
        const matchedOn = a.dataComponents.filter((d) => wanted.has(d.name.toLowerCase())).map((d) => d.name);
        return matchedOn.length ? [{ id: a.id, name: `${a.name} (${a.platforms.join(', ') || 'any platform'})`, url: a.url, matchedOn }] : [];
      }),
    }));
    return {
      id: t.id,
      name: t.name,
      tactics: t.tactics.map((s) => attack.tactic(s)?.name ?? s),
      summary: t.summary ? plain(t.summary) : null,
      url: t.url || attack.techniqueUrl(t.id),
      known: true,
      flag: flags.get(t.id) ?? null,
      detectionStrategies,
      mitigations: mitigations.slice(0, SHOWN).map((m) => ({ id: m.id, name: m.name, url: m.url || mitigationUrl(m.id) })),
      mitigationCount: mitigations.length,
      groups: usage.groups.slice(0, SHOWN).map((g) => ({ id: g.id, name: g.name, url: g.url || groupUrl(g.id) })),
      groupCount: usage.groups.length,
      software: usage.software.slice(0, SHOWN).map((s) => ({ id: s.id, name: s.name, url: s.url || softwareUrl(s.id) })),
      softwareCount: usage.software.length,
    };
  });
}
