/** ES|QL analysis, command by command at token level: `FROM` indices, `WHERE` comparisons, `STATS … BY` keys, thresholds after `STATS`, the time window. */
import { emptyAnalysis, type QueryAnalysis } from '../query-analysis.js';
import { blankComments, scanComparisons, type ComparisonSyntax } from './comparisons.js';
import { splitPipeline } from './pipeline.js';

const LIMITS = [
  'Read command by command with patterns, not parsed: `or` branches are not told apart.',
  'Fields computed by EVAL, DISSECT or GROK are listed like source fields.',
];

const SYNTAX: ComparisonSyntax = {
  operators: ['not rlike', 'not like', 'not in', '==', '!=', '>=', '<=', 'rlike', 'like', 'in', ':', '>', '<'],
  groupNegation: /\bnot\s*$/i,
  negation: /\bnot\s*$/i,
  caseInsensitive: true,
};

const UNIT_MS: Record<string, number> = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };

/** Analyzes an ES|QL query; never throws. */
export function analyzeEsql(query: string): QueryAnalysis {
  const analysis = emptyAnalysis('esql', LIMITS);
  analysis.parsed = query.trim() !== '';
  const text = blankComments(query, /\/\/[^\n]*|\/\*[\s\S]*?\*\//);
  let aggregated = false;
  for (const { command, body, offset } of splitPipeline(text)) {
    const verb = command.toLowerCase();
    if (verb === 'from') {
      const list = body.replace(/\bmetadata\b[\s\S]*$/i, '');
      for (const index of list.split(',').map((s) => s.trim()).filter(Boolean)) analysis.sources.push({ name: index, kind: 'index' });
    } else if (verb === 'where') {
      const time = /(@timestamp|[\w.]*time\w*)\s*(>=|>)\s*now\(\)\s*-\s*(\d+)\s*(day|hour|minute|second)s?/i.exec(body);
      if (time) {
        analysis.timeWindow = { column: time[1]!, lookbackMs: Number(time[3]) * UNIT_MS[time[4]!.toLowerCase()]!, toMs: null, text: time[0] };
      }
      for (const f of scanComparisons(body, SYNTAX, text, offset)) {
        const n = Number(f.values[0]);
        if (aggregated && /^[<>]=?$/.test(f.operator) && f.values.length === 1 && Number.isFinite(n)) {
          analysis.thresholds.push({ field: f.field!, operator: f.operator, value: n, text: `${f.field} ${f.operator} ${n}` });
        } else if (!/^now\b/i.test(f.values[0] ?? '')) {
          analysis.filters.push(f);
        }
      }
    } else if (verb === 'stats' || verb === 'inlinestats') {
      aggregated = true;
      const [aggs = '', by = ''] = body.split(/\bby\b/i);
      analysis.aggregations.push({
        aggregates: aggs.split(/,(?![^(]*\))/).map((s) => s.trim()).filter(Boolean),
        keys: by.split(',').map((s) => s.trim()).filter(Boolean),
      });
    }
  }
  analysis.filteredColumns = [...new Set(analysis.filters.flatMap((f) => (f.field ? [f.field] : [])))];
  analysis.columns = [...new Set([...analysis.filteredColumns, ...analysis.aggregations.flatMap((a) => a.keys)])];
  return analysis;
}
