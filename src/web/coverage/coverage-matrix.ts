import type { AttackKnowledgeBase, AttackTechnique } from '../../attack/index.js';
import type { ConfidenceLevel } from '../../enrich/enrichment.js';
import { dataStatus, type DataStatus, type TechniqueStats } from './coverage-stats.js';

/** One technique cell (parents count their sub-techniques' rules). */
export interface CoverageCell {
  id: string;
  name: string;
  count: number;
  /** Best confidence of its rules; null when none is enriched or confidence was not asked for. */
  confidence: ConfidenceLevel | null;
  /** Rules runnable with the data the user has; 0 without a selection. */
  runnable: number;
  /** Set when the user chose the data they have. */
  status: DataStatus | null;
  subtechniques: CoverageCell[];
}

export interface CoverageTactic {
  id: string;
  shortname: string;
  name: string;
  techniques: CoverageCell[];
}

export interface CoverageMatrix {
  tactics: CoverageTactic[];
}

/** Active (non-revoked, non-deprecated) sub-techniques of a technique. */
export function activeSubtechniques(attack: AttackKnowledgeBase, t: AttackTechnique): AttackTechnique[] {
  return t.subtechniqueIds
    .map((id) => attack.technique(id))
    .filter((s): s is AttackTechnique => s !== undefined && !s.revoked && !s.deprecated);
}

/**
 * The ATT&CK matrix with the stats of each technique: tactics in matrix order, their active
 * techniques sorted by name (as ATT&CK shows them), sub-techniques under their parent.
 * `withStatus` fills `status` (the user chose the data they have).
 */
export function coverageMatrix(attack: AttackKnowledgeBase, stats: Map<string, TechniqueStats>, withStatus = false): CoverageMatrix {
  const cell = (t: AttackTechnique): CoverageCell => {
    const s = stats.get(t.id);
    return {
      id: t.id,
      name: t.name,
      count: s?.rules.length ?? 0,
      confidence: s?.confidence ?? null,
      runnable: s?.runnable ?? 0,
      status: withStatus ? dataStatus(s) : null,
      subtechniques: activeSubtechniques(attack, t).map(cell),
    };
  };
  return {
    tactics: attack.tactics().map((tactic) => ({
      id: tactic.id,
      shortname: tactic.shortname,
      name: tactic.name,
      techniques: attack.techniquesForTactic(tactic.shortname).map(cell),
    })),
  };
}
