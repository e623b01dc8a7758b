/** Opens the catalog's SQLite file with the settings every user of it needs. */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.js';

/** Raised when a command needs an existing catalog and there is none. */
export class CatalogMissingError extends Error {
  constructor(readonly dbPath: string) {
    super(`no catalog at ${dbPath}: run "socfeed sync" first (or pass --db)`);
    this.name = 'CatalogMissingError';
  }
}

/**
 * Opens (and migrates) the catalog at `dbPath`. With `create: false` a missing file raises
 * `CatalogMissingError` instead of creating an empty catalog.
 * WAL lets the web app read while a sync writes; a sync is one transaction, so a killed
 * process leaves the previous catalog as it was.
 */
export function openCatalogDb(dbPath: string, opts: { create: boolean }): Database.Database {
  if (!existsSync(dbPath)) {
    if (!opts.create) throw new CatalogMissingError(dbPath);
    mkdirSync(dirname(dbPath), { recursive: true });
  }
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // 64 MB of page cache: a full sync writes tens of MB in one transaction.
  db.pragma('cache_size = -65536');
  migrate(db);
  return db;
}
