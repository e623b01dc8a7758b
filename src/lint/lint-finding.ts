/** What lint reports: one finding per problem, with the rule, a stable code, a severity and a position. */

export type LintSeverity = 'error' | 'warning' | 'note';

/** Finding codes, with the one-line description SARIF's rule list and the docs show. */
export const LINT_CODES = {
  'syntax-error': 'The query does not parse.',
  'unknown-table': 'The query reads a table the schemas do not have.',
  'unknown-column': 'The query uses a column the table does not have (schema drift: renamed or removed).',
  'unknown-function': 'The query calls a function that is neither built into KQL nor named like a workspace function.',
  'asim-parser': 'The query calls an ASIM parser, which is a workspace function that must be deployed.',
  'workspace-function': 'The query calls a workspace function (saved function or watchlist) that must exist in the workspace.',
  'semantic-error': 'The binder reports an error (wrong argument types, ambiguous names …).',
  'no-time-filter': 'The query sets no time window of its own.',
  'short-has-term': '`has` with a term shorter than 3 characters cannot use the term index and scans every row.',
  'technique-tactic-mismatch': 'A technique is mapped without any of the tactics ATT&CK gives it.',
} as const;

export type LintCode = keyof typeof LINT_CODES;

/** One problem lint found in one rule. Line and column are 1-based positions in the query; the file position is given when it could be found. */
export interface LintFinding {
  ruleId: string;
  code: LintCode;
  severity: LintSeverity;
  message: string;
  line: number;
  column: number;
  /** Position in the rule file (the query's offset inside the YAML added); null when unknown. */
  fileLine: number | null;
  fileColumn: number | null;
}

/** Counts by severity, for summaries and exit codes. */
export function countFindings(findings: readonly LintFinding[]): { errors: number; warnings: number; notes: number } {
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else notes++;
  }
  return { errors, warnings, notes };
}
