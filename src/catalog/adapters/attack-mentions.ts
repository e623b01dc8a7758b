/**
 * ATT&CK references written in free text (links, ids in table cells, tactic names), as loose
 * KQL collections give them. Ids come out in `T1566.002` form; tactic names as written.
 */
import { distinct } from './loose-values.js';

// attack.mitre.org/techniques/T1566/002/ and the older attack.mitre.org/wiki/Technique/T1188.
const ATTACK_LINK = /attack\.mitre\.org\/(?:techniques|wiki\/Technique)\/(T\d{4})(?:[/.](\d{3}))?/gi;
const TECHNIQUE_ID = /\b(T\d{4})(?:[./](\d{3}))?\b/g;

/** The enterprise tactics, letters-only lower case, as tables and folders name them. */
const TACTIC_NAMES = new Set([
  'reconnaissance',
  'resourcedevelopment',
  'initialaccess',
  'execution',
  'persistence',
  'privilegeescalation',
  'defenseevasion',
  'credentialaccess',
  'discovery',
  'lateralmovement',
  'collection',
  'commandandcontrol',
  'exfiltration',
  'impact',
]);

const idOf = (m: RegExpMatchArray): string => (m[2] ? `${m[1]!.toUpperCase()}.${m[2]}` : m[1]!.toUpperCase());

/** Technique ids of the ATT&CK technique links in `text`, each once, in order. */
export function techniquesInAttackLinks(text: string): string[] {
  return distinct([...text.matchAll(ATTACK_LINK)].map(idOf));
}

/** Technique ids written anywhere in `text` (`T1098.001`, links included), each once. */
export function techniqueIdsIn(text: string): string[] {
  return distinct([...techniquesInAttackLinks(text), ...[...text.matchAll(TECHNIQUE_ID)].map(idOf)]);
}

/** True when `name` is an enterprise tactic name in any spelling (`Lateral movement`, `CommandAndControl`). */
export function isTacticName(name: string): boolean {
  return TACTIC_NAMES.has(name.toLowerCase().replace(/[^a-z]/g, ''));
}
