/**
 * Splunk SPL analysis, command by command at token level: indexes, sourcetypes, data models,
 * macros and lookups as data sources; `field=value`, `field IN (…)` comparisons in searches,
 * `tstats … where` and `where`; `stats … by` keys; thresholds after an aggregation; `earliest=`.
 */
import { timespanMillis } from '../../kql/frontend/analysis/timespan.js';
import { emptyAnalysis, type AnalysisFilter, type QueryAnalysis } from '../query-analysis.js';
import { blankComments, scanComparisons, unquote, type ComparisonSyntax } from './comparisons.js';
import { splitPipeline } from './pipeline.js';

const LIMITS = [
  'Macros (`sysmon`, `…_filter`) are named, not expanded: the fields and values they add are not seen.',
  'Read command by command with patterns, not parsed: `or` branches are not told apart; `eval` logic is skipped.',
];

/** Search keys that name where data comes from or when, not a field compared. */
const SOURCE_KEYS = new Set(['index', 'sourcetype', 'source', 'eventtype', 'datamodel', 'nodename', 'earliest', 'latest', 'summariesonly', 'allow_old_summaries', 'fillnull_value', 'span', 'limit', 'prestats', 'local', 'append']);

const SYNTAX: ComparisonSyntax = {
  operators: ['!=', '==', '>=', '<=', 'IN', '=', '>', '<'],
  groupNegation: /\bNOT\s*$/,
  negation: /\bNOT\s*$/,
  ignoreFields: SOURCE_KEYS,
  caseInsensitive: true,
};

/** Macros that tune or format results (`…_filter`, `security_content_ctime`, `drop_dm_object_name`), not data sources. */
const UTILITY_MACRO = /(_filter$|^security_content_|^drop_dm_object_name$)/;

const AGGREGATING = new Set(['stats', 'eventstats', 'streamstats', 'chart', 'timechart', 'tstats', 'mstats']);

function byKeys(body: string): string[] {
  const by = /\bby\s+([\s\S]*)$/i.exec(body);
  if (!by) return [];
  return by[1]!
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s && !/^(span|limit|useother|usenull)=/i.test(s) && !/^\|/.test(s));
}

/** Analyzes an SPL search; never throws. */
export function analyzeSpl(query: string): QueryAnalysis {
  const analysis = emptyAnalysis('spl', LIMITS);
  analysis.parsed = query.trim() !== '';
  const text = blankComments(query, /```[\s\S]*?```/);
  const addSource = (name: string, kind: QueryAnalysis['sources'][number]['kind']) => {
    if (name && !analysis.sources.some((s) => s.name === name && s.kind === kind)) analysis.sources.push({ name, kind });
  };
  for (const m of text.matchAll(/`([\w.-]+)(?:\([^`]*\))?`/g)) if (!UTILITY_MACRO.test(m[1]!)) addSource(m[1]!, 'macro');
  for (const m of text.matchAll(/\b(index|sourcetype|source|eventtype)\s*=\s*("[^"]*"|[^\s|)]+)/gi)) {
    addSource(unquote(m[2]!), m[1]!.toLowerCase() === 'index' ? 'index' : 'sourcetype');
  }
  for (const m of text.matchAll(/\bdatamodel\s*[=:]?\s*([A-Z][\w.]*)/g)) addSource(m[1]!, 'datamodel');
  for (const m of text.matchAll(/\b(?:inputlookup|lookup)\s+(?:[\w_]+=\S+\s+)*([\w.-]+)/gi)) addSource(m[1]!, 'lookup');
  const earliest = /\bearliest(?:_time)?\s*=\s*"?-(\d+[a-z]+)/i.exec(text);
  if (earliest) analysis.timeWindow = { column: '_time', lookbackMs: timespanMillis(earliest[1]!.replace(/@.*$/, '')), toMs: null, text: earliest[0] };

  let aggregated = false;
  const filters: AnalysisFilter[] = [];
  for (const { command, body, offset } of splitPipeline(text, true)) {
    const verb = command.toLowerCase();
    if (verb === '' || verb === 'search' || verb === 'where' || verb === 'tstats' || verb === 'from') {
      const part = verb === 'tstats' ? (/\bwhere\b([\s\S]*?)(?:\bby\b|$)/i.exec(body)?.[1] ?? '') : body;
      const partOffset = verb === 'tstats' ? offset + body.indexOf(part) : offset;
      for (const f of scanComparisons(part, SYNTAX, text, partOffset)) {
        const n = Number(f.values[0]);
        if (aggregated && /^[<>]=?$/.test(f.operator) && f.values.length === 1 && Number.isFinite(n)) {
          analysis.thresholds.push({ field: f.field!, operator: f.operator, value: n, text: `${f.field} ${f.operator} ${n}` });
        } else filters.push({ ...f, operator: f.operator.toUpperCase() === 'IN' ? 'IN' : f.operator });
      }
    }
    if (AGGREGATING.has(verb)) {
      aggregated = true;
      const [aggs = ''] = body.split(/\b(?:by|from|where)\b/i);
      analysis.aggregations.push({ aggregates: aggs.trim() ? [aggs.trim().replace(/\s+/g, ' ')] : [], keys: byKeys(body) });
    }
  }
  analysis.filters = filters;
  analysis.filteredColumns = [...new Set(filters.flatMap((f) => (f.field ? [f.field] : [])))];
  analysis.columns = [...new Set([...analysis.filteredColumns, ...analysis.aggregations.flatMap((a) => a.keys)])];
  return analysis;
}
