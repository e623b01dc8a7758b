/**
 * One source's files → what each one is: rules, ignored, or failed with problems. Files whose
 * content (and context) did not change since the last sync reuse the stored outcome, so a
 * re-sync reads and hashes files but parses only what changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AttackKnowledgeBase } from '../attack/index.js';
import type { SourceAdapter } from '../catalog/adapters/adapter.js';
import { readRuleFile } from '../catalog/read-rule-file.js';
import type { FileProblem, Rule } from '../catalog/rule.js';
import type { SourceConfig } from '../config/config-types.js';
import type { StoredFileState } from '../store/catalog-writer.js';
import { buildRule } from './build-rule.js';

/** A file of the source with its identity for the cache. */
export interface FileEntry {
  path: string;
  keyHash: string;
  /** Commit this file was read at (manifest entry, else the source's commit). */
  commit: string | null;
  /** The stored outcome, when the file is unchanged and may be reused as is. */
  reuse: StoredFileState | null;
}

/** What parsing one file gave. */
export interface ScannedFile {
  state: StoredFileState;
  rules: Rule[];
}

export interface HashOptions {
  root: string;
  adapter: SourceAdapter;
  commit: string | null;
  manifest: Map<string, string> | null;
  maxFileBytes: number;
  /** The last sync's files, or an empty map to parse everything. */
  stored: Map<string, StoredFileState>;
  /** Ids of the rules the catalog holds for the source (a stored file is reused only if they are all there). */
  storedRuleIds: Set<string>;
}

/** Identifies each file by a hash of its bytes (plus its manifest commit), and marks what can be reused. */
export function identifyFiles(paths: string[], opts: HashOptions): FileEntry[] {
  return paths.map((path) => {
    const commit = opts.manifest?.get(path) ?? opts.commit;
    const keyHash = fileKey(join(opts.root, path), path, opts);
    const stored = opts.stored.get(path);
    const reusable = stored !== undefined && stored.keyHash === keyHash && stored.ruleIds.every((id) => opts.storedRuleIds.has(id));
    return { path, keyHash, commit, reuse: reusable ? stored : null };
  });
}

function fileKey(absPath: string, path: string, opts: HashOptions): string {
  if (!opts.adapter.accepts(path)) return 'not-accepted';
  try {
    const size = statSync(absPath).size;
    if (size > opts.maxFileBytes) return `oversize:${size}`;
    const manifestCommit = opts.manifest?.get(path) ?? '';
    return createHash('sha256').update(readFileSync(absPath)).update(`\0${manifestCommit}`).digest('hex');
  } catch (err) {
    return `unreadable:${(err as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** Parses one file into rules (or an ignored / failed outcome); never throws. */
export function scanFile(
  entry: FileEntry,
  ctx: { root: string; source: SourceConfig; adapter: SourceAdapter; attack: AttackKnowledgeBase; maxFileBytes: number },
): ScannedFile {
  const { path } = entry;
  const outcome = (o: StoredFileState['outcome'], problems: FileProblem[], ignoredReason: string | null = null, rules: Rule[] = []): ScannedFile => ({
    state: { path, keyHash: entry.keyHash, outcome: o, ignoredReason, problems, ruleIds: rules.map((r) => r.id) },
    rules,
  });

  if (!ctx.adapter.accepts(path)) return outcome('ignored', [], `not a ${ctx.source.format} rule file (by its name)`);
  const read = readRuleFile(join(ctx.root, path), path, { maxBytes: ctx.maxFileBytes });
  if (!read.ok) return outcome('failed', [read.problem]);

  let result;
  try {
    result = ctx.adapter.parse({ path, text: read.text });
  } catch (err) {
    // An adapter bug must not stop the sync or lose the file: report it as the file's problem.
    return outcome('failed', [{ file: path, reason: `the ${ctx.source.format} adapter failed: ${(err as Error).message}`, severity: 'error' }]);
  }
  const fileProblems = result.problems.map((p) => ({ ...p, file: p.file || path }));
  if (result.rules.length === 0) {
    if (result.ignored) return outcome('ignored', fileProblems, result.ignored);
    const problems = fileProblems.some((p) => p.severity === 'error')
      ? fileProblems
      : [...fileProblems, { file: path, reason: 'no rule found in the file', severity: 'error' as const }];
    return outcome('failed', problems);
  }

  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const parsed of result.rules) {
    const rule = buildRule(parsed, { source: ctx.source, commit: entry.commit, attack: ctx.attack });
    if (seen.has(rule.id)) {
      fileProblems.push({ file: path, reason: `two rules at index ${parsed.indexInFile} of the file; the second is dropped`, severity: 'error' });
      continue;
    }
    seen.add(rule.id);
    rules.push(rule);
  }
  const problems = dedupeProblems([...fileProblems, ...rules.flatMap((r) => r.problems.map((p) => ({ ...p, file: p.file || path })))]);
  return outcome('rules', problems, null, rules);
}

function dedupeProblems(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.file, p.line, p.column, p.reason, p.severity]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
