/**
 * Who or what a rule is about, when it names one: a tool, product or malware family, and its
 * role ("a remote monitoring and management (RMM) tool", "malware ATT&CK tracks as S0154").
 * Found from the rule's own text and literals and ATT&CK's software list — never guessed.
 */
import type { AttackKnowledgeBase } from '../attack/index.js';
import type { Rule } from '../catalog/rule.js';
import { comparedLiterals, type QueryAnalysis } from '../analysis/index.js';

export interface RuleSubject {
  name: string;
  /** Its role in a sentence, after the name: `a remote monitoring and management (RMM) tool`; null when unknown. */
  role: string | null;
  /** ATT&CK software id, when the subject is software ATT&CK tracks. */
  attackId: string | null;
}

const RMM = /remote\s+(monitoring\s+and\s+management|management\s+and\s+mon\w*oring)|\bRMM\b/i;
/** Words of rule names that are never a product name. */
const COMMON = new Set(
  'remote management monitoring montioring tool tools network connection process file execution detected detect detection suspicious possible potential activity access windows linux macos user users login logon from with using via event events query hunting rule new creation created service services command line powershell registry dump memory credential credentials script scripts shell download upload execution'.split(' '),
);

/** Per knowledge base and technique: the software ATT&CK lists for it, with a compiled word-boundary pattern each. */
const softwarePatterns = new WeakMap<AttackKnowledgeBase, Map<string, { name: string; id: string; type: string; re: RegExp }[]>>();

function softwareOf(attack: AttackKnowledgeBase, techniqueId: string) {
  let perKb = softwarePatterns.get(attack);
  if (!perKb) softwarePatterns.set(attack, (perKb = new Map()));
  let list = perKb.get(techniqueId);
  if (!list) {
    list = attack
      .usedBy(techniqueId)
      .software.filter((s) => s.name.length >= 4)
      .map((s) => ({ name: s.name, id: s.id, type: s.type, re: new RegExp(`\\b${s.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i') }));
    perKb.set(techniqueId, list);
  }
  return list;
}

/** The subject of `rule`, or null when its text names none we can stand behind. */
export function ruleSubject(rule: Pick<Rule, 'name' | 'description' | 'techniques'>, analysis: QueryAnalysis, attack: AttackKnowledgeBase): RuleSubject | null {
  const text = `${rule.name}\n${rule.description}`;
  const rmm = RMM.test(text);
  // Literals as sets of tokens: `prod.addigy.com` → prod, addigy, com (a name must be a whole token).
  const literalTokens = new Set(comparedLiterals(analysis).flatMap((l) => l.toLowerCase().split(/[^a-z0-9]+/)));

  // A word of the name that the query also looks for (`Addigy` in `prod.addigy.com`).
  // Product names are capitalized words (`Addigy`, `AddinUtil`); all-caps words are usually acronyms (`LSASS`, `DNS`).
  const words = rule.name.split(/[^A-Za-z0-9]+/).filter((w) => w.length >= 4 && /^[A-Z][a-z]/.test(w) && !COMMON.has(w.toLowerCase()));
  const inLiterals = words.find((w) => literalTokens.has(w.toLowerCase()));
  // RMM catalogue names read "… tool - <Name> - <what>".
  const dashed = rmm ? /\btools?\s*-\s*([^-]+?)\s*-/i.exec(rule.name)?.[1]?.trim() : undefined;

  for (const technique of rule.techniques) {
    for (const s of softwareOf(attack, technique.id)) {
      if (s.re.test(text)) return { name: s.name, role: `${s.type === 'malware' ? 'malware' : 'a tool'} ATT&CK tracks as ${s.id}`, attackId: s.id };
    }
  }
  const name = dashed ?? inLiterals;
  if (!name) return null;
  return { name, role: rmm ? 'a legitimate remote monitoring and management (RMM) tool' : null, attackId: null };
}
