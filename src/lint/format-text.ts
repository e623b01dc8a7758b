/** Lint findings as text for a terminal: `path:line:column severity code message`, grouped by file. */
import { countFindings, type LintFinding } from './lint-finding.js';

/** One line per finding, then a summary line; `fileOf` names each rule's file. */
export function formatFindingsText(findings: readonly LintFinding[], fileOf: (ruleId: string) => string, rulesLinted: number): string {
  const lines = findings.map((f) => `${fileOf(f.ruleId)}:${f.fileLine ?? f.line}:${f.fileColumn ?? f.column} ${f.severity} ${f.code} ${f.message}`);
  const { errors, warnings, notes } = countFindings(findings);
  lines.push(`${rulesLinted} rule${rulesLinted === 1 ? '' : 's'} linted: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${notes ? `, ${notes} note${notes === 1 ? '' : 's'}` : ''}`);
  return lines.join('\n') + '\n';
}
