/**
 * Specificity of the hunt hypotheses over the whole catalog:
 *  1. the share of rules whose hypothesis names a technique of the rule and at least one of its
 *     tables or log sources, and — when the query compares against literals — at least one of
 *     those literals (target ≥ 95%);
 *  2. the share of distinct hypotheses among rules with distinct queries (target ≥ 95%).
 * Rules without any ATT&CK technique cannot name one: they are counted, and reported apart.
 * Run: node --import tsx scripts/specificity.ts [--db FILE] [--misses N]
 */
import { parseArgs } from 'node:util';
import { analyzeRuleQuery, comparedLiterals } from '../src/analysis/index.js';
import { enrichRule } from '../src/enrich/index.js';
import { corpusCatalog } from '../bench/corpus-catalog.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, misses: { type: 'string' } } });
const { rules, attack } = await corpusCatalog(values.db);

/** A literal is named when the hypothesis holds it (or its first 59 characters, as long lists shorten it). */
function names(hypothesis: string, literal: string): boolean {
  const core = literal.replace(/^\*+|\*+$/g, '');
  return core.length > 0 && hypothesis.includes(core.length > 59 ? core.slice(0, 59) : core);
}

let withTechnique = 0;
let specific = 0;
const failures: { id: string; why: string }[] = [];
const perQuery = new Map<string, string>();
for (const rule of rules) {
  const analysis = analyzeRuleQuery(rule);
  const h = enrichRule(rule, { attack, analysis }).hypothesis;
  const normalized = rule.query.replace(/\s+/g, ' ').trim();
  if (normalized && !perQuery.has(normalized)) perQuery.set(normalized, h);
  if (rule.techniques.length === 0) continue;
  withTechnique++;
  const sources = analysis.sources.length ? analysis.sources.map((s) => s.name) : rule.dataSources;
  const literals = comparedLiterals(analysis);
  const why: string[] = [];
  if (!rule.techniques.some((t) => h.includes(t.id))) why.push('no technique');
  if (!sources.some((s) => h.includes(s))) why.push('no table or log source');
  if (literals.length > 0 && !literals.some((l) => names(h, l))) why.push('no literal');
  if (why.length === 0) specific++;
  else failures.push({ id: rule.id, why: why.join(', ') });
}
const distinct = new Set(perQuery.values()).size;
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`rules: ${rules.length}; with at least one ATT&CK technique: ${withTechnique}`);
console.log(`1. hypothesis names technique + table/log source (+ a literal when the query compares any): ${specific}/${withTechnique} = ${pct(specific, withTechnique)} (target ≥ 95%)`);
console.log(`   over all rules (those without a technique count as misses): ${pct(specific, rules.length)}`);
console.log(`2. distinct hypotheses among ${perQuery.size} distinct queries: ${distinct} = ${pct(distinct, perQuery.size)} (target ≥ 95%)`);
const reasons = new Map<string, number>();
for (const f of failures) reasons.set(f.why, (reasons.get(f.why) ?? 0) + 1);
console.log(`   misses by reason: ${[...reasons].map(([k, v]) => `${k}: ${v}`).join('; ') || 'none'}`);
for (const f of failures.slice(0, Number(values.misses ?? 0))) console.log(`   - ${f.id}: ${f.why}`);
