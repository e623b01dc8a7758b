/**
 * Compares what a source holds now with what the catalog holds, giving the exact writes
 * (added and changed rules, removed ids, file states) and the source's summary.
 */
import type { Rule } from '../catalog/rule.js';
import type { SourceSyncSummary, StoredProblem } from '../store/catalog-store.js';
import type { SourceWrite, StoredFileState, StoredRuleState } from '../store/catalog-writer.js';
import { DUPLICATE_FLAG, setDuplicateFlag } from './build-rule.js';
import { findDuplicateUpstreamIds, type IdentifiedRule } from './duplicate-ids.js';
import type { FileEntry, ScannedFile } from './scan-source.js';

export interface PlanInput {
  source: string;
  /** Time of this sync, ISO. */
  now: string;
  commit: string | null;
  contextHash: string;
  entries: FileEntry[];
  /** Parse results of the entries that were not reused, by path. */
  scanned: Map<string, ScannedFile>;
  storedRules: Map<string, StoredRuleState>;
  storedFiles: Map<string, StoredFileState>;
  /** Loads full stored rules (for the few unchanged files whose duplicate status changed). */
  loadRules: (ids: string[]) => Rule[];
}

export interface SourcePlan {
  write: SourceWrite;
  summary: SourceSyncSummary;
  problems: StoredProblem[];
}

/** The writes and summary of one source; nothing is written here. */
export function planSource(input: PlanInput): SourcePlan {
  const { storedRules, now } = input;
  const fresh: Rule[] = [];
  const reusedIds: string[] = [];
  for (const e of input.entries) {
    if (e.reuse) reusedIds.push(...e.reuse.ruleIds);
    else fresh.push(...(input.scanned.get(e.path)?.rules ?? []));
  }

  const identified: IdentifiedRule[] = [
    ...fresh.map((r) => ({ id: r.id, upstreamId: r.upstreamId, path: r.path })),
    ...reusedIds.map((id) => storedRules.get(id)!),
  ];
  const duplicates = findDuplicateUpstreamIds(identified);
  for (const r of fresh) setDuplicateFlag(r, duplicates.has(r.id));
  const toggled = reusedIds.filter((id) => storedRules.get(id)!.flags.includes(DUPLICATE_FLAG) !== duplicates.has(id));
  for (const r of input.loadRules(toggled)) {
    setDuplicateFlag(r, duplicates.has(r.id));
    fresh.push(r);
  }

  const upsert: Rule[] = [];
  let added = 0;
  let changed = 0;
  for (const r of fresh) {
    const before = storedRules.get(r.id);
    if (before && before.contentHash === r.contentHash) continue;
    r.firstSeen = before?.firstSeen ?? now;
    r.lastChanged = now;
    r.retrievedAt = now;
    upsert.push(r);
    if (before) changed++;
    else added++;
  }
  const currentIds = new Set([...fresh.map((r) => r.id), ...reusedIds]);
  const removeIds = [...storedRules.keys()].filter((id) => !currentIds.has(id));

  const entryPaths = new Set(input.entries.map((e) => e.path));
  const states = input.entries.map((e) => e.reuse ?? input.scanned.get(e.path)!.state);
  const problems: StoredProblem[] = states.flatMap((s) => s.problems.map((p) => ({ ...p, source: input.source })));
  const pathOf = new Map(identified.map((r) => [r.id, r.path]));
  for (const [id, others] of duplicates) {
    problems.push({
      source: input.source,
      file: pathOf.get(id)!,
      reason: `upstream id ${JSON.stringify(storedRules.get(id)?.upstreamId ?? fresh.find((r) => r.id === id)?.upstreamId)} is also used by ${others.join(', ')}; both rules kept, flagged ${DUPLICATE_FLAG}`,
      severity: 'warning',
    });
  }

  const write: SourceWrite = {
    source: input.source,
    upsert,
    removeIds,
    upsertFiles: input.entries.filter((e) => !e.reuse).map((e) => input.scanned.get(e.path)!.state),
    removeFiles: [...input.storedFiles.keys()].filter((p) => !entryPaths.has(p)),
    state: { commit: input.commit, retrievedAt: now, contextHash: input.contextHash },
  };
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const summary: SourceSyncSummary = {
    source: input.source,
    commit: input.commit,
    filesRead: input.entries.length,
    added,
    changed,
    removed: removeIds.length,
    unchanged: currentIds.size - added - changed,
    ignored: states.filter((s) => s.outcome === 'ignored').length,
    problems: problems.length,
    rules: currentIds.size,
    failedFiles: states.filter((s) => s.outcome === 'failed').length,
    warnings,
  };
  return { write, summary, problems };
}
