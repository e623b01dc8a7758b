/** Parses one batch of files and enriches their new and changed rules: the work of a parse worker, or of the main thread for a small sync. */
import type { AttackKnowledgeBase } from '../attack/index.js';
import { adapterFor } from '../catalog/adapters/index.js';
import { enrichFreshRules } from '../enrich/persist/enrich-fresh.js';
import type { TableSchema } from '../kql/schema/table-schema.js';
import { pauseForTest } from '../store/test-pause.js';
import type { ParseBatch, ParseBatchResult } from './parse-job.js';
import { scanFile } from './scan-source.js';

export interface ParseBatchContext {
  attack: AttackKnowledgeBase;
  maxFileBytes: number;
  schemas: readonly TableSchema[] | null;
}

/** Whether this thread has passed its test pause point (once per thread). */
let paused = false;

/** Scans every file of the batch, then enriches each file's rules right away (their KQL parse is still cached). */
export function parseBatch(batch: ParseBatch, ctx: ParseBatchContext): ParseBatchResult {
  const adapter = adapterFor(batch.source.format)!;
  const fresh = { attack: ctx.attack, schemas: ctx.schemas, storedHashes: batch.storedHashes };
  const enrichments: ParseBatchResult['enrichments'] = [];
  const scanned = batch.entries.map((entry) => {
    const result = scanFile(entry, { root: batch.root, source: batch.source, adapter, attack: ctx.attack, maxFileBytes: ctx.maxFileBytes });
    if (!paused) {
      paused = true;
      pauseForTest('SOCFEED_TEST_PAUSE_IN_PARSE', 'while parsing');
    }
    enrichments.push(...enrichFreshRules(result.rules, fresh));
    return result;
  });
  return { id: batch.id, scanned, enrichments };
}
