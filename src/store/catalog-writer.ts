/**
 * The write side of the catalog, used only by sync: what the last sync stored (to diff
 * against), and `commitSync`, which writes one whole sync in a single transaction.
 */
import type Database from 'better-sqlite3';
import type { FileProblem, Rule } from '../catalog/rule.js';
import type { SourceSyncSummary, StoredProblem } from './catalog-store.js';
import { ruleToRow, type RuleRow } from './rule-row.js';
import { pauseForTest } from './test-pause.js';

/** What the catalog holds about one rule, enough to diff without loading it. */
export interface StoredRuleState {
  id: string;
  path: string;
  upstreamId: string | null;
  contentHash: string;
  firstSeen: string;
  flags: string[];
}

/** What the last sync made of one file, so an unchanged file is not parsed again. */
export interface StoredFileState {
  path: string;
  /** sha256 of the file bytes plus anything outside the file its rules depend on. */
  keyHash: string;
  outcome: 'rules' | 'ignored' | 'failed';
  ignoredReason: string | null;
  /** Problems of the file and of its rules, as reported. */
  problems: FileProblem[];
  ruleIds: string[];
}

export interface StoredSourceState {
  commit: string | null;
  retrievedAt: string;
  /** Fingerprint of everything besides file content that parsing depends on (tags, ATT&CK …). */
  contextHash: string;
}

/** The changes of one source, computed before anything is written. */
export interface SourceWrite {
  source: string;
  /** Added and changed rules, complete. */
  upsert: Rule[];
  removeIds: string[];
  upsertFiles: StoredFileState[];
  removeFiles: string[];
  state: StoredSourceState;
}

/** One whole sync. */
export interface SyncWrite {
  startedAt: string;
  finishedAt: string;
  sources: SourceWrite[];
  /** Sources no longer configured: their rules, files and state go. */
  dropSources: string[];
  /** Replace every stored problem. */
  problems: StoredProblem[];
  summary: SourceSyncSummary[];
}

export class CatalogWriter {
  constructor(private readonly db: Database.Database) {}

