/**
 * The enrichment pass of a sync: for every rule whose enrichment is missing or outdated (content
 * hash or `ENRICHMENT_VERSION` changed), analyze, lint and enrich it, and store the result. A
 * re-sync with nothing changed finds nothing outdated and computes nothing.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AttackKnowledgeBase } from '../../attack/index.js';
import { analyzeRuleQuery } from '../../analysis/index.js';
import type { Rule } from '../../catalog/rule.js';
import type { TableSchema } from '../../kql/schema/table-schema.js';
import { countFindings } from '../../lint/lint-finding.js';
import { lintAndAnalyzeKqlRule } from '../../lint/lint-kql-rule.js';
import { enrichRule } from '../enrich-rule.js';
import { ENRICHMENT_VERSION } from '../enrichment.js';
import type { FreshEnrichment } from './enrich-fresh.js';
import { outdatedRules, writeEnrichments, type StoredEnrichment } from './enrichment-rows.js';
import { enrichOnWorkers, enrichWorkerCount } from './enrich-pool.js';

const BATCH = 200;

export interface EnrichCatalogOptions {
  attack: () => AttackKnowledgeBase;
  /** The ATT&CK bundle file, for worker threads (each loads its own knowledge base). */
  attackPath: string;
  /** Table schemas to lint KQL against; null lints what the parse shows only. */
  schemas: readonly TableSchema[] | null;
  loadRules: (ids: string[]) => Rule[];
  /**
   * Enrichments made while parsing (sync's parse step), by rule id: stored as they are for the
   * rules whose content hash they were made for, so only the others are computed here.
   */
  fresh?: ReadonlyMap<string, FreshEnrichment>;
  onProgress?: (done: number, total: number) => void;
}

/**
 * What a stored enrichment is valid for: the enrichment logic, and the schemas lint bound KQL
 * against (a catalog linted without schemas keeps the plain version, so adding or changing
 * schemas recomputes every rule once, and nothing else does).
 */
export function enrichmentStamp(schemas: readonly TableSchema[] | null): string {
  if (schemas === null) return ENRICHMENT_VERSION;
  const signature = JSON.stringify([...schemas].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((t) => [t.name, t.columns.map((c) => [c.name, c.type])]));
  return `${ENRICHMENT_VERSION}+schemas:${createHash('sha256').update(signature).digest('hex').slice(0, 16)}`;
}

/** Analysis, lint and enrichment of one rule. */
export function enrichAndLint(rule: Rule, attack: AttackKnowledgeBase, schemas: readonly TableSchema[] | null): StoredEnrichment {
  const analysis = rule.language === 'kql' && schemas === null ? analyzeRuleQuery(rule) : undefined;
  const linted = lintAndAnalyzeKqlRule(rule, { schemas, attack, ...(analysis ? { analysis } : {}) });
  const finalAnalysis = linted.analysis ?? analysis ?? analyzeRuleQuery(rule);
  // Confidence says "binds cleanly" only when lint did bind: parse-only findings are in the analysis already.
  const lint = rule.language === 'kql' && schemas !== null ? countFindings(linted.findings) : null;
  return { enrichment: enrichRule(rule, { attack, analysis: finalAnalysis, lint }), lint: linted.findings };
}

/** Brings every rule's stored enrichment up to date, on worker threads when there is much to do; resolves to how many were computed. */
export async function enrichCatalog(db: Database.Database, options: EnrichCatalogOptions): Promise<number> {
  const stamp = enrichmentStamp(options.schemas);
  const outdated = outdatedRules(db, stamp);
  const ready: FreshEnrichment[] = [];
  const ids: string[] = [];
  for (const r of outdated) {
    const fresh = options.fresh?.get(r.id);
    if (fresh && fresh.contentHash === r.contentHash && fresh.stored.enrichment.version === ENRICHMENT_VERSION) ready.push(fresh);
    else ids.push(r.id);
  }
  let done = 0;
  if (ready.length > 0 || ids.length === 0) {
    writeEnrichments(db, ready, stamp);
    done = ready.length;
    if (done > 0) options.onProgress?.(done, outdated.length);
  }
  if (ids.length === 0) return done;
  const batches: (() => Rule[])[] = [];
  for (let at = 0; at < ids.length; at += BATCH) {
    const slice = ids.slice(at, at + BATCH);
    batches.push(() => options.loadRules(slice));
  }
  const write = (rules: Rule[], stored: StoredEnrichment[]) => {
    writeEnrichments(db, rules.map((rule, i) => ({ ruleId: rule.id, contentHash: rule.contentHash, stored: stored[i]! })), stamp);
    done += rules.length;
    options.onProgress?.(done, outdated.length);
  };
  const workers = enrichWorkerCount(ids.length);
  if (workers > 1) {
    await enrichOnWorkers(batches, { attackPath: options.attackPath, schemas: options.schemas ? [...options.schemas] : null }, workers, write);
  } else {
    const attack = options.attack();
    for (const batch of batches) {
      const rules = batch();
      write(rules, rules.map((rule) => enrichAndLint(rule, attack, options.schemas)));
    }
  }
  return outdated.length;
}
