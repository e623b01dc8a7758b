import type { AttackKnowledgeBase, AttackTechnique } from '../attack/index.js';
import type { CoverageCell, CoverageMatrix } from './views/coverage.js';

/**
 * The ATT&CK matrix with rule counts: tactics in matrix order, their active techniques sorted
 * by name (as ATT&CK shows them), sub-techniques under their parent. `counts` comes from
 * `CatalogStore.coverage`, where a parent already counts its sub-techniques' rules.
 */
export function coverageMatrix(attack: AttackKnowledgeBase, counts: Map<string, number>): CoverageMatrix {
  const cell = (t: AttackTechnique): CoverageCell => ({
    id: t.id,
    name: t.name,
    count: counts.get(t.id) ?? 0,
    subtechniques: t.subtechniqueIds
      .map((id) => attack.technique(id))
      .filter((s): s is AttackTechnique => s !== undefined && !s.revoked && !s.deprecated)
      .map(cell),
  });
  return {
    tactics: attack.tactics().map((tactic) => ({
      id: tactic.id,
      shortname: tactic.shortname,
      name: tactic.name,
      techniques: attack.techniquesForTactic(tactic.shortname).map(cell),
    })),
  };
}
