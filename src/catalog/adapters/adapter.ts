import type { FileProblem, ParsedRule, SourceFormat } from '../rule.js';

/** One file handed to an adapter. The text is already checked to be UTF-8 and within size. */
export interface AdapterInput {
  /** Path relative to the source root, POSIX separators. */
  path: string;
  text: string;
}

/** What an adapter makes of one file: zero or more rules, and the problems it met. */
export interface AdapterResult {
  rules: ParsedRule[];
  /**
   * Problems that concern the file as a whole. A file that yields no rule must report at
   * least one problem with severity `error` (unless `ignored` is set), so no file vanishes silently.
   */
  problems: FileProblem[];
  /**
   * Set when the file is not a rule at all by design (a README, a data-source definition, a
   * licence): it is counted as ignored, not as a problem.
   */
  ignored?: string;
}

/** Turns one file of one format into rules. Pure: no I/O, no clock. */
export interface SourceAdapter {
  format: SourceFormat;
  /** Whether this adapter wants to read the file at all (by path / extension). */
  accepts(path: string): boolean;
  parse(input: AdapterInput): AdapterResult;
}
