/** The per-technique rows the coverage views aggregate, and the per-rule values they shade by. */
import type Database from 'better-sqlite3';
import type { ConfidenceLevel } from '../enrich/enrichment.js';
import type { CoverageEntry, RuleFilters, ValueCount } from './catalog-store.js';
import { filterSql, whereSql, withText } from './filter-sql.js';

/**
 * KQL names the tables it reads, and reads every one of them. Other formats list alternatives
 * (Elastic index patterns and integrations, Splunk data sources): any one of them is enough.
 */
const NEEDS_ALL_LANGUAGES = new Set(['kql']);

/** One row per (rule, technique) pair of the rules matching `filters`, with the rule's tables. */
export function coverageEntries(db: Database.Database, filters: RuleFilters): CoverageEntry[] {
  const f = withText(filterSql(filters));
  const rows = db
    .prepare(
      `SELECT t.technique_id AS techniqueId, t.parent_id AS parentId, t.rule_id AS ruleId, r.name AS name,
              r.source AS source, r.language AS language, r.kind AS kind, r.status AS status,
              (SELECT json_group_array(x.table_name) FROM rule_tables x WHERE x.rule_id = t.rule_id) AS tables
       FROM rule_techniques t JOIN rules r ON r.id = t.rule_id ${whereSql(f.clauses)}
       ORDER BY t.technique_id, r.name COLLATE NOCASE, r.id`,
    )
    .all(...f.params) as (Omit<CoverageEntry, 'tables' | 'needs'> & { tables: string })[];
  return rows.map((r) => ({
    techniqueId: r.techniqueId,
    parentId: r.parentId,
    ruleId: r.ruleId,
    name: r.name,
    source: r.source,
    language: r.language,
    kind: r.kind,
    status: r.status,
    tables: JSON.parse(r.tables) as string[],
    needs: NEEDS_ALL_LANGUAGES.has(r.language) ? 'all' : 'any',
  }));
}

/** Each enriched rule's confidence level, from the indexed column of migration 5 (no JSON parsed). */
export function ruleConfidences(db: Database.Database): Map<string, ConfidenceLevel> {
  const rows = db
    .prepare(`SELECT rule_id AS id, confidence AS level FROM rule_enrichment WHERE confidence IS NOT NULL`)
    .all() as { id: string; level: ConfidenceLevel | null }[];
  return new Map(rows.flatMap((r) => (r.level ? [[r.id, r.level] as const] : [])));
}

/** Rules per status value (null statuses left out), most frequent first. */
export function statusCounts(db: Database.Database): ValueCount[] {
  return db
    .prepare(`SELECT status AS value, count(*) AS count FROM rules WHERE status IS NOT NULL AND status <> '' GROUP BY status ORDER BY count DESC, value`)
    .all() as ValueCount[];
}
