/** References: the rule's own, links in its description, the ATT&CK pages of its techniques, and the original file. */
import type { Rule } from '../../catalog/rule.js';
import type { AttackTechniqueContext, ReferenceLink } from '../enrichment.js';

/** URLs in free text, trailing punctuation and Markdown brackets trimmed. */
export function urlsIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"'`)\]]+/g)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

/** Every reference of a rule, without duplicates, in the order rule → description → ATT&CK → original. */
export function ruleReferences(rule: Pick<Rule, 'references' | 'description' | 'url' | 'source'>, attack: AttackTechniqueContext[]): ReferenceLink[] {
  const out: ReferenceLink[] = [];
  const seen = new Set<string>();
  const add = (url: string, label: string, origin: ReferenceLink['origin']) => {
    const key = url.replace(/\/+$/, '').toLowerCase();
    if (!/^https?:\/\//i.test(url) || seen.has(key)) return;
    seen.add(key);
    out.push({ url, label, origin });
  };
  for (const r of rule.references) for (const url of urlsIn(r).length ? urlsIn(r) : [r]) add(url, url, 'rule');
  for (const url of urlsIn(rule.description)) add(url, url, 'description');
  for (const t of attack) add(t.url, `ATT&CK ${t.id} ${t.name}`, 'attack');
  if (rule.url) add(rule.url, `Original file in ${rule.source}`, 'original');
  return out;
}
