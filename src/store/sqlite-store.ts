/** `CatalogStore` over the SQLite catalog: the read side every view uses. */
import { readEnrichment, type StoredEnrichment } from '../enrich/persist/enrichment-rows.js';
import type Database from 'better-sqlite3';
import type { Rule, Severity } from '../catalog/rule.js';
import type {
  CatalogStore,
  Facets,
  RuleFilters,
  RulePage,
  RuleSummary,
  SearchResult,
  StoredProblem,
  SyncRecord,
  CoverageEntry,
  RelatedRule,
  ValueCount,
} from './catalog-store.js';
import type { ConfidenceLevel } from '../enrich/enrichment.js';
import { filterSql, whereSql, withText } from './filter-sql.js';
import { coverageEntries, ruleConfidences, statusCounts } from './coverage-sql.js';
import { makeSnippet, searchWords } from './make-snippet.js';
import { FacetIndex } from './facet-index.js';
import { relatedRules } from './related-sql.js';
import { openCatalogDb } from './open-catalog-db.js';
import { rowToRule, type RuleRow } from './rule-row.js';

const SUMMARY_COLUMNS = `r.id, r.name, r.description, r.source, r.format, r.language, r.kind, r.severity,
  r.severity_inferred, r.status, r.techniques_json, r.tactics_json, r.data_sources_json, r.tags_json,
  r.flags_json, r.problems_json, r.last_changed`;

/** Column weights for bm25: name, description, query, tags. A hit in the name counts most. */
const BM25 = 'bm25(rules_fts, 10.0, 4.0, 1.0, 6.0)';

const ORDER: Record<string, string> = {
  changed: 'r.last_changed DESC, r.name COLLATE NOCASE',
  name: 'r.name COLLATE NOCASE, r.id',
  severity: 'r.severity_rank DESC, r.name COLLATE NOCASE',
};

interface SummaryRow {
  id: string;
  name: string;
  description: string;
  source: string;
  format: string;
  language: string;
  kind: string;
  severity: string | null;
  severity_inferred: number;
  status: string | null;
  techniques_json: string;
  tactics_json: string;
  data_sources_json: string;
  tags_json: string;
  flags_json: string;
  problems_json: string;
  last_changed: string;
  snippet?: string | null;
}

export class SqliteCatalogStore implements CatalogStore {
  private readonly retrievedAt = new Map<string, string>();
  private facets_: { generation: string; index: FacetIndex } | null = null;

  constructor(readonly db: Database.Database) {
    this.loadRetrievedAt();
  }

  /** Opens the catalog at `dbPath`; with `create: false` a missing file is an error. */
  static open(dbPath: string, opts: { create: boolean } = { create: false }): SqliteCatalogStore {
    return new SqliteCatalogStore(openCatalogDb(dbPath, opts));
  }

  /** Re-reads per-source state; call after a sync wrote through the same connection. */
  refresh(): void {
    this.loadRetrievedAt();
  }

