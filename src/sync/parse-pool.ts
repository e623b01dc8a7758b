/** Parses many files on worker threads, or in this thread when there are few. */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../worker/start-module-worker.js';
import type { AttackKnowledgeBase } from '../attack/index.js';
import type { FreshEnrichment } from '../enrich/persist/enrich-fresh.js';
import type { TableSchema } from '../kql/schema/table-schema.js';
import type { StoredRuleState } from '../store/catalog-writer.js';
import { parseBatch } from './parse-batch.js';
import type { ParseBatch, ParseBatchResult, ParseWorkerInit } from './parse-job.js';
import type { FileEntry, ScannedFile } from './scan-source.js';

/** Below this many files, starting workers (each loads ATT&CK and the KQL parser) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 400;
const BATCH_SIZE = 40;
/**
 * One worker per core: each worker loads ATT&CK and the KQL parser itself (a few seconds of
 * warm-up), so more workers than cores only repeats that cost. SOCFEED_PARSE_WORKERS overrides.
 */
const MAX_WORKERS = Number(process.env.SOCFEED_PARSE_WORKERS) || availableParallelism();

/** The files of one source to parse. */
export interface SourceBatch {
  source: ParseBatch['source'];
  root: string;
  entries: FileEntry[];
  /** What the catalog holds for the source's rules (an unchanged rule is not enriched again). */
  storedRules: ReadonlyMap<string, StoredRuleState>;
}

export interface ParseWork {
  batches: SourceBatch[];
  attackPath: string;
  maxFileBytes: number;
  /** Table schemas to lint KQL rules against; null: parse-only lint. */
  schemas: readonly TableSchema[] | null;
  /** Loads ATT&CK in this thread (only called when parsing here). */
  attack: () => AttackKnowledgeBase;
  /** Called after each batch with the number of files it held. */
  onBatchDone: (batchIndex: number, files: number) => void;
}

export interface ParseResult {
  /** Per source batch, in the order of `work.batches`. */
  scanned: ScannedFile[][];
  /** Enrichments of the new and changed rules, made while parsing. */
  enrichments: FreshEnrichment[];
}

/** Parses every batch; results in the order of `work.batches`. Never rejects for a bad file (only for a crashed worker). */
export async function parseAll(work: ParseWork): Promise<ParseResult> {
  const files = work.batches.reduce((n, b) => n + b.entries.length, 0);
  const workers = Math.min(MAX_WORKERS, availableParallelism(), Math.ceil(files / BATCH_SIZE));
  if (files < MIN_FILES_FOR_WORKERS || workers < 2) return parseHere(work);
  return parseOnWorkers(work, workers);
}

/** Stored content hashes of the rules of `entries`' files, by rule id (what a batch needs to skip unchanged rules). */
function storedHashesOf(entries: FileEntry[], byPath: Map<string, StoredRuleState[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) for (const r of byPath.get(e.path) ?? []) out.set(r.id, r.contentHash);
  return out;
}

function rulesByPath(stored: ReadonlyMap<string, StoredRuleState>): Map<string, StoredRuleState[]> {
  const out = new Map<string, StoredRuleState[]>();
  for (const r of stored.values()) {
    const list = out.get(r.path);
    if (list) list.push(r);
    else out.set(r.path, [r]);
  }
  return out;
}

function parseHere(work: ParseWork): ParseResult {
  const enrichments: FreshEnrichment[] = [];
  const scanned = work.batches.map((b, i) => {
    if (b.entries.length === 0) {
      work.onBatchDone(i, 0);
      return [];
    }
    const storedHashes = storedHashesOf(b.entries, rulesByPath(b.storedRules));
    const result = parseBatch({ id: i, source: b.source, root: b.root, entries: b.entries, storedHashes }, { attack: work.attack(), maxFileBytes: work.maxFileBytes, schemas: work.schemas });
    enrichments.push(...result.enrichments);
    work.onBatchDone(i, b.entries.length);
    return result.scanned;
  });
  return { scanned, enrichments };
}

/** Splits batches into chunks of BATCH_SIZE files and hands them to the next free worker. */
async function parseOnWorkers(work: ParseWork, count: number): Promise<ParseResult> {
  const chunks: ParseBatch[] = [];
  const owner: number[] = [];
  work.batches.forEach((b, i) => {
    const byPath = rulesByPath(b.storedRules);
    for (let at = 0; at < b.entries.length; at += BATCH_SIZE) {
      const entries = b.entries.slice(at, at + BATCH_SIZE);
      chunks.push({ id: chunks.length, source: b.source, root: b.root, entries, storedHashes: storedHashesOf(entries, byPath) });
      owner.push(i);
    }
  });
  const results: ScannedFile[][] = work.batches.map(() => []);
  const chunkResults: ScannedFile[][] = [];
  const enrichments: FreshEnrichment[] = [];
  const init: ParseWorkerInit = { attackPath: work.attackPath, maxFileBytes: work.maxFileBytes, schemas: work.schemas ? [...work.schemas] : null };
  let next = 0;

  await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = startWorker(init);
        const feed = () => {
          if (next >= chunks.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          worker.postMessage(chunks[next++]);
        };
        worker.on('message', (r: ParseBatchResult) => {
          chunkResults[r.id] = r.scanned;
          enrichments.push(...r.enrichments);
          work.onBatchDone(owner[r.id]!, chunks[r.id]!.entries.length);
          feed();
        });
        worker.on('error', (err) => reject(new Error(`a parse worker failed: ${err.message}`)));
        worker.on('exit', (code) => {
          if (code !== 0 && next < chunks.length) reject(new Error(`a parse worker exited with code ${code}`));
        });
        feed();
      }),
    ),
  );
  chunkResults.forEach((scanned, id) => results[owner[id]!]!.push(...scanned));
  return { scanned: results, enrichments };
}

/** A parse-worker thread (built .js, or the .ts under tsx). */
function startWorker(init: ParseWorkerInit): Worker {
  return startModuleWorker(import.meta.url, 'parse-worker', { workerData: init });
}
