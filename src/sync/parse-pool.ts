/** Parses many files on worker threads, or in this thread when there are few. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AttackKnowledgeBase } from '../attack/index.js';
import { adapterFor } from '../catalog/adapters/index.js';
import { pauseForTest } from '../store/test-pause.js';
import type { ParseBatch, ParseBatchResult, ParseWorkerInit } from './parse-job.js';
import { scanFile, type ScannedFile } from './scan-source.js';

/** Below this many files, starting workers (each loads ATT&CK and the KQL parser) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 400;
const BATCH_SIZE = 40;
/**
 * One worker per core: each worker loads ATT&CK and the KQL parser itself (a few seconds of
 * warm-up), so more workers than cores only repeats that cost. SOCFEED_PARSE_WORKERS overrides.
 */
const MAX_WORKERS = Number(process.env.SOCFEED_PARSE_WORKERS) || availableParallelism();

export interface ParseWork {
  batches: Omit<ParseBatch, 'id'>[];
  attackPath: string;
  maxFileBytes: number;
  /** Loads ATT&CK in this thread (only called when parsing here). */
  attack: () => AttackKnowledgeBase;
  /** Called after each batch with the number of files it held. */
  onBatchDone: (batchIndex: number, files: number) => void;
}

/** Parses every batch; results in the order of `work.batches`. Never rejects for a bad file (only for a crashed worker). */
export async function parseAll(work: ParseWork): Promise<ScannedFile[][]> {
  const files = work.batches.reduce((n, b) => n + b.entries.length, 0);
  const workers = Math.min(MAX_WORKERS, availableParallelism(), Math.ceil(files / BATCH_SIZE));
  if (files < MIN_FILES_FOR_WORKERS || workers < 2) return parseHere(work);
  return parseOnWorkers(work, workers);
}

function parseHere(work: ParseWork): ScannedFile[][] {
  let paused = false;
  return work.batches.map((batch, i) => {
    const adapter = adapterFor(batch.source.format)!;
    const scanned = batch.entries.map((entry) => {
      const result = scanFile(entry, { root: batch.root, source: batch.source, adapter, attack: work.attack(), maxFileBytes: work.maxFileBytes });
      if (!paused) {
        paused = true;
        pauseForTest('SOCFEED_TEST_PAUSE_IN_PARSE', 'while parsing');
      }
      return result;
    });
    work.onBatchDone(i, batch.entries.length);
    return scanned;
  });
}

/** Splits batches into chunks of BATCH_SIZE files and hands them to the next free worker. */
async function parseOnWorkers(work: ParseWork, count: number): Promise<ScannedFile[][]> {
  const chunks: ParseBatch[] = [];
  const owner: number[] = [];
  work.batches.forEach((b, i) => {
    for (let at = 0; at < b.entries.length; at += BATCH_SIZE) {
      chunks.push({ ...b, id: chunks.length, entries: b.entries.slice(at, at + BATCH_SIZE) });
      owner.push(i);
    }
  });
  const results: ScannedFile[][] = work.batches.map(() => []);
  const chunkResults: ScannedFile[][] = [];
  const init: ParseWorkerInit = { attackPath: work.attackPath, maxFileBytes: work.maxFileBytes };
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
  return results;
}

/**
 * A parse worker. Built, the worker is the sibling .js file. Under tsx (tests,
 * `npm run socfeed`) this module is .ts: Node 20 does not carry `--import tsx` into workers,
 * so the worker registers tsx itself before importing the .ts file.
 */
function startWorker(init: ParseWorkerInit): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: init });
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./parse-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}
