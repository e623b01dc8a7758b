import type { ConfidenceLevel } from '../../enrich/enrichment.js';
import type { CoverageEntry } from '../../store/catalog-store.js';

/** What the coverage knows of one technique: its rules (a parent's include its sub-techniques'). */
export interface TechniqueStats {
  /** Distinct rules, in entry order (by name). */
  rules: { id: string; name: string; source: string }[];
  /** Rules per source. */
  sources: Map<string, number>;
  /** Best confidence among the rules; null when none is enriched. */
  confidence: ConfidenceLevel | null;
  /** Rules runnable with the data the user has (0 without a selection). */
  runnable: number;
}

/** Whether a technique is covered by runnable rules, only by rules needing missing data, or not at all. */
export type DataStatus = 'runnable' | 'missing-data' | 'none';

/** `SigmaHQ 7, Azure-Sentinel 5`: rules per source, most first, then by name. */
export function sourcesText(s: TechniqueStats, separator = ', '): string {
  return [...s.sources]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([source, n]) => `${source} ${n}`)
    .join(separator);
}

const RANK: Record<ConfidenceLevel, number> = { low: 1, medium: 2, high: 3 };

/**
 * Whether a rule runs on the data the user has. A KQL rule (`all`) needs every table it reads;
 * other rules (`any`) list alternatives and need one. A rule naming no data source at all is
 * never counted runnable: we cannot tell what it needs.
 */
export function isRunnable(entry: Pick<CoverageEntry, 'tables' | 'needs'>, have: ReadonlySet<string>): boolean {
  if (entry.tables.length === 0) return false;
  return entry.needs === 'all' ? entry.tables.every((t) => have.has(t)) : entry.tables.some((t) => have.has(t));
}

/** Classification of a technique from its stats (undefined stats: no rule). */
export function dataStatus(stats: TechniqueStats | undefined): DataStatus {
  if (!stats || stats.rules.length === 0) return 'none';
  return stats.runnable > 0 ? 'runnable' : 'missing-data';
}

/**
 * Stats per technique id from the store's entries. Each entry counts for its technique and,
 * for a sub-technique, for the parent too (once per rule: a rule for two sub-techniques of
 * one parent is one rule of the parent).
 */
export function techniqueStats(
  entries: CoverageEntry[],
  opts: { have?: readonly string[] | null; confidences?: Map<string, ConfidenceLevel> | null } = {},
): Map<string, TechniqueStats> {
  const have = opts.have ? new Set(opts.have) : null;
  const stats = new Map<string, TechniqueStats & { ids: Set<string> }>();
  const add = (techniqueId: string, e: CoverageEntry, level: ConfidenceLevel | undefined, runnable: boolean) => {
    let s = stats.get(techniqueId);
    if (!s) stats.set(techniqueId, (s = { rules: [], ids: new Set(), sources: new Map(), confidence: null, runnable: 0 }));
    if (s.ids.has(e.ruleId)) return;
    s.ids.add(e.ruleId);
    s.rules.push({ id: e.ruleId, name: e.name, source: e.source });
    s.sources.set(e.source, (s.sources.get(e.source) ?? 0) + 1);
    if (level && (!s.confidence || RANK[level] > RANK[s.confidence])) s.confidence = level;
    if (runnable) s.runnable++;
  };
  for (const e of entries) {
    const level = opts.confidences?.get(e.ruleId);
    const runnable = have !== null && isRunnable(e, have);
    add(e.techniqueId, e, level, runnable);
    if (e.parentId) add(e.parentId, e, level, runnable);
  }
  for (const s of stats.values()) delete (s as Partial<typeof s>).ids;
  return stats;
}
