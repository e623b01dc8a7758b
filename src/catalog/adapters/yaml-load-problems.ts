/**
 * Where the YAML loader's problems go once an adapter has read its rules out of the documents:
 * a repair or a lost key flags the rules it concerns; a document nothing could be read from is
 * a problem of the file.
 */
import type { FileProblem, ParsedRule } from '../rule.js';
import type { AdapterResult } from './adapter.js';
import { addFlag } from './parsed-rule-builder.js';

/** What the loader reported besides the documents. */
export interface YamlLoadReport {
  problems: FileProblem[];
  recovered: boolean;
}

/**
 * The adapter result for `rules` read from a file the loader reported on, plus the adapter's
 * own file-level problems. With rules, the loader's warnings go onto each rule (flagged
 * `recovered-yaml` when the loader had to repair the file, else `yaml-warning`) and its errors
 * stay with the file; without rules, everything stays with the file.
 */
export function withYamlLoadProblems(
  rules: ParsedRule[],
  load: YamlLoadReport,
  fileProblems: FileProblem[],
): AdapterResult {
  if (rules.length === 0) return { rules, problems: [...load.problems, ...fileProblems] };
  const warnings = load.problems.filter((p) => p.severity === 'warning');
  const errors = load.problems.filter((p) => p.severity === 'error');
  for (const rule of rules) {
    if (load.recovered) addFlag(rule, 'recovered-yaml');
    if (warnings.length === 0) continue;
    rule.problems.unshift(...warnings.map((w) => ({ ...w })));
    if (!load.recovered) addFlag(rule, 'yaml-warning');
  }
  return { rules, problems: [...errors, ...fileProblems] };
}
