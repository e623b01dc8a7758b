/**
 * The optional model step: rewrite the hypothesis and false-positive notes as prose. Off when
 * there is no configuration (no request is ever sent); answers are validated, cached, labelled
 * as AI-generated; any failure falls back to the deterministic text and says why.
 */
import type { QueryAnalysis } from '../../analysis/index.js';
import type { Rule } from '../../catalog/rule.js';
import type { Enrichment } from '../enrichment.js';
import { chatCompletion } from './chat-client.js';
import { llmCacheKey, type LlmCache } from './llm-cache.js';
import type { LlmConfig } from './llm-config.js';
import { PROMPT_VERSION, rewriteMessages, validateRewrite, type RewrittenProse } from './prompt.js';

export interface RewriteOptions {
  /** Null: the provider is off. */
  config: LlmConfig | null;
  cache: LlmCache;
}

export interface RewriteResult {
  enrichment: Enrichment;
  outcome: 'off' | 'cached' | 'generated' | 'fallback';
  /** Why the deterministic text was kept, for `fallback`. */
  reason?: string;
}

function apply(enrichment: Enrichment, prose: RewrittenProse, model: string): Enrichment {
  return {
    ...enrichment,
    hypothesis: prose.hypothesis,
    // Rewritten in place, one for one: each note keeps its origin.
    falsePositives: enrichment.falsePositives.map((n, i) => ({ ...n, text: prose.falsePositives[i]!.text, tuning: prose.falsePositives[i]!.tuning ?? n.tuning })),
    author: { kind: 'ai', model, promptVersion: PROMPT_VERSION },
  };
}

/** Rewrites `enrichment` with the configured model; never throws. */
export async function rewriteEnrichment(rule: Rule, enrichment: Enrichment, analysis: QueryAnalysis, options: RewriteOptions): Promise<RewriteResult> {
  const { config, cache } = options;
  if (!config) return { enrichment, outcome: 'off' };
  const key = llmCacheKey(rule.contentHash, config.model, PROMPT_VERSION);
  const cached = cache.get(key);
  if (cached && cached.falsePositives.length === enrichment.falsePositives.length) return { enrichment: apply(enrichment, cached, config.model), outcome: 'cached' };
  try {
    const content = await chatCompletion(config, rewriteMessages(rule, enrichment, analysis));
    const checked = validateRewrite(content, enrichment.falsePositives.length);
    if (!checked.ok) return { enrichment, outcome: 'fallback', reason: `the model's answer was rejected: ${checked.reason}` };
    cache.set(key, checked.value);
    return { enrichment: apply(enrichment, checked.value, config.model), outcome: 'generated' };
  } catch (err) {
    return { enrichment, outcome: 'fallback', reason: (err as Error).message };
  }
}
