/**
 * The catalog schema as an ordered list of migrations. Never edit a shipped migration:
 * append a new one. `schema_version` holds the number of the last one applied.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'rules, facet tables, full-text index, problems, syncs, per-source and per-file state',
    sql: `
      CREATE TABLE rules (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        upstream_id TEXT,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        format TEXT NOT NULL,
        language TEXT NOT NULL,
        query TEXT NOT NULL,
        raw TEXT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT,
        severity_rank INTEGER NOT NULL,
        severity_inferred INTEGER NOT NULL,
        status TEXT,
        tactics_json TEXT NOT NULL,
        techniques_json TEXT NOT NULL,
        tactics_raw_json TEXT NOT NULL,
        techniques_raw_json TEXT NOT NULL,
        data_sources_json TEXT NOT NULL,
        tags_json TEXT NOT NULL,
        authors_json TEXT NOT NULL,
        created TEXT,
        modified TEXT,
        references_json TEXT NOT NULL,
        false_positives_json TEXT NOT NULL,
        path TEXT NOT NULL,
        index_in_file INTEGER NOT NULL,
        problems_json TEXT NOT NULL,
        flags_json TEXT NOT NULL,
        flagged INTEGER NOT NULL,
        extra_json TEXT NOT NULL,
        commit_sha TEXT,
        url TEXT,
        first_seen TEXT NOT NULL,
        last_changed TEXT NOT NULL,
        content_hash TEXT NOT NULL
      );
      CREATE INDEX rules_source ON rules(source);
      CREATE INDEX rules_language ON rules(language);
      CREATE INDEX rules_kind ON rules(kind);
      CREATE INDEX rules_severity ON rules(severity);
      CREATE INDEX rules_last_changed ON rules(last_changed);
      CREATE INDEX rules_name ON rules(name COLLATE NOCASE);

      CREATE TABLE rule_tactics (rule_id TEXT NOT NULL, tactic_id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (rule_id, tactic_id)) WITHOUT ROWID;
      CREATE INDEX rule_tactics_value ON rule_tactics(tactic_id, rule_id);
      CREATE TABLE rule_techniques (rule_id TEXT NOT NULL, technique_id TEXT NOT NULL, parent_id TEXT, name TEXT NOT NULL, PRIMARY KEY (rule_id, technique_id)) WITHOUT ROWID;
      CREATE INDEX rule_techniques_value ON rule_techniques(technique_id, rule_id);
      CREATE INDEX rule_techniques_parent ON rule_techniques(parent_id, rule_id);
      CREATE TABLE rule_tables (rule_id TEXT NOT NULL, table_name TEXT NOT NULL, PRIMARY KEY (rule_id, table_name)) WITHOUT ROWID;
      CREATE INDEX rule_tables_value ON rule_tables(table_name, rule_id);
      CREATE TABLE rule_tags (rule_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (rule_id, tag)) WITHOUT ROWID;
      CREATE INDEX rule_tags_value ON rule_tags(tag, rule_id);

      -- Kept in step with rules by the triggers below; rowid = rules.rowid.
      CREATE VIRTUAL TABLE rules_fts USING fts5(name, description, query, tags, prefix = '3', tokenize = 'unicode61 remove_diacritics 2');
      CREATE TRIGGER rules_fts_insert AFTER INSERT ON rules BEGIN
        INSERT INTO rules_fts(rowid, name, description, query, tags)
        VALUES (new.rowid, new.name, new.description, new.query, (SELECT group_concat(value, ' ') FROM json_each(new.tags_json)));
      END;
      CREATE TRIGGER rules_fts_delete AFTER DELETE ON rules BEGIN
        DELETE FROM rules_fts WHERE rowid = old.rowid;
      END;
      CREATE TRIGGER rules_fts_update AFTER UPDATE ON rules BEGIN
        DELETE FROM rules_fts WHERE rowid = old.rowid;
        INSERT INTO rules_fts(rowid, name, description, query, tags)
        VALUES (new.rowid, new.name, new.description, new.query, (SELECT group_concat(value, ' ') FROM json_each(new.tags_json)));
      END;

      CREATE TABLE problems (
        source TEXT NOT NULL,
        file TEXT NOT NULL,
        line INTEGER,
        col INTEGER,
        reason TEXT NOT NULL,
        severity TEXT NOT NULL
      );
      CREATE INDEX problems_source ON problems(source, file);

      CREATE TABLE syncs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        sources_json TEXT NOT NULL
      );

      -- What the last successful sync of each source saw.
      CREATE TABLE source_state (
        source TEXT PRIMARY KEY,
        commit_sha TEXT,
        retrieved_at TEXT NOT NULL,
        context_hash TEXT NOT NULL
      );

      -- One row per file under a source's paths, so an unchanged file is not parsed again.
      CREATE TABLE files (
        source TEXT NOT NULL,
        path TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        outcome TEXT NOT NULL,
        ignored_reason TEXT,
        problems_json TEXT NOT NULL,
        rule_ids_json TEXT NOT NULL,
        PRIMARY KEY (source, path)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'full-text index without the 3-character prefix index',
    // Measured over the full corpus: the prefix index cost ~2 s of a ~30 s full sync and did not
    // make prefix searches faster (p95 19 ms with it, 20 ms without; 9k rules).
    sql: `
      DROP TRIGGER rules_fts_insert;
      DROP TRIGGER rules_fts_delete;
      DROP TRIGGER rules_fts_update;
      DROP TABLE rules_fts;
      CREATE VIRTUAL TABLE rules_fts USING fts5(name, description, query, tags, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO rules_fts(rowid, name, description, query, tags)
        SELECT rowid, name, description, query, (SELECT group_concat(value, ' ') FROM json_each(tags_json)) FROM rules;
      CREATE TRIGGER rules_fts_insert AFTER INSERT ON rules BEGIN
        INSERT INTO rules_fts(rowid, name, description, query, tags)
        VALUES (new.rowid, new.name, new.description, new.query, (SELECT group_concat(value, ' ') FROM json_each(new.tags_json)));
      END;
      CREATE TRIGGER rules_fts_delete AFTER DELETE ON rules BEGIN
        DELETE FROM rules_fts WHERE rowid = old.rowid;
      END;
      CREATE TRIGGER rules_fts_update AFTER UPDATE ON rules BEGIN
        DELETE FROM rules_fts WHERE rowid = old.rowid;
        INSERT INTO rules_fts(rowid, name, description, query, tags)
        VALUES (new.rowid, new.name, new.description, new.query, (SELECT group_concat(value, ' ') FROM json_each(new.tags_json)));
      END;
    `,
  },
  {
    version: 3,
    description: 'enrichment and lint findings per rule, with the content hash and enrichment version they were computed for',
    sql: `
      CREATE TABLE rule_enrichment (
        rule_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        version TEXT NOT NULL,
        enrichment_json TEXT NOT NULL,
        lint_json TEXT NOT NULL,
        lint_errors INTEGER NOT NULL,
        lint_warnings INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX rule_enrichment_problems ON rule_enrichment(lint_errors, lint_warnings);
    `,
  },
  {
    version: 4,
    description: 'confidence level of each enrichment as an indexed column, for the feed facet and filter',
    // A virtual generated column: the enrichment writer stays as it is, and the index keeps the
    // values, so a facet count does not parse every enrichment's JSON.
    sql: `
      ALTER TABLE rule_enrichment ADD COLUMN confidence TEXT GENERATED ALWAYS AS (json_extract(enrichment_json, '$.confidence.level')) VIRTUAL;
      CREATE INDEX rule_enrichment_confidence ON rule_enrichment(confidence, rule_id);
    `,
  },
  {
    version: 5,
    description: 'confidence as a stored column kept by triggers (an index on a virtual column is never covering)',
    // Measured on 9k rules: reading every confidence through migration 4's index still computed
    // json_extract per row (~200 ms); a plain column read from the index takes ~2 ms. Triggers
    // keep it in step, so the enrichment writer stays as it is.
    sql: `
      DROP INDEX rule_enrichment_confidence;
      ALTER TABLE rule_enrichment DROP COLUMN confidence;
      ALTER TABLE rule_enrichment ADD COLUMN confidence TEXT;
      UPDATE rule_enrichment SET confidence = json_extract(enrichment_json, '$.confidence.level');
      CREATE INDEX rule_enrichment_confidence ON rule_enrichment(confidence, rule_id);
      CREATE TRIGGER rule_enrichment_confidence_insert AFTER INSERT ON rule_enrichment BEGIN
        UPDATE rule_enrichment SET confidence = json_extract(new.enrichment_json, '$.confidence.level') WHERE rule_id = new.rule_id;
      END;
      CREATE TRIGGER rule_enrichment_confidence_update AFTER UPDATE OF enrichment_json ON rule_enrichment BEGIN
        UPDATE rule_enrichment SET confidence = json_extract(new.enrichment_json, '$.confidence.level') WHERE rule_id = new.rule_id;
      END;
    `,
  },
  {
    version: 6,
    description: "full-text index also holds each rule's ATT&CK technique ids and names, so a search for T1219 finds the rules mapped to it",
    // The feed's search box suggests "T1219" and the static export's in-browser search already
    // matches technique ids and names; the catalog's full-text search did not. They go into the
    // tags column (snippets are made from name, description and query only).
    sql: `
      DROP TRIGGER rules_fts_insert;
      DROP TRIGGER rules_fts_update;
      CREATE TRIGGER rules_fts_insert AFTER INSERT ON rules BEGIN
        INSERT INTO rules_fts(rowid, name, description, query, tags)
        VALUES (new.rowid, new.name, new.description, new.query, (SELECT group_concat(w, ' ') FROM (
          SELECT value AS w FROM json_each(new.tags_json)
          UNION ALL SELECT json_extract(value, '$.id') || ' ' || json_extract(value, '$.name') FROM json_each(new.techniques_json))));
      END;
      CREATE TRIGGER rules_fts_update AFTER UPDATE ON rules BEGIN
        DELETE FROM rules_fts WHERE rowid = old.rowid;
        INSERT INTO rules_fts(rowid, name, description, query, tags)
        VALUES (new.rowid, new.name, new.description, new.query, (SELECT group_concat(w, ' ') FROM (
          SELECT value AS w FROM json_each(new.tags_json)
          UNION ALL SELECT json_extract(value, '$.id') || ' ' || json_extract(value, '$.name') FROM json_each(new.techniques_json))));
      END;
      DELETE FROM rules_fts;
      INSERT INTO rules_fts(rowid, name, description, query, tags)
        SELECT r.rowid, r.name, r.description, r.query, (SELECT group_concat(w, ' ') FROM (
          SELECT value AS w FROM json_each(r.tags_json)
          UNION ALL SELECT json_extract(value, '$.id') || ' ' || json_extract(value, '$.name') FROM json_each(r.techniques_json))) FROM rules r;
    `,
  },
];

/** Applies every migration newer than the database's version, each in its own transaction. */
export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  let current = row.v ?? 0;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  if (current > latest) {
    throw new Error(`catalog schema version ${current} is newer than this socfeed knows (${latest}): upgrade socfeed`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(m.version);
    })();
    current = m.version;
  }
  return current;
}
