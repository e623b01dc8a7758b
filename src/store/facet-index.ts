/**
 * The feed's facet counts from memory. Every rule's facet values are read once into compact
 * arrays (codes per value, one array per facet); a request then needs one SQL query at most
 * (the full-text match) and one pass over the rules per facet. Counting in SQL took one
 * GROUP BY per facet, each re-running the text match and the filters: the slow part of the feed.
 *
 * Counts are disjunctive: a facet's own filter is left out of its counts, so next to a checked
 * value the others show how many rules checking them too would add.
 */
import type Database from 'better-sqlite3';
import type { FacetName, Facets, RuleFilters } from './catalog-store.js';

/** The facets, in the order the feed shows them. */
export const FACET_NAMES: readonly FacetName[] = ['source', 'language', 'kind', 'severity', 'confidence', 'tactic', 'technique', 'table', 'tag'];

/** One facet: its values (by code) and, per rule, the codes it has. */
interface Dimension {
  values: string[];
  labels: string[];
  /** Rule i has codes `codes[start[i]] … codes[start[i + 1] - 1]`. */
  start: Int32Array;
  codes: Int32Array;
  /** Technique only: the parent id of each code (a parent filter matches its sub-techniques). */
  parents?: (string | null)[];
}

/** Builds a dimension from (position, value, label) rows. */
function dimensionOf(rules: number, rows: { pos: number; value: string; label: string; parent?: string | null }[]): Dimension {
  const code = new Map<string, number>();
  const values: string[] = [];
  const labels: string[] = [];
  const parents: (string | null)[] = [];
  const counts = new Int32Array(rules + 1);
  for (const r of rows) counts[r.pos + 1]!++;
  const start = new Int32Array(rules + 1);
  for (let i = 0; i < rules; i++) start[i + 1] = start[i]! + counts[i + 1]!;
  const fill = start.slice(0, rules);
  const codes = new Int32Array(rows.length);
  for (const r of rows) {
    let c = code.get(r.value);
    if (c === undefined) {
      c = values.length;
      code.set(r.value, c);
      values.push(r.value);
      labels.push(r.label);
      parents.push(r.parent ?? null);
    }
    codes[fill[r.pos]!++] = c;
  }
  return { values, labels, start, codes, ...(rows.some((r) => r.parent !== undefined) ? { parents } : {}) };
}

export class FacetIndex {
  private constructor(
    private readonly db: Database.Database,
    /** Position → rowid and back. */
    private readonly posOfRowid: Map<number, number>,
    private readonly rules: number,
    private readonly dims: Record<FacetName, Dimension>,
    private readonly flagged: Uint8Array,
    private readonly problems: Uint8Array,
  ) {}

  /** Reads every rule's facet values (a few tens of milliseconds for 9k rules). */
  static build(db: Database.Database): FacetIndex {
    const base = db
      .prepare(
        `SELECT r.rowid AS rowid, r.source, r.language, r.kind, r.severity, r.flagged, e.confidence,
                coalesce(e.lint_errors + e.lint_warnings, 0) > 0 AS problems
         FROM rules r LEFT JOIN rule_enrichment e ON e.rule_id = r.id ORDER BY r.rowid`,
      )
      .all() as { rowid: number; source: string; language: string; kind: string; severity: string | null; flagged: number; confidence: string | null; problems: number }[];
    const n = base.length;
    const posOfRowid = new Map(base.map((r, i) => [r.rowid, i]));
    const single = (key: 'source' | 'language' | 'kind' | 'severity' | 'confidence') =>
      dimensionOf(
        n,
        base.flatMap((r, pos) => (r[key] ? [{ pos, value: r[key]!, label: r[key]! }] : [])),
      );
    const linked = (sql: string) =>
      dimensionOf(
        n,
        (db.prepare(sql).all() as { rowid: number; value: string; label: string; parent?: string | null }[]).flatMap((r) => {
          const pos = posOfRowid.get(r.rowid);
          return pos === undefined ? [] : [{ pos, value: r.value, label: r.label, ...(r.parent !== undefined ? { parent: r.parent } : {}) }];
        }),
      );
    const dims: Record<FacetName, Dimension> = {
      source: single('source'),
      language: single('language'),
      kind: single('kind'),
      severity: single('severity'),
      confidence: single('confidence'),
      tactic: linked('SELECT r.rowid AS rowid, t.tactic_id AS value, t.name AS label FROM rule_tactics t JOIN rules r ON r.id = t.rule_id'),
      technique: linked(
        "SELECT r.rowid AS rowid, t.technique_id AS value, t.technique_id || ' ' || t.name AS label, t.parent_id AS parent FROM rule_techniques t JOIN rules r ON r.id = t.rule_id",
      ),
      table: linked('SELECT r.rowid AS rowid, t.table_name AS value, t.table_name AS label FROM rule_tables t JOIN rules r ON r.id = t.rule_id'),
      tag: linked('SELECT r.rowid AS rowid, t.tag AS value, t.tag AS label FROM rule_tags t JOIN rules r ON r.id = t.rule_id'),
    };
    return new FacetIndex(
      db,
      posOfRowid,
      n,
      dims,
      Uint8Array.from(base, (r) => r.flagged),
      Uint8Array.from(base, (r) => r.problems),
    );
  }

