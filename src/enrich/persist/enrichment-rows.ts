/**
 * The enrichment and lint findings of each rule in the catalog database, keyed by rule id with
 * the content hash and enrichment version they were computed for — so a sync recomputes only
 * what changed. The table, `rule_enrichment`, is created by the store's migration 3.
 */
import type Database from 'better-sqlite3';
import { ENRICHMENT_VERSION, type Enrichment } from '../enrichment.js';
import type { LintFinding } from '../../lint/lint-finding.js';

/** What is stored for one rule. */
export interface StoredEnrichment {
  enrichment: Enrichment;
  lint: LintFinding[];
}

/** The stored enrichment of a rule; null when none was computed (yet). */
export function readEnrichment(db: Database.Database, ruleId: string): StoredEnrichment | null {
  const row = db.prepare('SELECT enrichment_json, lint_json FROM rule_enrichment WHERE rule_id = ?').get(ruleId) as
    | { enrichment_json: string; lint_json: string }
    | undefined;
  return row ? { enrichment: JSON.parse(row.enrichment_json) as Enrichment, lint: JSON.parse(row.lint_json) as LintFinding[] } : null;
}

/** Ids of the rules whose enrichment is missing, or was computed for another content hash or version. */
export function outdatedRuleIds(db: Database.Database, version: string): string[] {
  return outdatedRules(db, version).map((r) => r.id);
}

/** Like `outdatedRuleIds`, with the content hash each rule has now. */
export function outdatedRules(db: Database.Database, version: string): { id: string; contentHash: string }[] {
  return db
    .prepare(
      `SELECT r.id AS id, r.content_hash AS contentHash FROM rules r LEFT JOIN rule_enrichment e ON e.rule_id = r.id
       WHERE e.rule_id IS NULL OR e.content_hash <> r.content_hash OR e.version <> ? ORDER BY r.id`,
    )
    .all(version) as { id: string; contentHash: string }[];
}

/**
 * Writes enrichments (one transaction) and drops those of rules no longer in the catalog.
 * `version` is the stamp `outdatedRules` compares: the enrichment version, plus the lint schemas
 * when there are any (`enrichmentStamp`); by default the plain version (no schemas).
 */
export function writeEnrichments(db: Database.Database, rows: { ruleId: string; contentHash: string; stored: StoredEnrichment }[], version: string = ENRICHMENT_VERSION): void {
  const upsert = db.prepare(
    `INSERT INTO rule_enrichment (rule_id, content_hash, version, enrichment_json, lint_json, lint_errors, lint_warnings)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(rule_id) DO UPDATE SET content_hash = excluded.content_hash, version = excluded.version,
       enrichment_json = excluded.enrichment_json, lint_json = excluded.lint_json,
       lint_errors = excluded.lint_errors, lint_warnings = excluded.lint_warnings`,
  );
  db.transaction(() => {
    for (const { ruleId, contentHash, stored } of rows) {
      const errors = stored.lint.filter((f) => f.severity === 'error').length;
      const warnings = stored.lint.filter((f) => f.severity === 'warning').length;
      upsert.run(ruleId, contentHash, version, JSON.stringify(stored.enrichment), JSON.stringify(stored.lint), errors, warnings);
    }
    // Rules removed by the sync leave rows behind; only look for them when the counts disagree.
    const counts = db.prepare('SELECT (SELECT count(*) FROM rule_enrichment) AS e, (SELECT count(*) FROM rules) AS r').get() as { e: number; r: number };
    if (counts.e > counts.r || rows.length === 0) db.prepare('DELETE FROM rule_enrichment WHERE rule_id NOT IN (SELECT id FROM rules)').run();
  })();
}
