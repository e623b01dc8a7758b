/**
 * A worker thread that parses batches of files (read, adapter, buildRule), so a full sync
 * uses every core: parsing YAML and KQL is CPU-bound and files are independent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAttackKnowledgeBase } from '../attack/index.js';
import { adapterFor } from '../catalog/adapters/index.js';
import { pauseForTest } from '../store/test-pause.js';
import type { ParseBatch, ParseBatchResult, ParseWorkerInit } from './parse-job.js';
import { scanFile } from './scan-source.js';

const init = workerData as ParseWorkerInit;
const attack = loadAttackKnowledgeBase(init.attackPath);
let paused = false;

parentPort!.on('message', (batch: ParseBatch) => {
  const adapter = adapterFor(batch.source.format)!;
  const scanned = batch.entries.map((entry) => {
    const result = scanFile(entry, { root: batch.root, source: batch.source, adapter, attack, maxFileBytes: init.maxFileBytes });
    if (!paused) {
      paused = true;
      pauseForTest('SOCFEED_TEST_PAUSE_IN_PARSE', 'while parsing');
    }
    return result;
  });
  parentPort!.postMessage({ id: batch.id, scanned } satisfies ParseBatchResult);
});
