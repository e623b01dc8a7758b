/**
 * A whole sync: every configured source located, listed, parsed (only what changed) and
 * diffed; then everything written in one transaction, so a sync killed at any point leaves
 * the previous catalog as it was.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { loadAttackKnowledgeBase, type AttackKnowledgeBase } from '../attack/index.js';
import { adapterFor } from '../catalog/adapters/index.js';
import type { SocfeedConfig, SourceConfig } from '../config/config-types.js';
import type { SourceSyncSummary, StoredProblem } from '../store/catalog-store.js';
import { CatalogWriter, type SourceWrite } from '../store/catalog-writer.js';
import { openCatalogDb } from '../store/open-catalog-db.js';
import { SqliteCatalogStore } from '../store/sqlite-store.js';
import { pauseForTest } from '../store/test-pause.js';
import { resolveAttackBundle } from './attack-bundle.js';
import { listSourceFiles } from './list-source-files.js';
import { locateSource } from './locate-source.js';
import { planSource } from './plan-source.js';
import { identifyFiles, scanFile, type ScannedFile } from './scan-source.js';
import { SILENT_REPORTER, type SyncReporter } from './sync-reporter.js';

/** Bump when sync or an adapter changes what it derives from unchanged files: forces a re-parse. */
export const SYNC_FORMAT_VERSION = 1;

export interface SyncOptions {
  /** Parse every file even when unchanged since the last sync. */
  full?: boolean;
  reporter?: SyncReporter;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface SyncReport {
  startedAt: string;
  finishedAt: string;
  sources: SourceSyncSummary[];
  /** Sources dropped from the configuration, whose rules were removed. */
  droppedSources: string[];
  /** False when a source failed as a whole (its previous rules were kept). */
  ok: boolean;
}

/** Syncs every source of `config` into its catalog. Throws only when nothing could be synced (no ATT&CK bundle, catalog unopenable). */
export async function runSync(config: SocfeedConfig, opts: SyncOptions = {}): Promise<SyncReport> {
  const clock = opts.now ?? (() => new Date());
  const reporter = opts.reporter ?? SILENT_REPORTER;
  const startedAt = clock().toISOString();
  const cacheDir = dirname(config.db);

  const bundle = await resolveAttackBundle(config.attack, cacheDir);
  if (bundle.warning) reporter.note(bundle.warning);
  let kb: AttackKnowledgeBase | null = null;
  // Loaded only when some file has to be parsed: a sync with nothing changed never needs it.
  const attack = () => (kb ??= loadAttackKnowledgeBase(bundle.path));

  const db = openCatalogDb(config.db, { create: true });
  try {
    const writer = new CatalogWriter(db);
    const store = new SqliteCatalogStore(db);
    const writes: SourceWrite[] = [];
    const summaries: SourceSyncSummary[] = [];
    const problems: StoredProblem[] = [];

    for (const source of config.sources) {
      try {
        const plan = await syncSource(source, { config, cacheDir, writer, store, attack, bundleSha: bundle.sha256, startedAt, full: opts.full ?? false, reporter });
        writes.push(plan.write);
        summaries.push(plan.summary);
        problems.push(...plan.problems);
        reporter.sourceDone(plan.summary);
      } catch (err) {
        const error = (err as Error).message;
        const kept = [...writer.fileStates(source.name).values()].flatMap((f) => f.problems.map((p) => ({ ...p, source: source.name })));
        problems.push({ source: source.name, file: '(source)', reason: error, severity: 'error' }, ...kept);
        const summary: SourceSyncSummary = {
          source: source.name, commit: writer.sourceState(source.name)?.commit ?? null, filesRead: 0, added: 0, changed: 0,
          removed: 0, unchanged: writer.countRules(source.name), ignored: 0, problems: 1, rules: writer.countRules(source.name),
          failedFiles: 0, warnings: 0, error,
        };
        summaries.push(summary);
        reporter.sourceDone(summary);
      }
    }

    const configured = new Set(config.sources.map((s) => s.name));
    const droppedSources = writer.storedSources().filter((s) => !configured.has(s));
    for (const s of droppedSources) reporter.note(`${s}: no longer configured, its ${writer.countRules(s)} rules are removed`);
    const finishedAt = clock().toISOString();
    writer.commitSync({ startedAt, finishedAt, sources: writes, dropSources: droppedSources, problems, summary: summaries });
    return { startedAt, finishedAt, sources: summaries, droppedSources, ok: summaries.every((s) => !s.error) };
  } finally {
    db.close();
  }
}

interface SourceContext {
  config: SocfeedConfig;
  cacheDir: string;
  writer: CatalogWriter;
  store: SqliteCatalogStore;
  attack: () => AttackKnowledgeBase;
  bundleSha: string;
  startedAt: string;
  full: boolean;
  reporter: SyncReporter;
}

let pausedInParse = false;

async function syncSource(source: SourceConfig, ctx: SourceContext) {
  const adapter = adapterFor(source.format);
  if (!adapter) throw new Error(`no adapter for format ${source.format} in this build of socfeed`);
  const located = await locateSource(source, ctx.cacheDir);
  const paths = await listSourceFiles(located.root, source.paths);

  const contextHash = createHash('sha256')
    .update(JSON.stringify({ v: SYNC_FORMAT_VERSION, format: source.format, tags: source.tags, attack: ctx.bundleSha, max: ctx.config.maxFileBytes }))
    .digest('hex');
  const reparseAll = ctx.full || ctx.writer.sourceState(source.name)?.contextHash !== contextHash;
  const storedFiles = ctx.writer.fileStates(source.name);
  const storedRules = ctx.writer.ruleStates(source.name);
  const entries = identifyFiles(paths, {
    root: located.root,
    adapter,
    commit: located.commit,
    manifest: located.manifest,
    maxFileBytes: ctx.config.maxFileBytes,
    stored: reparseAll ? new Map() : storedFiles,
    storedRuleIds: new Set(storedRules.keys()),
  });

  const scanned = new Map<string, ScannedFile>();
  entries.forEach((entry, i) => {
    if (!entry.reuse) {
      scanned.set(entry.path, scanFile(entry, { root: located.root, source, adapter, attack: ctx.attack(), maxFileBytes: ctx.config.maxFileBytes }));
      if (!pausedInParse) {
        pausedInParse = true;
        pauseForTest('SOCFEED_TEST_PAUSE_IN_PARSE', 'while parsing');
      }
    }
    ctx.reporter.progress(source.name, i + 1, entries.length);
  });

  return planSource({
    source: source.name,
    now: ctx.startedAt,
    commit: located.commit,
    contextHash,
    entries,
    scanned,
    storedRules,
    storedFiles,
    loadRules: (ids) => ctx.store.getRules(ids),
  });
}
