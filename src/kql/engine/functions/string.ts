import type { DynamicValue, KqlValue } from '../values.js';
import { defineFunction, type EvalContext, type ScalarFunction } from './context.js';
import { numberArg, textArg } from './text.js';
import { getRegex } from './regex.js';

/**
 * String functions: strlen, substring, tolower/toupper, trim family (regex-based, as the docs
 * define trim), strcat/strcat_delim/strcat_array, split, replace_string, indexof, countof,
 * reverse, strrep, string_size. Strings are never null in KQL: a null argument reads as "".
 */

/** `substring(s, start [, length])`: start < 0 counts as 0; past the end → "". */
function substring(args: KqlValue[], ctx: EvalContext): string {
  const s = textArg(args, 0, ctx);
  const chars = Array.from(s);
  // Per the docs a negative start is 0 ("ABCD", -2, 2 → "AB").
  const start = Math.max(0, numberArg(args, 1) ?? 0);
  const length = args.length > 2 ? numberArg(args, 2) : null;
  const end = Math.min(chars.length, length === null ? chars.length : start + length);
  return start >= end ? '' : chars.slice(start, end).join('');
}

/** `indexof(source, lookup [, start [, length [, occurrence]]])`: zero-based, -1 when absent; null for bad start. */
function indexOf(args: KqlValue[], ctx: EvalContext): number | null {
  const s = textArg(args, 0, ctx);
  const lookup = textArg(args, 1, ctx);
  let start = args.length > 2 ? (numberArg(args, 2) ?? 0) : 0;
  const length = args.length > 3 ? (numberArg(args, 3) ?? -1) : -1;
  const occurrence = args.length > 4 ? (numberArg(args, 4) ?? 1) : 1;
  if (start < 0) start = Math.max(0, s.length + start);
  if (start > s.length) return -1;
  const limit = length < 0 ? s.length : Math.min(s.length, start + length);
  let pos = start - 1;
  for (let n = 0; n < occurrence; n++) {
    pos = s.indexOf(lookup, pos + 1);
    if (pos < 0 || pos + lookup.length > limit) return -1;
  }
  return pos;
}

/** `countof(text, search [, kind])`: non-overlapping for "normal" counting, regex matches for "regex". */
function countOf(args: KqlValue[], ctx: EvalContext): number {
  const text = textArg(args, 0, ctx);
  const search = textArg(args, 1, ctx);
  const kind = args.length > 2 ? textArg(args, 2, ctx) : 'normal';
  if (search.length === 0) return 0;
  if (kind === 'regex') {
    const m = getRegex(search).matcher(text);
    let n = 0;
    let pos = 0;
    while (pos <= text.length && m.find(pos)) {
      n++;
      pos = m.end() === m.start() ? m.end() + 1 : m.end();
    }
    return n;
  }
  // The docs' "normal" kind counts overlapping occurrences ("aaa" has "aa" twice).
  let n = 0;
  for (let pos = text.indexOf(search); pos >= 0; pos = text.indexOf(search, pos + 1)) n++;
  return n;
}

function trimWith(pattern: string, s: string, start: boolean, end: boolean): string {
  let out = s;
  if (start) {
    const m = getRegex('^(?:' + pattern + ')+').matcher(out);
    if (m.lookingAt()) out = out.slice(m.end());
  }
  if (end) {
    const m = getRegex('(?:' + pattern + ')+$').matcher(out);
    if (m.find()) out = out.slice(0, m.start());
  }
  return out;
}

function splitText(args: KqlValue[], ctx: EvalContext): KqlValue {
  const s = textArg(args, 0, ctx);
  const delimiter = textArg(args, 1, ctx);
  const parts: DynamicValue[] = delimiter.length === 0 ? [s] : s.split(delimiter);
  if (args.length > 2) {
    const i = numberArg(args, 2);
    return i !== null && i >= 0 && i < parts.length ? [parts[i]!] : [];
  }
  return parts;
}

