/** Translates `RuleFilters` into SQL over `rules r` (and FTS5 syntax for the text). */
import type { RuleFilters } from './catalog-store.js';

export interface FilterSql {
  /** Conditions on `rules r` except the text, to be joined with AND; empty means every rule. */
  clauses: string[];
  params: unknown[];
  /** The FTS5 MATCH expression of `filters.text`, or null when there is no text to match. */
  match: string | null;
}

/** The facets a filter can be left out of (for counts that ignore one dimension). */
export type FilterKey = Exclude<keyof RuleFilters, 'text' | 'flagged' | 'problems'>;

/**
 * SQL for `filters`. Values within one filter are ORed, filters are ANDed; a technique also
 * matches its sub-techniques. The text is returned apart as `match` (see `withText`).
 */
export function filterSql(filters: RuleFilters): FilterSql {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const column = (col: string, values: string[] | undefined) => {
    if (!values?.length) return;
    clauses.push(`r.${col} IN (${marks(values)})`);
    params.push(...values);
  };
  const linked = (table: string, col: string, values: string[] | undefined) => {
    if (!values?.length) return;
    clauses.push(`r.id IN (SELECT rule_id FROM ${table} WHERE ${col} IN (${marks(values)}))`);
    params.push(...values);
  };
  column('source', filters.source);
  column('language', filters.language);
  column('kind', filters.kind);
  column('severity', filters.severity);
  column('status', filters.status);
  linked('rule_tactics', 'tactic_id', filters.tactic?.map((t) => t.toUpperCase()));
  if (filters.technique?.length) {
    const ids = filters.technique.map((t) => t.toUpperCase());
    clauses.push(
      `r.id IN (SELECT rule_id FROM rule_techniques WHERE technique_id IN (${marks(ids)}) OR parent_id IN (${marks(ids)}))`,
    );
    params.push(...ids, ...ids);
  }
  linked('rule_tables', 'table_name', filters.table);
  linked('rule_tags', 'tag', filters.tag);
  if (filters.flagged) clauses.push('r.flagged = 1');
  if (filters.confidence?.length) {
    clauses.push(`r.id IN (SELECT rule_id FROM rule_enrichment WHERE confidence IN (${marks(filters.confidence)}))`);
    params.push(...filters.confidence);
  }
  if (filters.problems) clauses.push('r.id IN (SELECT rule_id FROM rule_enrichment WHERE lint_errors + lint_warnings > 0)');

  return { clauses, params, match: ftsMatch(filters.text) };
}

/**
 * Conditions and parameters of `f` including the text, as a rowid subquery: for queries over
 * `rules r` that do not join `rules_fts` themselves.
 */
export function withText(f: FilterSql): { clauses: string[]; params: unknown[] } {
  if (!f.match) return f;
  return {
    clauses: [...f.clauses, 'r.rowid IN (SELECT rowid FROM rules_fts WHERE rules_fts MATCH ?)'],
    params: [...f.params, f.match],
  };
}

/** `WHERE a AND b`, or nothing. */
export function whereSql(clauses: string[]): string {
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/**
 * The FTS5 expression for free text: words (as the unicode61 tokenizer splits them) ANDed, each
 * a prefix, so `addig netc` finds "Addigy - Network Connection". Quoted so no user input is
 * read as FTS5 syntax. Null for text with no word in it (matches everything).
 */
export function ftsMatch(text: string | undefined): string | null {
  if (!text) return null;
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((w) => `"${w}"*`).join(' AND ');
}

function marks(values: unknown[]): string {
  return values.map(() => '?').join(', ');
}
