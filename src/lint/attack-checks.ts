/** Lint checks on a rule's ATT&CK mapping, for every language. */
import type { AttackKnowledgeBase } from '../attack/index.js';
import type { Rule } from '../catalog/rule.js';
import type { LintFinding } from './lint-finding.js';

/** A finding for each known technique that has none of the rule's tactics in ATT&CK; [] when the rule names no tactic. */
export function techniqueTacticFindings(rule: Pick<Rule, 'id' | 'techniques' | 'tactics'>, attack: AttackKnowledgeBase): LintFinding[] {
  if (rule.tactics.length === 0) return [];
  const ruleTactics = new Set(rule.tactics.map((t) => t.shortname));
  const out: LintFinding[] = [];
  for (const ref of rule.techniques) {
    const t = attack.technique(ref.id);
    if (!t || t.tactics.length === 0 || t.tactics.some((s) => ruleTactics.has(s))) continue;
    const expected = t.tactics.map((s) => attack.tactic(s)?.name ?? s).join(' or ');
    out.push({
      ruleId: rule.id,
      code: 'technique-tactic-mismatch',
      severity: 'warning',
      message: `${t.id} ${t.name} belongs to ${expected} in ATT&CK, but the rule's tactics are ${rule.tactics.map((x) => x.name).join(', ')}.`,
      line: 1,
      column: 1,
      fileLine: null,
      fileColumn: null,
    });
  }
  return out;
}
