/**
 * From what an adapter read to a catalog rule: catalog id, ATT&CK normalization, tables of
 * KQL queries, source tags and provenance. Pure given its inputs (no clock, no I/O).
 */
import type { AttackKnowledgeBase } from '../attack/index.js';
import { catalogId } from '../catalog/catalog-id.js';
import type { FileProblem, ParsedRule, Rule, TacticRef, TechniqueRef } from '../catalog/rule.js';
import type { SourceConfig } from '../config/config-types.js';
import { referencedTables } from '../kql/frontend/referenced-tables.js';
import { ruleContentHash } from './content-hash.js';
import { ruleFileUrl } from './rule-link.js';

/** The flag sync sets on rules sharing an upstream id within a source. */
export const DUPLICATE_FLAG = 'duplicate-upstream-id';

export interface BuildContext {
  source: SourceConfig;
  /** Commit the file was read at (manifest, checkout or configured ref). */
  commit: string | null;
  attack: AttackKnowledgeBase;
}

/**
 * The catalog rule for `parsed`, with times left empty (sync fills them after diffing) and
 * the content hash computed. Unknown tactics and techniques become warnings on the rule.
 */
export function buildRule(parsed: ParsedRule, ctx: BuildContext): Rule {
  const problems: FileProblem[] = [...parsed.problems];
  const warn = (reason: string) => problems.push({ file: parsed.path, reason, severity: 'warning' });

  const techniques = normalizeTechniques(parsed.techniquesRaw, ctx.attack, warn);
  const tactics = normalizeTactics(parsed.tacticsRaw, ctx.attack, warn);
  if (tactics.length === 0) tactics.push(...tacticsOfTechniques(techniques, ctx.attack));

  const { tacticsRaw, techniquesRaw, ...rest } = parsed;
  const rule: Rule = {
    ...rest,
    id: catalogId(ctx.source.name, parsed.path, parsed.upstreamId, parsed.indexInFile),
    source: ctx.source.name,
    tactics,
    techniques,
    tacticsRaw,
    techniquesRaw,
    dataSources: parsed.language === 'kql' ? uniqueIgnoringCase([...referencedTables(parsed.query), ...parsed.dataSources]) : uniqueIgnoringCase(parsed.dataSources),
    tags: unique([...parsed.tags, ...ctx.source.tags]),
    flags: parsed.flags.filter((f) => f !== DUPLICATE_FLAG),
    problems,
    commit: ctx.commit,
    url: ruleFileUrl(ctx.source.repo, ctx.commit, parsed.path),
    firstSeen: '',
    lastChanged: '',
    retrievedAt: '',
    contentHash: '',
  };
  rule.contentHash = ruleContentHash(rule);
  return rule;
}

/** Sets or clears the duplicate flag; returns true when the rule changed (hash updated). */
export function setDuplicateFlag(rule: Rule, duplicate: boolean): boolean {
  const has = rule.flags.includes(DUPLICATE_FLAG);
  if (has === duplicate) return false;
  rule.flags = duplicate ? [...rule.flags, DUPLICATE_FLAG] : rule.flags.filter((f) => f !== DUPLICATE_FLAG);
  rule.contentHash = ruleContentHash(rule);
  return true;
}

function normalizeTactics(raw: string[], kb: AttackKnowledgeBase, warn: (r: string) => void): TacticRef[] {
  const out = new Map<string, TacticRef>();
  for (const value of raw) {
    const ref = kb.normalizeTactic(value);
    if (ref) out.set(ref.id, ref);
    else warn(`unknown ATT&CK tactic ${JSON.stringify(value)}`);
  }
  return [...out.values()];
}

function normalizeTechniques(raw: string[], kb: AttackKnowledgeBase, warn: (r: string) => void): TechniqueRef[] {
  const out = new Map<string, TechniqueRef>();
  for (const value of raw) {
    const resolved = kb.normalizeTechnique(value);
    if (!resolved) {
      warn(`not an ATT&CK technique id: ${JSON.stringify(value)}`);
      continue;
    }
    if (!resolved.ref.known) warn(`ATT&CK ${kb.version ?? ''} has no technique ${resolved.ref.id}`.replace('  ', ' '));
    out.set(resolved.ref.id, resolved.ref);
  }
  return [...out.values()];
}

/** Tactics of the given techniques, in ATT&CK matrix order (files such as Splunk's name none). */
function tacticsOfTechniques(techniques: TechniqueRef[], kb: AttackKnowledgeBase): TacticRef[] {
  const shortnames = new Set(techniques.flatMap((t) => kb.technique(t.id)?.tactics ?? []));
  return kb
    .tactics()
    .filter((t) => shortnames.has(t.shortname))
    .map((t) => ({ id: t.id, shortname: t.shortname, name: t.name }));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function uniqueIgnoringCase(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
