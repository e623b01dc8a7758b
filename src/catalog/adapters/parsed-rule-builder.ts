/**
 * The pieces every adapter assembles a `ParsedRule` and its problems from, so that defaults,
 * warning flags and the never-throw guarantee are the same for every format.
 */
import type { FileProblem, ParsedRule, SourceFormat } from '../rule.js';
import type { AdapterResult } from './adapter.js';

/** A rule of `format` read from `path` with every field empty, for an adapter to fill in. */
export function blankRule(format: SourceFormat, path: string, raw: string, indexInFile = 0): ParsedRule {
  return {
    upstreamId: null,
    name: '',
    description: '',
    format,
    language: 'unknown',
    query: '',
    kind: 'analytic',
    severity: null,
    severityInferred: false,
    status: null,
    tacticsRaw: [],
    techniquesRaw: [],
    dataSources: [],
    tags: [],
    authors: [],
    created: null,
    modified: null,
    references: [],
    falsePositives: [],
    path,
    indexInFile,
    raw,
    problems: [],
    flags: [],
    extra: {},
  };
}

/** A problem at `file`; line and column are left out when unknown (undefined or 0). */
export function problemAt(
  file: string,
  severity: FileProblem['severity'],
  reason: string,
  line?: number,
  column?: number,
): FileProblem {
  const problem: FileProblem = { file, reason, severity };
  if (line) problem.line = line;
  if (column) problem.column = column;
  return problem;
}

/** Adds `flag` to the rule once. */
export function addFlag(rule: ParsedRule, flag: string): void {
  if (!rule.flags.includes(flag)) rule.flags.push(flag);
}

/** Records a warning on a rule that is kept, and the flag that marks it in the catalog. */
export function warnRule(rule: ParsedRule, flag: string, reason: string, line?: number, column?: number): void {
  rule.problems.push(problemAt(rule.path, 'warning', reason, line, column));
  addFlag(rule, flag);
}

/** The result for a file that gives no rule, with the error that says why. */
export function unreadable(path: string, reason: string, line?: number, column?: number): AdapterResult {
  return { rules: [], problems: [problemAt(path, 'error', reason, line, column)] };
}

/** The result for a file that is not a rule by design. */
export function ignoredFile(reason: string): AdapterResult {
  return { rules: [], problems: [], ignored: reason };
}

/**
 * Runs an adapter's parse and turns any exception it did not foresee into an error problem,
 * so one odd file never stops a sync. Also guarantees that a file giving no rule and not
 * ignored carries at least one error.
 */
export function parseWithoutThrowing(path: string, parse: () => AdapterResult): AdapterResult {
  let result: AdapterResult;
  try {
    result = parse();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return unreadable(path, `internal error while reading the file: ${message}`);
  }
  const hasError = result.problems.some((p) => p.severity === 'error');
  if (result.rules.length === 0 && result.ignored === undefined && !hasError) {
    result.problems.push(problemAt(path, 'error', 'the file holds no rule'));
  }
  return result;
}
