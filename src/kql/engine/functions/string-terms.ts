import type { KqlValue } from '../values.js';
import { defineFunction, type EvalContext, type ScalarFunction } from './context.js';
import { memoByList } from './list-args.js';
import { textArg } from './text.js';

/**
 * The term operators: `has`, `hasprefix`, `hassuffix`, `has_any`, `has_all` and their `_cs`
 * and `!` forms. Per "String operators" (learn.microsoft.com/kusto/query/datatypes-string-operators):
 * a string is broken into maximal sequences of ASCII alphanumeric characters, each a term;
 * `has` is true when the right-hand side is a whole term (or a run of terms with the
 * separators between them) of the left — so the match must start where a term starts and end
 * where a term ends. `_` is not alphanumeric, so it separates terms (`"foo_bar" has "bar"`).
 * A right-hand side that begins (ends) with a separator needs no boundary on that side.
 * `hasprefix` requires only the start boundary, `hassuffix` only the end boundary. The
 * empty right-hand side matches everything. Case-insensitive unless `_cs`.
 */

/** Whether a UTF-16 code unit is an ASCII letter or digit. */
export function isTermChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export type TermMode = 'term' | 'prefix' | 'suffix';

/** Whether `needle` occurs in `haystack` on term boundaries per `mode` (both already case-folded if wanted). */
export function hasTermIn(haystack: string, needle: string, mode: TermMode = 'term'): boolean {
  const n = needle.length;
  if (n === 0) return true;
  const startBoundary = mode !== 'suffix' && isTermChar(needle.charCodeAt(0));
  const endBoundary = mode !== 'prefix' && isTermChar(needle.charCodeAt(n - 1));
  let pos = haystack.indexOf(needle);
  while (pos >= 0) {
    const startOk = !startBoundary || pos === 0 || !isTermChar(haystack.charCodeAt(pos - 1));
    const end = pos + n;
    const endOk = !endBoundary || end === haystack.length || !isTermChar(haystack.charCodeAt(end));
    if (startOk && endOk) return true;
    pos = haystack.indexOf(needle, pos + 1);
  }
  return false;
}

/** The ASCII-alphanumeric terms of a string, in order (`"go-agent v2"` → go, agent, v2). */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const term = i < text.length && isTermChar(text.charCodeAt(i));
    if (term && start < 0) start = i;
    else if (!term && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}

function isSingleTerm(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTermChar(s.charCodeAt(i))) return false;
  return true;
}

/**
 * A compiled list of needles for `has_any` / `has_all`: single-term needles go in a Set
 * checked against the left side's terms (one tokenization per value), the rest are searched.
 */
interface NeedleSet {
  single: Set<string>;
  multi: string[];
  count: number;
}

function compileNeedles(list: KqlValue[], fold: boolean): NeedleSet {
  const single = new Set<string>();
  const multi: string[] = [];
  for (const v of list) {
    let s = v === null ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (fold) s = s.toLowerCase();
    if (isSingleTerm(s)) single.add(s);
    else if (!multi.includes(s)) multi.push(s);
  }
  return { single, multi, count: single.size + multi.length };
}

const needlesFolded = memoByList((list) => compileNeedles(list, true));
const needlesExact = memoByList((list) => compileNeedles(list, false));

function hasAny(haystack: string, needles: NeedleSet): boolean {
  if (needles.single.size > 0) {
    for (const t of termsOf(haystack)) if (needles.single.has(t)) return true;
  }
  for (const m of needles.multi) if (hasTermIn(haystack, m)) return true;
  return false;
}

function hasAll(haystack: string, needles: NeedleSet): boolean {
  if (needles.single.size > 0) {
    const terms = new Set(termsOf(haystack));
    for (const s of needles.single) if (!terms.has(s)) return false;
  }
  for (const m of needles.multi) if (!hasTermIn(haystack, m)) return false;
  return true;
}

function termOp(name: string, mode: TermMode, caseSensitive: boolean): ScalarFunction[] {
  const test = (args: KqlValue[], ctx: EvalContext): boolean => {
    const left = textArg(args, 0, ctx);
    const right = textArg(args, 1, ctx);
    return caseSensitive ? hasTermIn(left, right, mode) : hasTermIn(left.toLowerCase(), right.toLowerCase(), mode);
  };
  return [
    ...defineFunction(name, (args, ctx) => test(args, ctx)),
    ...defineFunction('!' + name, (args, ctx) => !test(args, ctx)),
  ];
}

/** Exposed for the executor's per-distinct-value evaluation and for tests. */
export const stringTermFunctions: ScalarFunction[] = [
  ...termOp('has', 'term', false),
  ...termOp('has_cs', 'term', true),
  ...termOp('hasprefix', 'prefix', false),
  ...termOp('hasprefix_cs', 'prefix', true),
  ...termOp('hassuffix', 'suffix', false),
  ...termOp('hassuffix_cs', 'suffix', true),
  ...defineFunction('has_any', (args, ctx) => {
    const needles = needlesFolded(args, 1);
    return needles.count > 0 && hasAny(textArg(args, 0, ctx).toLowerCase(), needles);
  }),
  ...defineFunction('has_any_cs', (args, ctx) => {
    const needles = needlesExact(args, 1);
    return needles.count > 0 && hasAny(textArg(args, 0, ctx), needles);
  }),
  ...defineFunction('has_all', (args, ctx) => hasAll(textArg(args, 0, ctx).toLowerCase(), needlesFolded(args, 1))),
  ...defineFunction('has_all_cs', (args, ctx) => hasAll(textArg(args, 0, ctx), needlesExact(args, 1))),
];
