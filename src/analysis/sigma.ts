/**
 * Sigma query analysis: the log source, the fields and values of each selection with their
 * modifiers, and the condition — with which selections it negates (`not filter`,
 * `not 1 of filter_*`) and the legacy aggregation (`| count() by X > 5`).
 */
import { parse } from 'yaml';
import type { Rule } from '../catalog/rule.js';
import { timespanMillis } from '../kql/frontend/analysis/timespan.js';
import { emptyAnalysis, type AnalysisFilter, type QueryAnalysis, type SigmaDetection, type SigmaSelection } from './query-analysis.js';

const LIMITS = [
  'Field names are Sigma\'s (Image, CommandLine …): the backend or pipeline maps them to each product\'s columns.',
  'Correlation rules that refer to other rules are not expanded.',
];

/** Modifiers that change how a value is encoded, not how it is compared. */
const CONDITION_WORDS = new Set(['and', 'or', 'not', 'of', 'them', 'all', '1', 'any']);

function asStrings(value: unknown): string[] {
  if (value === null || value === undefined) return ['null'];
  if (Array.isArray(value)) return value.flatMap(asStrings);
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The filters of one selection: `Image|endswith: [...]` → field Image, operator `endswith`, values. */
function selectionFilters(name: string, body: unknown): AnalysisFilter[] {
  const maps = Array.isArray(body) ? body : [body];
  const out: AnalysisFilter[] = [];
  const keywords: string[] = [];
  for (const item of maps) {
    const map = record(item);
    if (!map) {
      keywords.push(...asStrings(item));
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      const [field = '', ...modifiers] = key.split('|');
      out.push({ field: field === '' ? null : field, operator: modifiers.length ? modifiers.join('|') : 'equals', values: asStrings(value), negated: false, group: name });
    }
  }
  if (keywords.length) out.push({ field: null, operator: 'keyword', values: keywords, negated: false, group: name });
  return out;
}

/** Selection names the condition puts under `not` (`not filter`, `not 1 of filter_*`, `not (a or b)`). */
export function negatedSelections(conditions: string[], names: string[]): Set<string> {
  const out = new Set<string>();
  const matching = (pattern: string): string[] => {
    if (pattern === 'them') return names;
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return names.filter((n) => re.test(n));
  };
  for (const condition of conditions) {
    const text = condition.split('|')[0] ?? '';
    const re = /\bnot\s+(?:(?:1|all|any)\s+of\s+([\w*]+)|\(([^()]*)\)|([\w*]+))/gi;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const inner = m[2];
      const patterns = inner !== undefined ? inner.split(/\s+/).filter((w) => w && !CONDITION_WORDS.has(w.toLowerCase())) : [m[1] ?? m[3] ?? ''];
      for (const p of patterns) for (const n of matching(p.replace(/^\(|\)$/g, ''))) out.add(n);
    }
  }
  return out;
}

/** Analyzes a Sigma rule (its `detection` block is the query, `extra.logsource` the log source); never throws. */
export function analyzeSigma(rule: Pick<Rule, 'query' | 'extra'>): QueryAnalysis {
  const analysis = emptyAnalysis('sigma', LIMITS);
  const logsource = record(rule.extra['logsource']) ?? {};
  const ls: SigmaDetection['logsource'] = {};
  for (const k of ['product', 'category', 'service', 'definition'] as const) if (typeof logsource[k] === 'string') ls[k] = logsource[k] as string;
  const sourceName = [ls.product, ls.category, ls.service].filter(Boolean).join('/');
  if (sourceName) analysis.sources.push({ name: sourceName, kind: 'logsource' });

  let detection: Record<string, unknown> | null = null;
  try {
    detection = record(parse(rule.query, { maxAliasCount: 100 }));
  } catch (err) {
    analysis.syntaxErrors.push({ message: `detection is not valid YAML: ${(err as Error).message.split('\n')[0]}`, line: 1, column: 1 });
  }
  if (!detection) {
    analysis.parsed = false;
    analysis.sigma = { logsource: ls, selections: [], condition: [], timeframe: null };
    return analysis;
  }
  const condition = asStrings(detection['condition']).filter((c) => c !== 'null');
  const timeframe = typeof detection['timeframe'] === 'string' ? detection['timeframe'] : null;
  const names = Object.keys(detection).filter((k) => k !== 'condition' && k !== 'timeframe');
  const negated = negatedSelections(condition, names);
  const selections: SigmaSelection[] = names.map((name) => {
    const filters = selectionFilters(name, detection![name]).map((f) => ({ ...f, negated: negated.has(name) }));
    return { name, negated: negated.has(name), filters };
  });
  analysis.sigma = { logsource: ls, selections, condition, timeframe };
  analysis.filters = selections.flatMap((s) => s.filters);
  const fields = [...new Set(analysis.filters.flatMap((f) => (f.field ? [f.field] : [])))];
  analysis.columns = fields;
  analysis.filteredColumns = fields;
  if (timeframe) {
    const ms = timespanMillis(timeframe);
    analysis.timeWindow = { column: null, lookbackMs: ms, toMs: 0, text: `timeframe: ${timeframe}` };
  }
  for (const c of condition) {
    const agg = /\|\s*(\w+)\(([^)]*)\)\s*(?:by\s+([\w.]+))?\s*(<=|>=|<|>|==|=)\s*(\d+)/.exec(c);
    if (!agg) continue;
    analysis.aggregations.push({ keys: agg[3] ? [agg[3]] : [], aggregates: [`${agg[1]}(${agg[2]})`] });
    analysis.thresholds.push({ field: `${agg[1]}(${agg[2]})`, operator: agg[4]!, value: Number(agg[5]), text: c.trim() });
  }
  return analysis;
}
