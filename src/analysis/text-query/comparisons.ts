/**
 * A light scanner for `field OP value` comparisons in query languages we do not parse
 * (EQL, KQL-for-Kibana, Lucene, ES|QL, SPL): regular expressions over the text with quoted
 * strings and parenthesized lists understood, a preceding `not` / `NOT` noted, and
 * comparisons inside a `not ( … )` group negated. It does not apply boolean algebra beyond that
 * (a comparison is reported negated or not, never "negated in one branch"): the limits each
 * analyzer lists say so.
 */
import type { AnalysisFilter } from '../query-analysis.js';

/** How one language writes comparisons. */
export interface ComparisonSyntax {
  /** Operators, longest first where one is a prefix of another (`like~` before `like`). */
  operators: string[];
  /** Matched against the text just before a comparison: true when it negates it. */
  negation: RegExp;
  /** Field names the language uses for something other than a compared field (`index`, `earliest`). */
  ignoreFields?: Set<string>;
  /** Case-insensitive operators (words such as `in`, `IN`, `like`). */
  caseInsensitive?: boolean;
  /** The word that negates a parenthesized group (`not`, `NOT`); groups are ignored when absent. */
  groupNegation?: RegExp;
}

const FIELD = String.raw`[A-Za-z_@][\w.@\-]*(?:\{[^}]*\})?`;
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`;
const VALUE = String.raw`${QUOTED}|\((?:[^()"']|${QUOTED})*\)|\[[^\]]*\]|[^\s()|,\]]+`;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `"a\\b"` → `a\b`, `'x'` → `x`, bare words unchanged. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0]) {
    return v.slice(1, -1).replace(/\\(["'\\])/g, '$1');
  }
  return v;
}

/** The items of a value: a quoted string, a bare word, or a parenthesized / bracketed list split on commas and `or`. */
export function splitValues(value: string): string[] {
  const v = value.trim();
  if (!(v.startsWith('(') || v.startsWith('['))) return [unquote(v)];
  const inner = v.slice(1, -1);
  const items: string[] = [];
  const re = new RegExp(`${QUOTED}|[^\\s,]+`, 'g');
  for (const m of inner.matchAll(re)) {
    const token = m[0];
    if (/^(or|and|to|not)$/i.test(token)) continue;
    items.push(unquote(token));
  }
  return items;
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** [start, end) ranges of the parenthesized groups a `not` applies to, quoted strings skipped. */
export function negatedGroups(text: string, word: RegExp): [number, number][] {
  const ranges: [number, number][] = [];
  const stack: { at: number; negated: boolean }[] = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') stack.push({ at: i, negated: word.test(text.slice(Math.max(0, i - 8), i)) });
    else if (c === ')') {
      const open = stack.pop();
      if (open?.negated) ranges.push([open.at, i]);
    }
  }
  return ranges;
}

/** Every `field OP value` comparison in `text`, in order. `offset` shifts positions when `text` is a part of the query. */
export function scanComparisons(text: string, syntax: ComparisonSyntax, whole: string = text, offset = 0): AnalysisFilter[] {
  const ops = syntax.operators.map(escapeRegex).map((o) => (/^\w/.test(o) ? `${o}(?=[\\s("'])` : o)).join('|');
  const re = new RegExp(`(${FIELD})\\s*(${ops})\\s*(${VALUE})`, syntax.caseInsensitive ? 'gi' : 'g');
  const out: AnalysisFilter[] = [];
  const groups = syntax.groupNegation ? negatedGroups(text, syntax.groupNegation) : [];
  for (const m of text.matchAll(re)) {
    const [, field = '', op = '', value = ''] = m;
    // A field that is itself a value inside a quoted string would have matched earlier text: skip quotes' insides.
    if (syntax.ignoreFields?.has(field.toLowerCase())) continue;
    if (/^(and|or|not|where|by|as)$/i.test(field)) continue;
    const before = text.slice(Math.max(0, m.index! - 12), m.index!);
    out.push({
      field,
      operator: op,
      values: splitValues(value),
      // Negated by its own `not` or a negative operator (`!=`, `not in`), and by each enclosing `not ( … )` group (two cancel out).
      negated: groups.reduce((n, [a, b]) => (m.index! > a && m.index! < b ? !n : n), syntax.negation.test(before) !== /^(!|not\s)/i.test(op)),
      ...position(whole, offset + m.index!),
    });
  }
  return out;
}

/** The text with comments (matched by `comment`, outside quoted strings) blanked to spaces, so positions stay the same. */
export function blankComments(text: string, comment: RegExp): string {
  const re = new RegExp(`${QUOTED}|${comment.source}`, 'g');
  return text.replace(re, (m) => (m[0] === '"' || m[0] === "'" ? m : m.replace(/[^\n]/g, ' ')));
}
