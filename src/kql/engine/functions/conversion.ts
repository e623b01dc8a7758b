import type { DynamicValue, KqlValue } from '../values.js';
import { normalizeKqlType } from '../values.js';
import { parseDatetime, parseTimespan } from '../../io/parse-value.js';
import { argType, defineFunction, type ScalarFunction } from './context.js';
import { textArg } from './text.js';

/**
 * Conversions (`tostring`, `tolong`, `toint`, `toreal`/`todouble`, `tobool`, `todatetime`,
 * `totimespan`, `toguid`, `parse_json`/`todynamic`). Anything that does not convert is null
 * (except `tostring`, which never is). Per "parse_json()": invalid JSON text gives a dynamic
 * holding the original string. `tolong(datetime)`/`tolong(timespan)` give 100 ns ticks.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^[+-]?\d+$/;
const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Text to a real: decimal and exponent forms, `NaN`, `Infinity`; otherwise null. */
function parseReal(s: string): number | null {
  const t = s.trim();
  if (REAL.test(t)) return Number(t);
  if (t === 'NaN') return NaN;
  if (t === 'Infinity' || t === '+Infinity') return Infinity;
  if (t === '-Infinity') return -Infinity;
  return null;
}

/** A value to long (truncating reals); strings must be integral or real text; bools → 0/1; else null. */
export function toLong(v: KqlValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (INTEGER.test(t)) return Number(t);
    const r = parseReal(t);
    return r !== null && Number.isFinite(r) ? Math.trunc(r) : null;
  }
  return null;
}

/** A value to real; strings parsed; bools → 0/1; else null. */
export function toReal(v: KqlValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseReal(v);
  return null;
}

/** A value to bool: `true`/`false` in any case, numbers (non-zero is true); else null. */
export function toBool(v: KqlValue): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v !== 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    const n = parseReal(t);
    return n === null ? null : n !== 0;
  }
  return null;
}

/** Text to a dynamic: parsed JSON; invalid JSON → the string itself; "" → null. */
export function parseJsonValue(v: KqlValue): KqlValue {
  if (typeof v !== 'string') return v;
  if (v.length === 0) return null;
  try {
    return JSON.parse(v) as DynamicValue;
  } catch {
    return v;
  }
}

/**
 * Converts a loaded or extracted value to a KQL type by name (`long`, `datetime`, …), as the
 * loaders and `extract(…, typeof(T))` need; null when it does not fit.
 */
export function convertTo(v: KqlValue, typeName: string): KqlValue {
  if (v === null) return null;
  switch (normalizeKqlType(typeName)) {
    case 'string':
      return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'int': {
      const n = toLong(v);
      return n !== null && n >= -2147483648 && n <= 2147483647 ? n : null;
    }
    case 'long':
      return toLong(v);
    case 'real':
    case 'decimal':
      return toReal(v);
    case 'bool':
      return toBool(v);
    case 'datetime':
      return typeof v === 'string' ? parseDatetime(v) : null;
    case 'timespan':
      return typeof v === 'string' ? parseTimespan(v) : null;
    case 'guid':
      return typeof v === 'string' && GUID.test(v.trim()) ? v.trim().toLowerCase() : null;
    case 'dynamic':
      return parseJsonValue(v);
    default:
      return null;
  }
}

const isTimeType = (t: string | undefined): boolean => t === 'datetime' || t === 'timespan';

export const conversionFunctions: ScalarFunction[] = [
  ...defineFunction('tostring', (args, ctx) => textArg(args, 0, ctx)),
  ...defineFunction(['tolong', 'toint64'], (args, ctx) =>
    isTimeType(argType(ctx, 0)) && typeof args[0] === 'number' ? Math.round(args[0] * 10) : toLong(args[0] ?? null),
  ),
  ...defineFunction(['toint', 'toint32'], (args) => convertTo(args[0] ?? null, 'int')),
  ...defineFunction(['toreal', 'todouble', 'todecimal'], (args) => toReal(args[0] ?? null)),
  ...defineFunction(['tobool', 'toboolean'], (args) => toBool(args[0] ?? null)),
  ...defineFunction('todatetime', (args, ctx) => {
    const v = args[0] ?? null;
    if (typeof v === 'number') return argType(ctx, 0) === 'datetime' ? v : null;
    return typeof v === 'string' ? parseDatetime(v) : null;
  }),
  ...defineFunction(['totimespan', 'totime'], (args, ctx) => {
    const v = args[0] ?? null;
    // A number that is not already a timespan counts 100 ns ticks.
    if (typeof v === 'number') return argType(ctx, 0) === 'timespan' ? v : v / 10;
    return typeof v === 'string' ? parseTimespan(v) : null;
  }),
  ...defineFunction('toguid', (args) => convertTo(args[0] ?? null, 'guid')),
  ...defineFunction(['parse_json', 'todynamic', 'parsejson', 'toobject'], (args) => parseJsonValue(args[0] ?? null)),
];
