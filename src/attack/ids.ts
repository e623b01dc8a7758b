/**
 * Reading ATT&CK ids and tactic names out of the many ways rule files spell them.
 * Pure string work; the knowledge base decides what the result refers to.
 */

const QUOTES = /^['"`\s]+|['"`\s]+$/g;
const TECHNIQUE_URL = /^https?:\/\/attack\.mitre\.org\/techniques\//i;
const TACTIC_URL = /^https?:\/\/attack\.mitre\.org\/tactics\//i;
// `T1059`, `T1059.001`, and the `/` or `_` separators of URLs and Sigma's old tags.
const TECHNIQUE_ID = /^t(\d{4})(?:[./_](\d{3}))?$/i;

function unwrap(raw: string): string {
  return raw.replace(QUOTES, '').replace(/^attack\./i, '');
}

/**
 * Canonical technique id (`T1059.001`) from `t1059.001`, `attack.t1059.001`, `T1059/001`,
 * `" T1219 "` or an attack.mitre.org URL; null when the text is not a technique id.
 */
export function parseTechniqueId(raw: string): string | null {
  const text = unwrap(raw).replace(TECHNIQUE_URL, '').replace(/\/+$/, '');
  const match = TECHNIQUE_ID.exec(text);
  if (!match) return null;
  return match[2] === undefined ? `T${match[1]}` : `T${match[1]}.${match[2]}`;
}

/**
 * Lookup key for a tactic spelling: lower case, `&` read as "and", everything but letters and
 * digits dropped, so `CommandAndControl`, `Command & Control`, `attack.command_and_control`
 * and `command-and-control` all give `commandandcontrol`; `TA0011` gives `ta0011`.
 */
export function tacticKey(raw: string): string {
  return unwrap(raw)
    .replace(TACTIC_URL, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Tactic names other ATT&CK releases use, by key, with the tactic ids they may stand for,
 * best first. v19 renamed TA0005 "Defense Evasion" to "Stealth" and split "Defense
 * Impairment" (TA0112) out of it, and current Sigma rules already use the v19 names; against
 * a v18 bundle both resolve to Defense Evasion, against a v19 bundle `defense-evasion` still
 * resolves to TA0005.
 */
export const TACTIC_ALIASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['stealth', ['TA0005']],
  ['defenseimpairment', ['TA0112', 'TA0005']],
  ['defenseevasion', ['TA0005']],
]);
