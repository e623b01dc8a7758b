/**
 * How KQL values live in JavaScript inside the engine. Every part of the engine (loaders,
 * functions, aggregates, operators, writers) agrees on this one representation.
 *
 * - bool                      → boolean
 * - int, long, real, decimal  → number (long beyond ±2^53 loses precision: documented limit)
 * - string, guid              → string
 * - datetime                  → number: microseconds since 1970-01-01T00:00:00Z (an exact
 *                               integer for any date in range; KQL's 100 ns ticks are rounded
 *                               to whole microseconds)
 * - timespan                  → number: microseconds (may be negative)
 * - dynamic                   → a JSON value: null | boolean | number | string | array | plain
 *                               object; datetimes inside dynamic are kept as ISO strings
 * - null of any type          → null
 *
 * Tagged types are not needed at run time: the frontend's binding knows every expression's
 * type, so the compiler picks the right function for each call.
 */

/** The scalar types of KQL (aliases such as `double` → real, `boolean` → bool, `date` → datetime are normalized by `normalizeKqlType`). */
export type KqlType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'string'
  | 'guid'
  | 'datetime'
  | 'timespan'
  | 'dynamic';

/** A JSON-like value held in a `dynamic`. */
export type DynamicValue = null | boolean | number | string | DynamicValue[] | { [key: string]: DynamicValue };

/** Any runtime scalar value. */
export type KqlValue = null | boolean | number | string | DynamicValue[] | { [key: string]: DynamicValue };

/** Microseconds per unit, for datetime and timespan arithmetic. */
export const MICROS = {
  tick: 0.1,
  microsecond: 1,
  millisecond: 1_000,
  second: 1_000_000,
  minute: 60_000_000,
  hour: 3_600_000_000,
  day: 86_400_000_000,
} as const;

const TYPE_ALIASES: Record<string, KqlType> = {
  bool: 'bool',
  boolean: 'bool',
  int: 'int',
  int32: 'int',
  long: 'long',
  int64: 'long',
  real: 'real',
  double: 'real',
  float: 'real',
  decimal: 'decimal',
  string: 'string',
  guid: 'guid',
  uniqueid: 'guid',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  dynamic: 'dynamic',
  object: 'dynamic',
};

/** Maps a type name as schemas and KQL spell it (`String`, `Int64`, `double`, `date` …) to a KqlType; null when unknown. */
export function normalizeKqlType(name: string): KqlType | null {
  return TYPE_ALIASES[name.trim().toLowerCase().replace(/^system\./, '')] ?? null;
}