  searchRules(filters: RuleFilters, page: RulePage): SearchResult {
    const f = filterSql(filters);
    const sort = page.sort ?? 'relevance';
    const limit = Math.max(0, Math.floor(page.limit));
    const offset = Math.max(0, Math.floor(page.offset));
    if (!f.match) {
      const where = whereSql(f.clauses);
      const total = this.db.prepare(`SELECT count(*) FROM rules r ${where}`).pluck().get(...f.params) as number;
      const rows = this.db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM rules r ${where} ORDER BY ${ORDER[sort] ?? ORDER.name!} LIMIT ? OFFSET ?`)
        .all(...f.params, limit, offset) as SummaryRow[];
      return { total, rules: rows.map(toSummary) };
    }
    // One FTS pass ranks the page and counts the matches (window count); the page's rows are
    // then read by rowid and their snippets made in JavaScript (see make-snippet.ts).
    // bm25() cannot sit beside a window function, hence the inner query; the `r.` columns of
    // the ORDER clauses are the inner query's aliases.
    const order = sort === 'relevance' ? 'score, r.name COLLATE NOCASE' : ORDER[sort]!;
    const ranked = this.db
      .prepare(
        `SELECT rowid, count(*) OVER () AS total FROM (
           SELECT r.rowid AS rowid, ${BM25} AS score, r.name AS name, r.id AS id, r.last_changed AS last_changed,
                  r.severity_rank AS severity_rank
           FROM rules_fts JOIN rules r ON r.rowid = rules_fts.rowid
           ${whereSql(['rules_fts MATCH ?', ...f.clauses])}
         ) AS r
         ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(f.match, ...f.params, limit, offset) as { rowid: number; total: number }[];
    if (ranked.length === 0) {
      const all = withText(f);
      return { total: this.db.prepare(`SELECT count(*) FROM rules r ${whereSql(all.clauses)}`).pluck().get(...all.params) as number, rules: [] };
    }
    const rows = this.db
      .prepare(`SELECT r.rowid AS rowid, r.query AS query, ${SUMMARY_COLUMNS} FROM rules r WHERE r.rowid IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ranked.map((x) => x.rowid))) as (SummaryRow & { rowid: number; query: string })[];
    const byRowid = new Map(rows.map((r) => [r.rowid, r]));
    const words = searchWords(filters.text);
    return {
      total: ranked[0]!.total,
      rules: ranked.map((x) => {
        const row = byRowid.get(x.rowid)!;
        return toSummary({ ...row, snippet: makeSnippet([row.description, row.query, row.name], words) ?? null });
      }),
    };
  }

  facets(filters: RuleFilters): Facets {
    return this.facetIndex().facets(filters, filterSql(filters).match);
  }

  /** The facet index, rebuilt when the catalog changed: written through this connection (total_changes) or another (data_version). */
  private facetIndex(): FacetIndex {
    const generation = this.db.prepare('SELECT total_changes()').pluck().get() + ':' + this.db.pragma('data_version', { simple: true });
    if (!this.facets_ || this.facets_.generation !== generation) this.facets_ = { generation, index: FacetIndex.build(this.db) };
    return this.facets_.index;
  }

  relatedRules(id: string, limit: number): RelatedRule[] {
    return relatedRules(this.db, id, limit);
  }

  enrichment(id: string): StoredEnrichment | null {
    return readEnrichment(this.db, id);
  }

  getRule(id: string): Rule | null {
    const row = this.db.prepare('SELECT * FROM rules WHERE id = ?').get(id) as RuleRow | undefined;
    return row ? rowToRule(row, this.retrievedAt.get(row.source) ?? null) : null;
  }

  getRules(ids: string[]): Rule[] {
    const byId = new Map<string, Rule>();
    const stmt = this.db.prepare('SELECT * FROM rules WHERE id IN (SELECT value FROM json_each(?))');
    for (let i = 0; i < ids.length; i += 500) {
      for (const row of stmt.all(JSON.stringify(ids.slice(i, i + 500))) as RuleRow[]) {
        byId.set(row.id, rowToRule(row, this.retrievedAt.get(row.source) ?? null));
      }
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  allRuleIds(): string[] {
    return (this.db.prepare('SELECT id FROM rules ORDER BY id').pluck().all() as string[]);
  }

  coverage(filters: RuleFilters): Map<string, number> {
    const f = withText(filterSql(filters));
    const rows = this.db
      .prepare(
        `SELECT technique, count(DISTINCT rule_id) AS n FROM (
           SELECT t.technique_id AS technique, t.rule_id FROM rule_techniques t JOIN rules r ON r.id = t.rule_id ${whereSql(f.clauses)}
           UNION ALL
           SELECT t.parent_id, t.rule_id FROM rule_techniques t JOIN rules r ON r.id = t.rule_id
             ${whereSql(['t.parent_id IS NOT NULL', ...f.clauses])}
         ) GROUP BY technique`,
      )
      .all(...f.params, ...f.params) as { technique: string; n: number }[];
    return new Map(rows.map((r) => [r.technique, r.n]));
  }

  coverageEntries(filters: RuleFilters): CoverageEntry[] {
    return coverageEntries(this.db, filters);
  }

  ruleConfidences(): Map<string, ConfidenceLevel> {
    return ruleConfidences(this.db);
  }

  statusCounts(): ValueCount[] {
    return statusCounts(this.db);
  }

  problems(): StoredProblem[] {
    const rows = this.db
      .prepare('SELECT source, file, line, col, reason, severity FROM problems ORDER BY source, file, line, rowid')
      .all() as { source: string; file: string; line: number | null; col: number | null; reason: string; severity: 'error' | 'warning' }[];
    return rows.map((r) => ({
      source: r.source,
      file: r.file,
      ...(r.line !== null ? { line: r.line } : {}),
      ...(r.col !== null ? { column: r.col } : {}),
      reason: r.reason,
      severity: r.severity,
    }));
  }

  lastSync(): SyncRecord | null {
    const row = this.db.prepare('SELECT * FROM syncs ORDER BY id DESC LIMIT 1').get() as
      | { id: number; started_at: string; finished_at: string | null; sources_json: string }
      | undefined;
    if (!row) return null;
    return { id: row.id, startedAt: row.started_at, finishedAt: row.finished_at, sources: JSON.parse(row.sources_json) };
  }

  /** Number of rules in the catalog. */
  countRules(): number {
    return this.db.prepare('SELECT count(*) FROM rules').pluck().get() as number;
  }

  close(): void {
    this.db.close();
  }

  private loadRetrievedAt(): void {
    this.retrievedAt.clear();
    for (const r of this.db.prepare('SELECT source, retrieved_at FROM source_state').all() as { source: string; retrieved_at: string }[]) {
      this.retrievedAt.set(r.source, r.retrieved_at);
    }
  }
}

function toSummary(r: SummaryRow): RuleSummary {
  const techniques = JSON.parse(r.techniques_json) as { id: string; name: string }[];
  const tactics = JSON.parse(r.tactics_json) as { id: string; name: string }[];
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    source: r.source,
    format: r.format,
    language: r.language,
    kind: r.kind,
    severity: r.severity as Severity | null,
    severityInferred: r.severity_inferred === 1,
    status: r.status,
    techniques: techniques.map((t) => ({ id: t.id, name: t.name })),
    tactics: tactics.map((t) => ({ id: t.id, name: t.name })),
    dataSources: JSON.parse(r.data_sources_json),
    tags: JSON.parse(r.tags_json),
    flags: JSON.parse(r.flags_json),
    lastChanged: r.last_changed,
    ...(r.snippet ? { snippet: r.snippet } : {}),
  };
}
