/** Test helpers for the sigma, elastic and splunk adapter tests: parse one file, or a whole corpus folder. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import type { AdapterResult, SourceAdapter } from '../../../src/catalog/adapters/adapter.js';
import type { FileProblem, ParsedRule } from '../../../src/catalog/rule.js';

/** The one rule of a result, failing the test (with the problems) when there is not exactly one. */
export function onlyRule(result: AdapterResult): ParsedRule {
  assert.equal(result.rules.length, 1, JSON.stringify(result.problems));
  return result.rules[0]!;
}

/** Parsers for one adapter: a corpus file (path relative to `root`) or inline text at a made-up path. */
export function adapterParsers(adapter: SourceAdapter, root: string, defaultPath: string) {
  return {
    parseCorpusFile: (path: string): AdapterResult => adapter.parse({ path, text: readFileSync(join(root, path), 'utf8') }),
    parseText: (text: string, path = defaultPath): AdapterResult => adapter.parse({ path, text }),
  };
}

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

/**
 * Asserts that every file of the run is a rule file, an ignored file or a problem file, with
 * the expected numbers of each (no problem file expected unless given), and logs the time.
 */
export function assertFolderOutcome(
  label: string,
  run: FolderRun,
  expected: { files: number; ruleFiles: number; ignoredFiles: number; problemFiles?: number },
): void {
  console.log(`${label}: ${run.files} files parsed in ${run.ms.toFixed(0)} ms`);
  assert.equal(run.files, expected.files);
  assert.equal(run.ruleFiles + run.ignoredFiles + run.problemFiles, run.files);
  assert.equal(run.ruleFiles, expected.ruleFiles);
  assert.equal(run.ignoredFiles, expected.ignoredFiles);
  assert.equal(run.problemFiles, expected.problemFiles ?? 0, JSON.stringify(run.problems.slice(0, 3)));
}

/** How many of `rules` satisfy `pred`. */
export function countRules(rules: ParsedRule[], pred: (rule: ParsedRule) => boolean): number {
  return rules.filter(pred).length;
}