  /** Rules stored for `source`, by id. */
  ruleStates(source: string): Map<string, StoredRuleState> {
    const rows = this.db
      .prepare('SELECT id, path, upstream_id, content_hash, first_seen, flags_json FROM rules WHERE source = ?')
      .all(source) as Pick<RuleRow, 'id' | 'path' | 'upstream_id' | 'content_hash' | 'first_seen' | 'flags_json'>[];
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, path: r.path, upstreamId: r.upstream_id, contentHash: r.content_hash, firstSeen: r.first_seen, flags: JSON.parse(r.flags_json) },
      ]),
    );
  }

  /** Files stored for `source`, by path. */
  fileStates(source: string): Map<string, StoredFileState> {
    const rows = this.db.prepare('SELECT * FROM files WHERE source = ?').all(source) as {
      path: string;
      key_hash: string;
      outcome: StoredFileState['outcome'];
      ignored_reason: string | null;
      problems_json: string;
      rule_ids_json: string;
    }[];
    return new Map(
      rows.map((r) => [
        r.path,
        {
          path: r.path,
          keyHash: r.key_hash,
          outcome: r.outcome,
          ignoredReason: r.ignored_reason,
          problems: JSON.parse(r.problems_json),
          ruleIds: JSON.parse(r.rule_ids_json),
        },
      ]),
    );
  }

  sourceState(source: string): StoredSourceState | null {
    const r = this.db.prepare('SELECT * FROM source_state WHERE source = ?').get(source) as
      | { commit_sha: string | null; retrieved_at: string; context_hash: string }
      | undefined;
    return r ? { commit: r.commit_sha, retrievedAt: r.retrieved_at, contextHash: r.context_hash } : null;
  }

  /** Every source the catalog holds rules or state for. */
  storedSources(): string[] {
    return this.db.prepare('SELECT source FROM source_state UNION SELECT DISTINCT source FROM rules').pluck().all() as string[];
  }

  /** Number of rules stored for `source`. */
  countRules(source: string): number {
    return this.db.prepare('SELECT count(*) FROM rules WHERE source = ?').pluck().get(source) as number;
  }

  /** Writes `sync` in one transaction: all of it lands, or none of it. */
  commitSync(sync: SyncWrite): void {
    const db = this.db;
    const del = {
      rule: db.prepare('DELETE FROM rules WHERE id = ?'),
      tactics: db.prepare('DELETE FROM rule_tactics WHERE rule_id = ?'),
      techniques: db.prepare('DELETE FROM rule_techniques WHERE rule_id = ?'),
      tables: db.prepare('DELETE FROM rule_tables WHERE rule_id = ?'),
      tags: db.prepare('DELETE FROM rule_tags WHERE rule_id = ?'),
    };
    const columns = Object.keys(ruleToRow(SAMPLE_RULE));
    const insertRule = db.prepare(`INSERT INTO rules (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`);
    const insertTactic = db.prepare('INSERT OR IGNORE INTO rule_tactics (rule_id, tactic_id, name) VALUES (?, ?, ?)');
    const insertTechnique = db.prepare('INSERT OR IGNORE INTO rule_techniques (rule_id, technique_id, parent_id, name) VALUES (?, ?, ?, ?)');
    const insertTable = db.prepare('INSERT OR IGNORE INTO rule_tables (rule_id, table_name) VALUES (?, ?)');
    const insertTag = db.prepare('INSERT OR IGNORE INTO rule_tags (rule_id, tag) VALUES (?, ?)');
    const upsertFile = db.prepare(
      `INSERT OR REPLACE INTO files (source, path, key_hash, outcome, ignored_reason, problems_json, rule_ids_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const removeFile = db.prepare('DELETE FROM files WHERE source = ? AND path = ?');
    const upsertState = db.prepare('INSERT OR REPLACE INTO source_state (source, commit_sha, retrieved_at, context_hash) VALUES (?, ?, ?, ?)');

    const removeRule = (id: string) => {
      for (const stmt of Object.values(del)) stmt.run(id);
    };

    db.transaction(() => {
      for (const source of sync.dropSources) {
        for (const id of db.prepare('SELECT id FROM rules WHERE source = ?').pluck().all(source) as string[]) removeRule(id);
        db.prepare('DELETE FROM files WHERE source = ?').run(source);
        db.prepare('DELETE FROM source_state WHERE source = ?').run(source);
      }
      for (const s of sync.sources) {
        for (const id of s.removeIds) removeRule(id);
        for (const rule of s.upsert) {
          removeRule(rule.id);
          insertRule.run(ruleToRow(rule));
          for (const t of rule.tactics) insertTactic.run(rule.id, t.id, t.name);
          for (const t of rule.techniques) insertTechnique.run(rule.id, t.id, t.id.includes('.') ? t.id.split('.')[0] : null, t.name);
          for (const table of rule.dataSources) insertTable.run(rule.id, table);
          for (const tag of rule.tags) insertTag.run(rule.id, tag);
        }
        for (const path of s.removeFiles) removeFile.run(s.source, path);
        for (const f of s.upsertFiles) {
          upsertFile.run(s.source, f.path, f.keyHash, f.outcome, f.ignoredReason, JSON.stringify(f.problems), JSON.stringify(f.ruleIds));
        }
        upsertState.run(s.source, s.state.commit, s.state.retrievedAt, s.state.contextHash);
      }
      db.prepare('DELETE FROM problems').run();
      const insertProblem = db.prepare('INSERT INTO problems (source, file, line, col, reason, severity) VALUES (?, ?, ?, ?, ?, ?)');
      for (const p of sync.problems) insertProblem.run(p.source, p.file, p.line ?? null, p.column ?? null, p.reason, p.severity);
      db.prepare('INSERT INTO syncs (started_at, finished_at, sources_json) VALUES (?, ?, ?)').run(
        sync.startedAt,
        sync.finishedAt,
        JSON.stringify(sync.summary),
      );
      pauseForTest('SOCFEED_TEST_PAUSE_IN_WRITE', 'in the write transaction');
    })();
  }
}

/** A rule with every field, used only to list the columns of the INSERT. */
const SAMPLE_RULE: Rule = {
  id: '', source: '', upstreamId: null, name: '', description: '', format: 'kql', language: 'kql', query: '', raw: '',
  kind: '', severity: null, severityInferred: false, status: null, tactics: [], techniques: [], tacticsRaw: [],
  techniquesRaw: [], dataSources: [], tags: [], authors: [], created: null, modified: null, references: [],
  falsePositives: [], path: '', indexInFile: 0, problems: [], flags: [], extra: {}, commit: null, url: null,
  firstSeen: '', lastChanged: '', retrievedAt: '', contentHash: '',
};
