/** A batch of files of one source to parse: what the main thread hands to a parse worker. */
import type { SourceConfig } from '../config/config-types.js';
import type { FreshEnrichment } from '../enrich/persist/enrich-fresh.js';
import type { TableSchema } from '../kql/schema/table-schema.js';
import type { FileEntry, ScannedFile } from './scan-source.js';

export interface ParseBatch {
  /** Index of the batch, to match the answer. */
  id: number;
  source: SourceConfig;
  root: string;
  entries: FileEntry[];
  /**
   * Content hash the catalog holds for each rule of these files (by id, when stored): a rule
   * parsed again with the same hash is not written, so it is not enriched either.
   */
  storedHashes: Map<string, string>;
}

export interface ParseBatchResult {
  id: number;
  scanned: ScannedFile[];
  /** The enrichment and lint of every new or changed rule of the batch, made right after parsing it. */
  enrichments: FreshEnrichment[];
}

/** What every worker needs once, before its first batch. */
export interface ParseWorkerInit {
  attackPath: string;
  maxFileBytes: number;
  /** Table schemas KQL rules are linted against; null: parse-only lint. */
  schemas: TableSchema[] | null;
}
