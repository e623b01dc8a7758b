/**
 * A worker thread that parses batches of files (read, adapter, buildRule) and enriches the new
 * and changed rules right away, so a full sync uses every core: parsing YAML and KQL is
 * CPU-bound, files are independent, and enrichment reuses the KQL parse of the rule just built.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAttackKnowledgeBase } from '../attack/index.js';
import { parseBatch } from './parse-batch.js';
import type { ParseBatch, ParseWorkerInit } from './parse-job.js';

const init = workerData as ParseWorkerInit;
const ctx = { attack: loadAttackKnowledgeBase(init.attackPath), maxFileBytes: init.maxFileBytes, schemas: init.schemas };

parentPort!.on('message', (batch: ParseBatch) => {
  parentPort!.postMessage(parseBatch(batch, ctx));
});