  /** Facet counts under `filters`; `match` is the FTS5 expression of the text filter, or null. */
  facets(filters: RuleFilters, match: string | null): Facets {
    const n = this.rules;
    // fails[i]: how many active filters rule i fails; lastFail[i]: the index of one of them.
    const fails = new Uint8Array(n);
    const lastFail = new Int8Array(n).fill(-1);
    const fail = (i: number, filter: number) => {
      fails[i]!++;
      lastFail[i] = filter;
    };
    if (match) {
      const hit = new Uint8Array(n);
      for (const rowid of this.db.prepare('SELECT rowid FROM rules_fts WHERE rules_fts MATCH ?').pluck().iterate(match) as Iterable<number>) {
        const pos = this.posOfRowid.get(rowid);
        if (pos !== undefined) hit[pos] = 1;
      }
      for (let i = 0; i < n; i++) if (!hit[i]) fail(i, 100);
    }
    if (filters.flagged) for (let i = 0; i < n; i++) if (!this.flagged[i]) fail(i, 101);
    if (filters.problems) for (let i = 0; i < n; i++) if (!this.problems[i]) fail(i, 102);
    FACET_NAMES.forEach((name, f) => {
      const selected = filters[name];
      if (!selected?.length) return;
      const dim = this.dims[name];
      const wanted = new Set(name === 'technique' || name === 'tactic' ? selected.map((v) => v.toUpperCase()) : selected);
      const ok = dim.values.map((v, c) => wanted.has(v) || (dim.parents?.[c] != null && wanted.has(dim.parents[c]!)));
      for (let i = 0; i < n; i++) {
        let any = false;
        for (let k = dim.start[i]!; k < dim.start[i + 1]! && !any; k++) any = ok[dim.codes[k]!]!;
        if (!any) fail(i, f);
      }
    });
    /** Rule i counts for a facet whose own filter is `f` when it fails nothing else. */
    const counts = (i: number, f: number) => fails[i] === 0 || (fails[i] === 1 && lastFail[i] === f);
    const out = {} as Facets;
    FACET_NAMES.forEach((name, f) => {
      const dim = this.dims[name];
      const tally = new Int32Array(dim.values.length);
      for (let i = 0; i < n; i++) {
        if (!counts(i, f)) continue;
        for (let k = dim.start[i]!; k < dim.start[i + 1]!; k++) tally[dim.codes[k]!]!++;
      }
      const list: { value: string; label: string; count: number }[] = [];
      tally.forEach((count, c) => {
        if (count > 0) list.push({ value: dim.values[c]!, label: dim.labels[c]!, count });
      });
      list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      out[name] = list;
    });
    let flagged = 0;
    let problems = 0;
    for (let i = 0; i < n; i++) {
      if (this.flagged[i] && counts(i, 101)) flagged++;
      if (this.problems[i] && counts(i, 102)) problems++;
    }
    out.flagged = flagged;
    out.problems = problems;
    return out;
  }
}
