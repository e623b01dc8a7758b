/** Helpers for sync tests: a temp folder, a configuration written as a user writes one, a sync. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../src/config/load-config.js';
import type { SocfeedConfig } from '../../src/config/config-types.js';
import { runSync, type SyncOptions, type SyncReport } from '../../src/sync/run-sync.js';
import { ATTACK_BUNDLE, CORPUS } from '../helpers/shared.js';

/** The Azure-Sentinel corpus folder as a dir source, as config/shared-corpus.json has it. */
export const AZURE_SENTINEL_SOURCE = {
  name: 'Azure-Sentinel',
  format: 'sentinel',
  dir: join(CORPUS, 'azure-sentinel'),
  repo: 'https://github.com/Azure/Azure-Sentinel',
  manifest: 'MANIFEST.tsv',
  paths: ['Hunting Queries/**', 'Detections/**', 'Solutions/*/Analytic Rules/**', 'Solutions/*/Hunting Queries/**'],
  tags: ['microsoft', 'official'],
};

/** A fresh temp folder. */
export function tempDir(prefix = 'socfeed-sync-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `socfeed.config.json` into `dir` (db `dir/catalog.db`, real ATT&CK) and loads it. */
export function writeConfig(dir: string, sources: object[], extra: object = {}): { path: string; config: SocfeedConfig } {
  const path = join(dir, 'socfeed.config.json');
  writeFileSync(path, JSON.stringify({ sources, attack: ATTACK_BUNDLE, db: 'catalog.db', ...extra }, null, 2));
  return { path, config: loadConfigFile(path) };
}

/** Syncs `config` with a fixed clock. */
export function syncAt(config: SocfeedConfig, iso: string, opts: SyncOptions = {}): Promise<SyncReport> {
  return runSync(config, { ...opts, now: () => new Date(iso) });
}