export const stringFunctions: ScalarFunction[] = [
  ...defineFunction('strlen', (args, ctx) => Array.from(textArg(args, 0, ctx)).length),
  ...defineFunction('string_size', (args, ctx) => Buffer.byteLength(textArg(args, 0, ctx), 'utf8')),
  ...defineFunction('substring', substring),
  ...defineFunction('tolower', (args, ctx) => textArg(args, 0, ctx).toLowerCase()),
  ...defineFunction('toupper', (args, ctx) => textArg(args, 0, ctx).toUpperCase()),
  ...defineFunction('trim', (args, ctx) => trimWith(textArg(args, 0, ctx), textArg(args, 1, ctx), true, true)),
  ...defineFunction('trim_start', (args, ctx) => trimWith(textArg(args, 0, ctx), textArg(args, 1, ctx), true, false)),
  ...defineFunction('trim_end', (args, ctx) => trimWith(textArg(args, 0, ctx), textArg(args, 1, ctx), false, true)),
  ...defineFunction('strcat', (args, ctx) => args.map((_, i) => textArg(args, i, ctx)).join('')),
  ...defineFunction('strcat_delim', (args, ctx) => args.slice(1).map((_, i) => textArg(args, i + 1, ctx)).join(textArg(args, 0, ctx))),
  ...defineFunction('strcat_array', (args, ctx) => {
    const arr = args[0];
    if (!Array.isArray(arr)) return '';
    return arr.map((v) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))).join(textArg(args, 1, ctx));
  }),
  ...defineFunction('split', splitText),
  ...defineFunction('replace_string', (args, ctx) => {
    const lookup = textArg(args, 1, ctx);
    const text = textArg(args, 0, ctx);
    return lookup.length === 0 ? text : text.split(lookup).join(textArg(args, 2, ctx));
  }),
  ...defineFunction('indexof', indexOf),
  ...defineFunction('countof', countOf),
  ...defineFunction('reverse', (args, ctx) => Array.from(textArg(args, 0, ctx)).reverse().join('')),
  ...defineFunction('strrep', (args, ctx) => {
    const times = Math.max(0, Math.min(numberArg(args, 1) ?? 0, 1_000_000));
    const delimiter = args.length > 2 ? textArg(args, 2, ctx) : '';
    return Array.from({ length: times }, () => textArg(args, 0, ctx)).join(delimiter);
  }),
];

/** `translate(searchList, replacementList, source)`: per-character mapping; a short replacement list repeats its last character; an empty one deletes. */
function translate(args: KqlValue[], ctx: EvalContext): string {
  const search = Array.from(textArg(args, 0, ctx));
  const replacement = Array.from(textArg(args, 1, ctx));
  const map = new Map<string, string>();
  search.forEach((c, i) => {
    if (!map.has(c)) map.set(c, replacement.length === 0 ? '' : (replacement[Math.min(i, replacement.length - 1)] ?? ''));
  });
  return Array.from(textArg(args, 2, ctx))
    .map((c) => map.get(c) ?? c)
    .join('');
}

/** `make_string(codepoints…)`: arguments and arrays of Unicode code points to a string; invalid points → null. */
function makeString(args: KqlValue[]): string | null {
  const points = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
  if (points.some((p) => typeof p !== 'number' || p < 0 || p > 0x10ffff || !Number.isInteger(p))) return null;
  return String.fromCodePoint(...(points as number[]));
}

export const moreStringFunctions: ScalarFunction[] = [
  ...defineFunction('translate', translate),
  ...defineFunction('make_string', makeString),
  ...defineFunction('unicode_codepoints_from_string', (args, ctx) => Array.from(textArg(args, 0, ctx)).map((c) => c.codePointAt(0)!)),
  ...defineFunction('to_utf8', (args, ctx) => Array.from(Buffer.from(textArg(args, 0, ctx), 'utf8'))),
  ...defineFunction('strcmp', (args, ctx) => {
    const [a, b] = [textArg(args, 0, ctx), textArg(args, 1, ctx)];
    return a < b ? -1 : a > b ? 1 : 0;
  }),
  ...defineFunction('indexof_regex', (args, ctx) => {
    const m = getRegex(textArg(args, 1, ctx)).matcher(textArg(args, 0, ctx));
    return m.find() ? m.start() : -1;
  }),
  ...defineFunction('isutf8', () => true),
  ...defineFunction('isascii', (args, ctx) => /^[\x00-\x7f]*$/.test(textArg(args, 0, ctx))),
];
