/**
 * Lint of a KQL rule against table schemas: syntax errors, unknown tables, columns and
 * functions (ASIM parsers and workspace functions named as such), binder errors, no time
 * filter, `has` on a term shorter than 3 characters, and techniques without a matching tactic.
 */
import type { AttackKnowledgeBase } from '../attack/index.js';
import { analyzeKql, kqlAnalysisFromFacts } from '../analysis/kql.js';
import type { QueryAnalysis } from '../analysis/index.js';
import type { Rule } from '../catalog/rule.js';
import { lineLocator } from '../kql/frontend/analyze.js';
import { bindCheck, type BindDiagnostic } from '../kql/frontend/analysis/bind-check.js';
import type { TableSchema } from '../kql/schema/table-schema.js';
import { techniqueTacticFindings } from './attack-checks.js';
import type { LintCode, LintFinding, LintSeverity } from './lint-finding.js';
import { queryToFile } from './query-position.js';

export interface KqlLintOptions {
  /**
   * Table schemas to bind against; pass the same array for every rule (states are cached by it).
   * Null: no binding — only what the parse shows (syntax, ASIM and workspace functions, time
   * filter, short `has` terms), at no cost beyond the analysis.
   */
  schemas: readonly TableSchema[] | null;
  /** The rule's analysis when already made (parse-only lint reuses it). */
  analysis?: QueryAnalysis;
  /** When given, technique/tactic agreement is checked too. */
  attack?: AttackKnowledgeBase;
}

const ASIM_NAME = /^(_?(im|ASim)[A-Z]|_(Im|ASim)_)/;
const HAS_FAMILY = /^!?has(_cs|_any|_all|prefix|prefix_cs|suffix|suffix_cs)?$/;
/** Names Sentinel workspaces define as functions (watchlists, solution helpers). */
const WORKSPACE_NAME = /^_|^(GetWatchlist|Get[A-Z]\w*)$/;

type Draft = Omit<LintFinding, 'ruleId' | 'fileLine' | 'fileColumn'>;

function fromDiagnostic(d: BindDiagnostic, tabularFunctions: Set<string>): Draft {
  const at = { line: d.line, column: d.column };
  if (d.stage === 'syntax') return { code: 'syntax-error', severity: 'error', message: `Syntax error: ${d.message}`, ...at };
  const name = d.name;
  if (name && ASIM_NAME.test(name)) {
    return { code: 'asim-parser', severity: 'warning', message: `${name} is an ASIM parser: it exists only where the ASIM parsers are deployed to the workspace.`, ...at };
  }
  if (name && /known (or currently accessible )?function/.test(d.message)) {
    if (WORKSPACE_NAME.test(name) || tabularFunctions.has(name)) {
      return { code: 'workspace-function', severity: 'warning', message: `${name} is not built into KQL: it must be defined in the workspace (saved function or watchlist).`, ...at };
    }
    return { code: 'unknown-function', severity: 'error', message: `${name}() is not a KQL function: a typo, or a workspace function the rule does not declare.`, ...at };
  }
  if (name && /known column/.test(d.message)) {
    return { code: 'unknown-column', severity: 'error', message: `Unknown column ${name}: the table schema has no such column (renamed, removed, or a typo).`, ...at };
  }
  if (name && /known table/.test(d.message)) {
    return { code: 'unknown-table', severity: 'error', message: `Unknown table ${name}.`, ...at };
  }
  return { code: 'semantic-error', severity: d.severity as LintSeverity, message: `${d.message} (${d.code})`, ...at };
}

/** Position of the first whole-word occurrence of `name` in `query`, comments skipped roughly. */
function firstMention(query: string, name: string): { line: number; column: number } {
  const re = new RegExp(`(?<![\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`);
  const stripped = query.replace(/\/\/[^\n]*/g, (m) => ' '.repeat(m.length));
  const m = re.exec(stripped);
  return lineLocator(query)(m?.index ?? 0);
}

