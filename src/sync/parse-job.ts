/** A batch of files of one source to parse: what the main thread hands to a parse worker. */
import type { SourceConfig } from '../config/config-types.js';
import type { FileEntry, ScannedFile } from './scan-source.js';

export interface ParseBatch {
  /** Index of the batch, to match the answer. */
  id: number;
  source: SourceConfig;
  root: string;
  entries: FileEntry[];
}

export interface ParseBatchResult {
  id: number;
  scanned: ScannedFile[];
}

/** What every worker needs once, before its first batch. */
export interface ParseWorkerInit {
  attackPath: string;
  maxFileBytes: number;
}
