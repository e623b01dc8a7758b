/**
 * The severity we give a hunting query that declares none (Sentinel hunting queries, loose
 * KQL). Hunting queries surface candidates for an analyst rather than alerts, so the inferred
 * severity never goes above `medium`; it is `medium` when a declared tactic means the adversary
 * already operates inside (credential access, privilege escalation, lateral movement, command
 * and control, exfiltration, impact) and `low` otherwise, including when no tactic is declared.
 * The rule is documented in docs/field-mapping/sentinel.md and kql.md.
 */
import type { Severity } from '../rule.js';

/** Tactics, as letters-only lower case, that mark an intrusion already in progress. */
const INSIDE_TACTICS = new Set([
  'credentialaccess',
  'privilegeescalation',
  'lateralmovement',
  'commandandcontrol',
  'exfiltration',
  'impact',
]);

/** The same tactics by ATT&CK id. */
const INSIDE_TACTIC_IDS = new Set(['TA0006', 'TA0004', 'TA0008', 'TA0011', 'TA0010', 'TA0040']);

/**
 * Severity for a hunting query from its tactics as the file spells them (`CommandAndControl`,
 * `Command and Control`, `attack.command-and-control`, `TA0011` all count). Empty list → `low`.
 */
export function inferHuntingSeverity(tacticsRaw: readonly string[]): Severity {
  for (const raw of tacticsRaw) {
    const trimmed = raw.trim();
    if (INSIDE_TACTIC_IDS.has(trimmed.toUpperCase())) return 'medium';
    const letters = trimmed.toLowerCase().replace(/^attack\./, '').replace(/[^a-z]/g, '');
    if (INSIDE_TACTICS.has(letters)) return 'medium';
  }
  return 'low';
}
