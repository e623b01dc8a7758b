/** Related rules of a rule: the same ATT&CK techniques, from other sources. */
import type Database from 'better-sqlite3';
import type { RelatedRule } from './catalog-store.js';

/** Candidates read before picking: enough for every source to show its best. */
const CANDIDATES = 120;

/**
 * Rules of other sources sharing a technique with rule `id`, most shared techniques first (then
 * most shared tables: the same technique seen in the same data), taken in turns from each source (so one big source does not fill the list), at most
 * `limit`. Narrow reads only: the technique index, then the few rows kept.
 */
export function relatedRules(db: Database.Database, id: string, limit: number): RelatedRule[] {
  const rows = db
    .prepare(
      `WITH mine AS (SELECT technique_id FROM rule_techniques WHERE rule_id = ?),
            shared AS (SELECT o.rule_id AS id, count(*) AS n FROM rule_techniques o JOIN mine m ON o.technique_id = m.technique_id
                       WHERE o.rule_id <> ? GROUP BY o.rule_id)
       SELECT r.id AS id, r.name AS name, r.source AS source, r.language AS language, s.n AS shared,
              (SELECT count(*) FROM rule_tables x JOIN rule_tables y ON y.table_name = x.table_name AND y.rule_id = s.id WHERE x.rule_id = ?) AS tables
       FROM shared s JOIN rules r ON r.id = s.id
       WHERE r.source <> (SELECT source FROM rules WHERE id = ?)
       ORDER BY s.n DESC, tables DESC, r.name COLLATE NOCASE, r.id LIMIT ?`,
    )
    .all(id, id, id, id, CANDIDATES) as (RelatedRule & { tables?: number })[];
    for (const r of rows) delete r.tables;
  const bySource = new Map<string, RelatedRule[]>();
  for (const r of rows) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
  const queues = [...bySource.values()];
  const out: RelatedRule[] = [];
  for (let round = 0; out.length < limit && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (q[round] && out.length < limit) out.push(q[round]!);
  }
  return out;
}
