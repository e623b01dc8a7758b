/** Runs `enrichAndLint` over many rules on worker threads (one per core, at most four), batch by batch. */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../worker/start-module-worker.js';
import type { Rule } from '../../catalog/rule.js';
import type { StoredEnrichment } from './enrichment-rows.js';
import type { EnrichBatch, EnrichWorkerInit } from './enrich-worker.js';

const MAX_WORKERS = 4;

/** A enrich-worker thread (built .js, or the .ts under tsx). */
function startWorker(init: EnrichWorkerInit): Worker {
  return startModuleWorker(import.meta.url, 'enrich-worker', { workerData: init });
}

/** How many workers to use for `rules` rules (1 means: stay in this thread). */
export function enrichWorkerCount(rules: number): number {
  return rules < 300 ? 1 : Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
}

/**
 * Enriches the batches on `count` workers; `onBatch` receives each batch's results as it
 * finishes (in any order). Rejects when a worker crashes.
 */
export async function enrichOnWorkers(
  batches: (() => Rule[])[],
  init: EnrichWorkerInit,
  count: number,
  onBatch: (rules: Rule[], stored: StoredEnrichment[]) => void,
): Promise<void> {
  let next = 0;
  const pending = new Map<number, Rule[]>();
  await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = startWorker(init);
        const feed = () => {
          if (next >= batches.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const id = next++;
          const rules = batches[id]!();
          pending.set(id, rules);
          worker.postMessage({ id, rules } satisfies EnrichBatch);
        };
        worker.on('message', (r: { id: number; stored: StoredEnrichment[] }) => {
          onBatch(pending.get(r.id)!, r.stored);
          pending.delete(r.id);
          feed();
        });
        worker.on('error', (err) => reject(new Error(`an enrichment worker failed: ${err.message}`)));
        feed();
      }),
    ),
  );
}
