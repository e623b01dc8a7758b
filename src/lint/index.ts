/** Public surface of lint: import from here. */
export { lintAndAnalyzeKqlRule, lintKqlRule, type KqlLintOptions } from './lint-kql-rule.js';
export { countFindings, LINT_CODES, type LintCode, type LintFinding, type LintSeverity } from './lint-finding.js';
export { toSarif } from './sarif.js';
export { formatFindingsText } from './format-text.js';
