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

/** Facets with a natural order, shown in it (most severe, most confident first) rather than by count. */
const RANKED: Partial<Record<FacetName, readonly string[]>> = {
  severity: ['critical', 'high', 'medium', 'low', 'informational'],
  confidence: ['high', 'medium', 'low'],
};

function rankOf(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i < 0 ? order.length : i;
}

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

  /**
   * Reads every rule's facet values. Only narrow reads: the rules' short columns, and the
   * link tables and enrichment through their covering indexes, keyed by rule id (a join into
   * the wide rows of rules or rule_enrichment costs ten times more).
   */
  static build(db: Database.Database): FacetIndex {
    const base = db.prepare('SELECT rowid, id FROM rules ORDER BY rowid').all() as { rowid: number; id: string }[];
    const n = base.length;
    const posOfRowid = new Map(base.map((r, i) => [r.rowid, i]));
    const posOfId = new Map(base.map((r, i) => [r.id, i]));
    const flagged = new Uint8Array(n);
    for (const rowid of db.prepare('SELECT rowid FROM rules WHERE flagged = 1').pluck().all() as number[]) flagged[posOfRowid.get(rowid)!] = 1;
    const confidence = new Map(
      (db.prepare('SELECT rule_id AS id, confidence FROM rule_enrichment WHERE confidence IS NOT NULL').all() as { id: string; confidence: string }[]).map((r) => [r.id, r.confidence]),
    );
    const problems = new Uint8Array(n);
    for (const id of db.prepare('SELECT rule_id FROM rule_enrichment WHERE lint_errors > 0 OR lint_warnings > 0').pluck().all() as string[]) {
      const pos = posOfId.get(id);
      if (pos !== undefined) problems[pos] = 1;
    }
    // Each column alone, so SQLite reads it from the column's own (covering) index.
    const single = (column: 'source' | 'language' | 'kind' | 'severity') =>
      dimensionOf(
        n,
        (db.prepare(`SELECT rowid, ${column} AS value FROM rules WHERE ${column} IS NOT NULL`).all() as { rowid: number; value: string }[]).map((r) => ({
          pos: posOfRowid.get(r.rowid)!,
          value: r.value,
          label: r.value,
        })),
      );
    const linked = (sql: string) =>
      dimensionOf(
        n,
        (db.prepare(sql).all() as { id: string; value: string; label?: string; parent?: string | null }[]).flatMap((r) => {
          const pos = posOfId.get(r.id);
          return pos === undefined ? [] : [{ pos, value: r.value, label: r.label ?? r.value, ...(r.parent !== undefined ? { parent: r.parent } : {}) }];
        }),
      );
    const dims: Record<FacetName, Dimension> = {
      source: single('source'),
      language: single('language'),
      kind: single('kind'),
      severity: single('severity'),
      confidence: dimensionOf(
        n,
        [...confidence].flatMap(([id, value]) => {
          const pos = posOfId.get(id);
          return pos === undefined ? [] : [{ pos, value, label: value }];
        }),
      ),
      tactic: linked('SELECT rule_id AS id, tactic_id AS value, name AS label FROM rule_tactics'),
      technique: linked("SELECT rule_id AS id, technique_id AS value, technique_id || ' ' || name AS label, parent_id AS parent FROM rule_techniques"),
      table: linked('SELECT rule_id AS id, table_name AS value FROM rule_tables'),
      tag: linked('SELECT rule_id AS id, tag AS value FROM rule_tags'),
    };
    return new FacetIndex(db, posOfRowid, n, dims, flagged, problems);
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
      const rank = RANKED[name];
      list.sort((a, b) => (rank ? rankOf(rank, a.value) - rankOf(rank, b.value) : 0) || b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
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