/** The checks read off the analysis of a query that parses: no time filter, short `has` terms. */
function queryChecks(rule: Rule, analysis: QueryAnalysis): Draft[] {
  const drafts: Draft[] = [];
  const hasPeriod = typeof rule.extra['queryPeriod'] === 'string' || typeof rule.extra['queryFrequency'] === 'string';
  if (analysis.timeWindow === null && !hasPeriod) {
    drafts.push({ code: 'no-time-filter', severity: 'warning', message: 'No time filter (`where Timestamp > ago(…)` or `TimeGenerated between (…)`): the query scans whatever time range it is run with.', line: 1, column: 1 });
  }
  for (const f of analysis.filters) {
    if (!HAS_FAMILY.test(f.operator)) continue;
    const short = f.values.filter((v) => v.length > 0 && v.length < 3);
    if (short.length === 0) continue;
    drafts.push({
      code: 'short-has-term',
      severity: 'warning',
      message: `${f.field ?? 'The expression'} ${f.operator} ${short.map((v) => JSON.stringify(v)).join(', ')}: terms shorter than 3 characters are not in the term index, so this scans every row (use ==, startswith or a longer term).`,
      line: f.line ?? 1,
      column: f.column ?? 1,
    });
  }
  return drafts;
}

/** Lints a KQL rule and returns its findings and its query analysis (from the same bound tree). Non-KQL rules get the ATT&CK check only. */
export function lintAndAnalyzeKqlRule(rule: Rule, options: KqlLintOptions): { findings: LintFinding[]; analysis: QueryAnalysis | null } {
  const drafts: Draft[] = [];
  let analysis: QueryAnalysis | null = null;
  if (rule.language === 'kql' && rule.query.trim() !== '' && options.schemas === null) {
    analysis = options.analysis ?? analyzeKql(rule.query);
    for (const e of analysis.syntaxErrors) drafts.push({ code: 'syntax-error', severity: 'error', message: `Syntax error: ${e.message}`, line: e.line, column: e.column });
    for (const s of analysis.sources) {
      if (s.kind !== 'function') continue;
      const at = firstMention(rule.query, s.name);
      drafts.push(
        ASIM_NAME.test(s.name)
          ? { code: 'asim-parser', severity: 'warning', message: `${s.name} is an ASIM parser: it exists only where the ASIM parsers are deployed to the workspace.`, ...at }
          : { code: 'workspace-function', severity: 'warning', message: `${s.name} is not built into KQL: it must be defined in the workspace (saved function or watchlist).`, ...at },
      );
    }
    if (analysis.parsed) drafts.push(...queryChecks(rule, analysis));
  } else if (rule.language === 'kql' && rule.query.trim() !== '') {
    const bound = bindCheck(rule.query, options.schemas ?? []);
    const tabularFunctions = new Set(bound.sources.filter((s) => s.kind === 'function').map((s) => s.name));
    for (const table of bound.unknownTables) {
      drafts.push({ code: 'unknown-table', severity: 'error', message: `Unknown table ${table}: none of the schemas defines it.`, ...firstMention(rule.query, table) });
    }
    const seen = new Set<string>();
    // After a syntax error the binder's complaints are mostly echoes of it: report the syntax errors only.
    const broken = bound.diagnostics.some((d) => d.stage === 'syntax');
    for (const d of bound.diagnostics) {
      if (broken && d.stage !== 'syntax') continue;
      const draft = fromDiagnostic(d, tabularFunctions);
      const key = `${draft.code}:${d.name ?? d.message}`;
      // One finding per unknown name: the first place it is used.
      if (d.name && seen.has(key)) continue;
      seen.add(key);
      drafts.push(draft);
    }
    const syntaxErrors = bound.diagnostics.filter((d) => d.stage === 'syntax').map((d) => ({ message: d.message, line: d.line, column: d.column }));
    analysis = kqlAnalysisFromFacts(rule.query, { ...bound.facts, syntaxErrors, sources: bound.sources });
    if (syntaxErrors.length === 0) drafts.push(...queryChecks(rule, analysis));
  }
  const toFile = queryToFile(rule.raw, rule.query);
  const findings: LintFinding[] = drafts.map((d) => {
    const file = toFile?.(d.line, d.column) ?? null;
    return { ruleId: rule.id, ...d, code: d.code as LintCode, fileLine: file?.line ?? null, fileColumn: file?.column ?? null };
  });
  if (options.attack) findings.push(...techniqueTacticFindings(rule, options.attack));
  return { findings, analysis };
}

/** Lints a KQL rule against `schemas`; see `lintAndAnalyzeKqlRule`. */
export function lintKqlRule(rule: Rule, options: KqlLintOptions): LintFinding[] {
  return lintAndAnalyzeKqlRule(rule, options).findings;
}
