/** Runs an adapter over every file of a corpus folder and sorts the files by outcome (test helper). */
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import type { SourceAdapter } from '../../../src/catalog/adapters/adapter.js';
import type { FileProblem, ParsedRule } from '../../../src/catalog/rule.js';

export interface FolderRun {
  files: number;
  ruleFiles: number;
  ignoredFiles: number;
  problemFiles: number;
  rules: ParsedRule[];
  /** Problems of files that gave no rule. */
  problems: FileProblem[];
  ignoreReasons: Map<string, number>;
  /** Time spent in `parse` (reading files excluded). */
  ms: number;
}

/** Every file under `root` (hidden ones too) through `adapter`, paths relative to `root`. */
export function runAdapterOverFolder(adapter: SourceAdapter, root: string): FolderRun {
  const paths = globSync('**/*', { cwd: root, dot: true, onlyFiles: true }).sort();
  const run: FolderRun = {
    files: paths.length,
    ruleFiles: 0,
    ignoredFiles: 0,
    problemFiles: 0,
    rules: [],
    problems: [],
    ignoreReasons: new Map(),
    ms: 0,
  };
  for (const path of paths) {
    if (!adapter.accepts(path)) continue;
    const text = readFileSync(`${root}/${path}`, 'utf8');
    const start = performance.now();
    const result = adapter.parse({ path, text });
    run.ms += performance.now() - start;
    if (result.ignored !== undefined) {
      run.ignoredFiles++;
      run.ignoreReasons.set(result.ignored, (run.ignoreReasons.get(result.ignored) ?? 0) + 1);
    } else if (result.rules.length > 0) {
      run.ruleFiles++;
      run.rules.push(...result.rules);
    } else {
      run.problemFiles++;
      run.problems.push(...result.problems);
    }
  }
  return run;
}
