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
import { CatalogWriter, type SourceWrite, type StoredFileState, type StoredRuleState } from '../store/catalog-writer.js';
import { openCatalogDb } from '../store/open-catalog-db.js';
import { SqliteCatalogStore } from '../store/sqlite-store.js';
import { resolveAttackBundle } from './attack-bundle.js';
import { listSourceFiles } from './list-source-files.js';
import { locateSource } from './locate-source.js';
import { planSource } from './plan-source.js';
import { parseAll } from './parse-pool.js';
import { enrichCatalog } from '../enrich/persist/enrich-catalog.js';
import { loadTableSchemas, type TableSchema } from '../kql/schema/load-schemas.js';
import { identifyFiles, type FileEntry } from './scan-source.js';
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
  const schemas = lintSchemas(config, reporter);
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
    const fail = (source: SourceConfig, err: unknown) => {
      const error = (err as Error).message;
      const kept = [...writer.fileStates(source.name).values()].flatMap((f) => f.problems.map((p) => ({ ...p, source: source.name })));
      problems.push({ source: source.name, file: '(source)', reason: error, severity: 'error' }, ...kept);
      const rules = writer.countRules(source.name);
      const summary: SourceSyncSummary = {
        source: source.name, commit: writer.sourceState(source.name)?.commit ?? null, filesRead: 0, added: 0, changed: 0,
        removed: 0, unchanged: rules, ignored: 0, problems: 1, rules, failedFiles: 0, warnings: 0, error,
      };
      summaries.push(summary);
      reporter.sourceDone(summary);
    };

    // 1. Locate, list and hash every source's files; find what must be parsed.
    const prepared: PreparedSource[] = [];
    for (const source of config.sources) {
      try {
        prepared.push(await prepareSource(source, { config, cacheDir, writer, bundleSha: bundle.sha256, full: opts.full ?? false }));
      } catch (err) {
        fail(source, err);
      }
    }

    // 2. Parse what changed, on worker threads when there is much of it.
    const toParse = prepared.map((p) => ({ source: p.source, root: p.root, entries: p.entries.filter((e) => !e.reuse), storedRules: p.storedRules }));
    const done = prepared.map((p) => p.entries.length - toParse.find((t) => t.source === p.source)!.entries.length);
    const { scanned, enrichments } = await parseAll({
      batches: toParse,
      attackPath: bundle.path,
      maxFileBytes: config.maxFileBytes,
      schemas,
      attack,
      onBatchDone: (i, files) => {
        done[i]! += files;
        reporter.progress(prepared[i]!.source.name, done[i]!, prepared[i]!.entries.length);
      },
    });

    // 3. Diff each source against the catalog.
    prepared.forEach((p, i) => {
      try {
        const plan = planSource({
          source: p.source.name,
          now: startedAt,
          commit: p.commit,
          contextHash: p.contextHash,
          entries: p.entries,
          scanned: new Map(scanned[i]!.map((f) => [f.state.path, f])),
          storedRules: p.storedRules,
          storedFiles: p.storedFiles,
          loadRules: (ids) => store.getRules(ids),
        });
        writes.push(plan.write);
        summaries.push(plan.summary);
        problems.push(...plan.problems);
        reporter.sourceDone(plan.summary);
      } catch (err) {
        fail(p.source, err);
      }
    });

    const configured = new Set(config.sources.map((s) => s.name));
    const droppedSources = writer.storedSources().filter((s) => !configured.has(s));
    for (const s of droppedSources) reporter.note(`${s}: no longer configured, its ${writer.countRules(s)} rules are removed`);
    const finishedAt = clock().toISOString();
    writer.commitSync({ startedAt, finishedAt, sources: writes, dropSources: droppedSources, problems, summary: summaries });

    // Enrichments made while parsing hold for the rules just written with the same content hash
    // (a duplicate flag set after parsing changes it); every other outdated rule is computed below.
    const written = new Map(writes.flatMap((w) => w.upsert.map((r) => [r.id, r.contentHash] as const)));
    const fresh = new Map(enrichments.filter((e) => written.get(e.ruleId) === e.contentHash).map((e) => [e.ruleId, e]));

    // 4. Enrich and lint what changed (everything once after an ENRICHMENT_VERSION bump). The
    // catalog is already committed: a failure here leaves rules without enrichment, never lost.
    try {
      const enriched = await enrichCatalog(db, {
        attack,
        attackPath: bundle.path,
        schemas,
        fresh,
        loadRules: (ids) => store.getRules(ids),
        onProgress: (n, total) => reporter.progress('enrichment', n, total),
      });
      if (enriched > 0) reporter.note(`enriched and linted ${enriched} rule${enriched === 1 ? '' : 's'}`);
    } catch (err) {
      reporter.note(`enrichment failed: ${(err as Error).message}; rules are shown without it until the next sync`);
    }
    return { startedAt, finishedAt, sources: summaries, droppedSources, ok: summaries.every((s) => !s.error) };
  } finally {
    db.close();
  }
}

/** The table schemas of `config.schemas` for lint, or null (parse-only lint) when none are configured; what cannot be read is noted. */
function lintSchemas(config: SocfeedConfig, reporter: SyncReporter): TableSchema[] | null {
  if (!config.schemas?.length) return null;
  const loaded = loadTableSchemas(config.schemas);
  for (const problem of loaded.problems) reporter.note(`schemas: ${problem}`);
  if (loaded.tables.size === 0) reporter.note(`schemas: no table schema found in ${config.schemas.join(', ')}; every table will be reported unknown`);
  return [...loaded.tables.values()];
}

interface PrepareContext {
  config: SocfeedConfig;
  cacheDir: string;
  writer: CatalogWriter;
  bundleSha: string;
  full: boolean;
}

interface PreparedSource {
  source: SourceConfig;
  root: string;
  commit: string | null;
  contextHash: string;
  entries: FileEntry[];
  storedRules: Map<string, StoredRuleState>;
  storedFiles: Map<string, StoredFileState>;
}

/** Locates a source, lists its files and decides which ones need parsing. */
async function prepareSource(source: SourceConfig, ctx: PrepareContext): Promise<PreparedSource> {
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
  return { source, root: located.root, commit: located.commit, contextHash, entries, storedRules, storedFiles };
}
