/**
 * Enrichment as a pipeline of small steps, each adding one section: ATT&CK context, required
 * data sources, the hunt hypothesis, false-positive guidance, references, confidence. Pure and
 * deterministic: the same rule, analysis and ATT&CK release give the same enrichment.
 */
import type { AttackKnowledgeBase } from '../attack/index.js';
import type { QueryAnalysis } from '../analysis/index.js';
import type { Rule } from '../catalog/rule.js';
import { ENRICHMENT_VERSION, type Enrichment } from './enrichment.js';
import { attackContext } from './steps/attack-context.js';
import { ruleConfidence, type LintSummary } from './steps/confidence.js';
import { requiredDataSources, sourceRows } from './steps/data-sources.js';
import { falsePositiveGuidance } from './steps/false-positives.js';
import { huntHypothesis } from './steps/hypothesis.js';
import { ruleReferences } from './steps/references.js';
import { ruleSubject } from './subject.js';

/** What enrichment reads besides the rule. */
export interface EnrichContext {
  attack: AttackKnowledgeBase;
  analysis: QueryAnalysis;
  /** Lint counts when lint ran for the rule (KQL with schemas); confidence then says whether it binds. */
  lint?: LintSummary | null;
}

/** The deterministic enrichment of a rule; never throws for odd rules (empty query, unknown techniques). */
export function enrichRule(rule: Rule, ctx: EnrichContext): Enrichment {
  const { attack, analysis } = ctx;
  const rows = sourceRows(rule, analysis);
  const techniques = attackContext(rule, attack, rows.dataComponents);
  const subject = ruleSubject(rule, analysis, attack);
  const mutable = techniques.flatMap((t) =>
    t.detectionStrategies.flatMap((s) => s.analytics.flatMap((a) => {
      const full = attack.detectionStrategies(t.id).find((x) => x.id === s.id)?.analytics.find((x) => x.id === a.id);
      return (full?.mutableElements ?? []).filter((m) => /allow|user|account|process|path|list/i.test(m.field)).map((m) => ({ analytic: a.id, ...m }));
    })),
  );
  return {
    version: ENRICHMENT_VERSION,
    hypothesis: huntHypothesis(rule, analysis, attack, subject, rows),
    falsePositives: falsePositiveGuidance(rule, analysis, techniques, subject, mutable),
    attack: techniques,
    dataSources: requiredDataSources(rule, analysis),
    references: ruleReferences(rule, techniques),
    confidence: ruleConfidence(rule, analysis, techniques, ctx.lint ?? null),
    author: { kind: 'deterministic' },
  };
}
