/**
 * Turns Kusto literal syntax into engine values. Kusto.Language's Bridge build hands back .NET
 * objects (System.Int64, System.DateTime …) and loses precision on some forms (fractional
 * seconds, `time(1.02:03:04)`, hex), so datetimes and timespans are parsed from the token text
 * by the same functions the engine uses for `todatetime`/`totimespan`.
 */
import { scalarFunctions } from '../engine/functions/registry.js';
import type { KqlType, KqlValue } from '../engine/values.js';

const EVAL = { now: 0 };

/** The inner text of `name(inner)` forms (`datetime(…)`, `time(…)`, `dynamic(…)`), else the text itself. */
function unwrap(text: string): string {
  const open = text.indexOf('(');
  return open >= 0 && text.endsWith(')') ? text.slice(open + 1, -1).trim() : text.trim();
}

/** The engine value of a literal of `type` written as `text` (`5d`, `datetime(2026-05-25)`, `long(null)`, `0x10` …); `dotnetValue` is Kusto's own reading. */
export function literalValue(type: KqlType, text: string, dotnetValue: unknown): KqlValue {
  const inner = unwrap(text);
  if (inner === 'null') return null;
  switch (type) {
    case 'datetime':
      return callRegistry('todatetime', inner);
    case 'timespan':
      return callRegistry('totimespan', inner);
    case 'string':
      return typeof dotnetValue === 'string' ? dotnetValue : String(dotnetValue ?? '');
    case 'bool':
      return /^true$/i.test(inner);
    case 'guid':
      return inner.toLowerCase();
    case 'dynamic':
      return parseDynamicLiteral(inner);
    default:
      return numberLiteral(inner, dotnetValue);
  }
}

function numberLiteral(inner: string, dotnetValue: unknown): number | null {
  if (/^[+-]?0x[0-9a-f]+$/i.test(inner)) return Number.parseInt(inner.replace(/0x/i, ''), 16) * (inner.startsWith('-') ? -1 : 1);
  const lower = inner.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === '+inf' || lower === 'inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  const n = Number(inner);
  if (Number.isFinite(n)) return n;
  const fallback = Number(String(dotnetValue));
  return Number.isFinite(fallback) ? fallback : null;
}

/** `dynamic(...)` content: JSON, with KQL's single-quoted strings accepted. */
export function parseDynamicLiteral(inner: string): KqlValue {
  try {
    return JSON.parse(inner) as KqlValue;
  } catch {
    return JSON.parse(singleToDoubleQuotes(inner)) as KqlValue;
  }
}

/** Rewrites 'x' strings as "x" (escaping inner double quotes) outside existing double-quoted strings. */
function singleToDoubleQuotes(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) {
        quote = null;
        out += '"';
        continue;
      }
      out += ch === '"' && quote === "'" ? '\\"' : ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      out += '"';
      continue;
    }
    out += ch;
  }
  return out;
}

function callRegistry(name: string, text: string): KqlValue {
  const fn = scalarFunctions.get(name);
  if (!fn) throw new Error(`scalar function ${name} is missing from the registry`);
  return fn.call([text], { ...EVAL, argTypes: ['string'] });
}
