/**
 * Enrichment made in sync's parse step, right after a rule is built: the KQL syntax tree the
 * rule's tables were read from is still in hand (`parseQuerySyntax` keeps the last few), so the
 * analysis costs no second parse, and the work is spread over the parse workers with the rest.
 * The enrichment pass after the write stores these instead of recomputing them.
 */
import type { AttackKnowledgeBase } from '../../attack/index.js';
import type { Rule } from '../../catalog/rule.js';
import type { TableSchema } from '../../kql/schema/table-schema.js';
import { enrichAndLint } from './enrich-catalog.js';
import type { StoredEnrichment } from './enrichment-rows.js';

/** The enrichment of one rule as built by the parse step, with the content hash it was made for. */
export interface FreshEnrichment {
  ruleId: string;
  contentHash: string;
  stored: StoredEnrichment;
}

export interface FreshContext {
  attack: AttackKnowledgeBase;
  schemas: readonly TableSchema[] | null;
  /** Content hash the catalog holds per rule id: a rule parsed again unchanged is not written, so it needs no enrichment. */
  storedHashes: ReadonlyMap<string, string>;
}

/** Enriches and lints the rules that are new or changed; never throws (a rule that fails is left to the enrichment pass, which reports it). */
export function enrichFreshRules(rules: readonly Rule[], ctx: FreshContext): FreshEnrichment[] {
  const out: FreshEnrichment[] = [];
  for (const rule of rules) {
    if (ctx.storedHashes.get(rule.id) === rule.contentHash) continue;
    try {
      out.push({ ruleId: rule.id, contentHash: rule.contentHash, stored: enrichAndLint(rule, ctx.attack, ctx.schemas) });
    } catch {
      // Left out on purpose: the pass after the write computes it again and says what failed.
    }
  }
  return out;
}
