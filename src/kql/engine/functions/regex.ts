import { RE2JS } from 're2js';
import type { DynamicValue, KqlValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';
import { convertTo } from './conversion.js';
import { textArg } from './text.js';

/**
 * Regular expressions follow RE2 syntax in KQL ("RE2 syntax" page), so they run on re2js:
 * linear time, no catastrophic backtracking. Patterns are compiled once and cached.
 * `matches regex`, `extract`, `extract_all`, `replace_regex` (and the legacy `replace`).
 * An invalid pattern raises an error naming the pattern.
 */

const compiled = new Map<string, RE2JS>();

/** The compiled RE2 pattern for `pattern` (cached); throws a clear error when it is invalid. */
export function getRegex(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    try {
      re = RE2JS.compile(pattern);
    } catch (e) {
      throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
    }
    if (compiled.size > 5000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * `extract(regex, captureGroup, source [, typeName])`: the given group of the first match,
 * converted to `typeName` (a KQL type name such as 'long', as the executor passes `typeof(long)`).
 * No match → "" for strings, null for other types.
 */
function extract(args: KqlValue[], ctxText: (i: number) => string): KqlValue {
  const re = getRegex(ctxText(0));
  const group = typeof args[1] === 'number' ? args[1] : 0;
  const typeName = typeof args[3] === 'string' ? args[3] : 'string';
  const m = re.matcher(ctxText(2));
  const text = group <= re.groupCount() && m.find() ? m.group(group) : null;
  if (typeName === 'string') return text ?? '';
  return text === null ? null : convertTo(text, typeName);
}

/** `extract_all(regex, [groups,] source)`: every match; one group → strings, several → arrays of strings. */
function extractAll(args: KqlValue[], text: (i: number) => string): KqlValue {
  const re = getRegex(text(0));
  const withGroups = args.length >= 3;
  const source = text(withGroups ? 2 : 1);
  let groups: number[];
  if (withGroups && Array.isArray(args[1])) groups = (args[1] as DynamicValue[]).map(Number);
  else groups = re.groupCount() === 0 ? [0] : Array.from({ length: re.groupCount() }, (_, i) => i + 1);
  const out: DynamicValue[] = [];
  const m = re.matcher(source);
  let pos = 0;
  while (pos <= source.length && m.find(pos)) {
    if (groups.length === 1) out.push(m.group(groups[0]) ?? '');
    else out.push(groups.map((g) => m.group(g) ?? ''));
    pos = m.end() === m.start() ? m.end() + 1 : m.end();
  }
  return out.length === 0 ? null : out;
}

/** Replaces every match; in the rewrite `\0` is the whole match and `\1`… the groups ("replace_regex"). */
export function replaceRegex(source: string, pattern: string, rewrite: string): string {
  const m = getRegex(pattern).matcher(source);
  let out = '';
  let last = 0;
  let pos = 0;
  while (pos <= source.length && m.find(pos)) {
    out += source.slice(last, m.start()) + rewrite.replace(/\\(\d)/g, (_, d: string) => m.group(Number(d)) ?? '');
    last = m.end();
    pos = m.end() === m.start() ? m.end() + 1 : m.end();
  }
  return out + source.slice(last);
}

export const regexFunctions: ScalarFunction[] = [
  ...defineFunction('matches regex', (args, ctx) => getRegex(textArg(args, 1, ctx)).test(textArg(args, 0, ctx))),
  ...defineFunction('extract', (args, ctx) => extract(args, (i) => textArg(args, i, ctx))),
  ...defineFunction(['extract_all', 'extractall'], (args, ctx) => extractAll(args, (i) => textArg(args, i, ctx))),
  ...defineFunction('replace_regex', (args, ctx) => replaceRegex(textArg(args, 0, ctx), textArg(args, 1, ctx), textArg(args, 2, ctx))),
  // Legacy argument order: replace(regex, rewrite, source).
  ...defineFunction('replace', (args, ctx) => replaceRegex(textArg(args, 2, ctx), textArg(args, 0, ctx), textArg(args, 1, ctx))),
];
