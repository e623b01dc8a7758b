import type { DynamicValue, KqlType, KqlValue } from '../values.js';
import { formatDatetime, formatTimespan } from '../../io/format-value.js';

/**
 * Moving values into and out of `dynamic`: datetimes and timespans inside dynamic are kept as
 * their KQL text (values.ts), so packing a datetime needs its bound type.
 */

/** A scalar of bound type `type` as a dynamic element (datetimes/timespans → text). */
export function toDynamic(v: KqlValue, type?: KqlType): DynamicValue {
  if (typeof v === 'number') {
    if (type === 'datetime') return formatDatetime(v);
    if (type === 'timespan') return formatTimespan(v);
  }
  return v as DynamicValue;
}

/** Whether a value is a property bag (a plain object, not an array). */
export function isBag(v: unknown): v is Record<string, DynamicValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Member or index access on a dynamic value (`x.a`, `x["a"]`, `x[0]`, `x[-1]`): a missing
 * key, an index out of range or a non-container base → null. A string base holding JSON is
 * not parsed (KQL does not either: use parse_json).
 */
export function accessMember(base: KqlValue, key: KqlValue): KqlValue {
  if (base === null || key === null) return null;
  if (Array.isArray(base)) {
    if (typeof key !== 'number' || !Number.isInteger(key)) return null;
    const i = key < 0 ? base.length + key : key;
    return i >= 0 && i < base.length ? (base[i] as KqlValue) : null;
  }
  if (isBag(base)) {
    const k = String(key);
    return Object.prototype.hasOwnProperty.call(base, k) ? (base[k] as KqlValue) : null;
  }
  return null;
}

/** KQL's `gettype()` name for a value: bound types by name, dynamic values by their shape. */
export function kqlTypeName(v: KqlValue, type?: KqlType): string {
  if (type && type !== 'dynamic') return type;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'object':
      return 'dictionary';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      if (!Number.isInteger(v)) return 'real';
      return v >= -2147483648 && v <= 2147483647 ? 'int' : 'long';
    default:
      return 'null';
  }
}
