/** What commands load from their common options: the configuration and the catalog. */
import { resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { SocfeedConfig } from '../config/config-types.js';
import { SqliteCatalogStore } from '../store/sqlite-store.js';

export interface CommonValues {
  config?: string;
  db?: string;
}

/** The configuration named by `--config` (or the default), with `--db` applied. */
export function commandConfig(values: CommonValues): SocfeedConfig {
  const config = loadConfig(values.config);
  return values.db ? { ...config, db: resolve(values.db) } : config;
}

/** Opens the existing catalog (`--db`, else the configuration's); throws when there is none. */
export function openCatalogForReading(values: CommonValues): SqliteCatalogStore {
  const dbPath = values.db ? resolve(values.db) : loadConfig(values.config).db;
  return SqliteCatalogStore.open(dbPath, { create: false });
}
