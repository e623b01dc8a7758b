/** The prompt that asks a model to rewrite the deterministic hypothesis and false-positive notes as prose, and the schema its answer must meet. */
import type { QueryAnalysis } from '../../analysis/index.js';
import type { Rule } from '../../catalog/rule.js';
import type { Enrichment } from '../enrichment.js';
import type { ChatMessage } from './chat-client.js';

/** Bumped whenever the prompt or the expected answer changes: cached answers of another version are not reused. */
export const PROMPT_VERSION = 'rewrite-v1';

const SYSTEM = `You are a senior threat hunter. You rewrite the hunt hypothesis and the false-positive notes of a detection rule as clear prose for other hunters.
Rules: keep every fact (technique ids, tables, field names, literal values, tuning columns); add no facts that are not in the input; the hypothesis is 1 to 3 sentences; keep one note per input note, in the same order.
Answer with a JSON object only: {"hypothesis": string, "falsePositives": [{"text": string, "tuning": string | null}]}.`;

/** The chat messages for one rule. */
export function rewriteMessages(rule: Pick<Rule, 'name' | 'description' | 'query' | 'language'>, enrichment: Enrichment, analysis: QueryAnalysis): ChatMessage[] {
  const input = {
    rule: { name: rule.name, description: rule.description.slice(0, 2000), language: rule.language, query: rule.query.slice(0, 4000) },
    analysis: { sources: analysis.sources, filters: analysis.filters.slice(0, 20), timeWindow: analysis.timeWindow, thresholds: analysis.thresholds },
    hypothesis: enrichment.hypothesis,
    falsePositives: enrichment.falsePositives.map((n) => ({ text: n.text, tuning: n.tuning })),
  };
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: JSON.stringify(input) },
  ];
}

export interface RewrittenProse {
  hypothesis: string;
  falsePositives: { text: string; tuning: string | null }[];
}

/** Checks a model's answer against the expected shape; returns the prose, or the reason it is unusable. */
export function validateRewrite(content: string, expectedNotes: number): { ok: true; value: RewrittenProse } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: 'the answer is not JSON' };
  }
  const o = json as Record<string, unknown>;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { ok: false, reason: 'the answer is not a JSON object' };
  const h = o['hypothesis'];
  if (typeof h !== 'string' || h.trim().length < 20 || h.length > 1500) return { ok: false, reason: 'hypothesis must be a string of 20 to 1500 characters' };
  const notes = o['falsePositives'];
  if (!Array.isArray(notes) || notes.length !== expectedNotes) return { ok: false, reason: `falsePositives must be an array of ${expectedNotes} notes` };
  const out: RewrittenProse['falsePositives'] = [];
  for (const [i, n] of notes.entries()) {
    const note = n as Record<string, unknown>;
    if (!note || typeof note['text'] !== 'string' || note['text'].trim() === '' || note['text'].length > 1000) return { ok: false, reason: `falsePositives[${i}].text must be a non-empty string` };
    if (note['tuning'] !== null && note['tuning'] !== undefined && typeof note['tuning'] !== 'string') return { ok: false, reason: `falsePositives[${i}].tuning must be a string or null` };
    out.push({ text: note['text'].trim(), tuning: typeof note['tuning'] === 'string' ? note['tuning'].trim() : null });
  }
  return { ok: true, value: { hypothesis: h.trim(), falsePositives: out } };
}
