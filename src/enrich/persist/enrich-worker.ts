/**
 * A worker thread that analyzes, lints and enriches batches of rules for the sync's enrichment
 * pass: the work is CPU-bound (Kusto.Language parsing) and rules are independent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAttackKnowledgeBase } from '../../attack/index.js';
import type { Rule } from '../../catalog/rule.js';
import type { TableSchema } from '../../kql/schema/table-schema.js';
import { enrichAndLint } from './enrich-catalog.js';

export interface EnrichWorkerInit {
  attackPath: string;
  schemas: TableSchema[] | null;
}

export interface EnrichBatch {
  id: number;
  rules: Rule[];
}

const init = workerData as EnrichWorkerInit;
const attack = loadAttackKnowledgeBase(init.attackPath);

parentPort!.on('message', (batch: EnrichBatch) => {
  parentPort!.postMessage({ id: batch.id, stored: batch.rules.map((rule) => enrichAndLint(rule, attack, init.schemas)) });
});
