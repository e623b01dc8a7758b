import type { DynamicValue, KqlType } from '../engine/values.js';
import { parseDatetime, parseTimespan } from './parse-value.js';
import type { ColumnBuilder } from './column-builder.js';

/**
 * Fitting loaded values into a declared column type. JSON values (from NDJSON/JSON) and CSV
 * cell texts are converted to the column's type; a value that cannot be converted is a
 * "misfit": the caller stores null and counts it. `undefined`/null and (for non-string
 * types) the empty string are nulls, not misfits.
 */

const INTEGER_TEXT = /^[+-]?\d+$/;
const REAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text to a number for a numeric column; null when it is not numeric. */
export function numberFromText(s: string, integral: boolean): number | null {
  const t = s.trim();
  if (integral) {
    if (INTEGER_TEXT.test(t)) return Number(t);
    if (REAL_TEXT.test(t)) {
      const n = Number(t);
      return Number.isInteger(n) ? n : null;
    }
    return null;
  }
  if (REAL_TEXT.test(t)) return Number(t);
  if (t === 'NaN') return NaN;
  if (t === 'Infinity' || t === '+Infinity') return Infinity;
  if (t === '-Infinity') return -Infinity;
  return null;
}

function boolFromText(s: string): boolean | null {
  const t = s.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return null;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Text of a JSON value for a string column: strings as is, others as JSON. */
export function textOf(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Appends a JSON value to a builder of a declared type; returns false (after appending null)
 * when it does not fit.
 */
export function appendJsonValue(b: ColumnBuilder, v: unknown): boolean {
  if (v === null || v === undefined) {
    b.pushNull();
    return true;
  }
  switch (b.type) {
    case 'string':
      b.pushString(textOf(v));
      return true;
    case 'dynamic':
      b.pushDynamic(v as DynamicValue);
      return true;
    default:
      if (typeof v === 'string') return appendText(b, v);
      return appendNonText(b, b.type, v);
  }
}

function appendNonText(b: ColumnBuilder, type: KqlType, v: unknown): boolean {
  if (typeof v === 'number') {
    if (type === 'real' || type === 'decimal' || ((type === 'long' || type === 'int') && Number.isInteger(v))) {
      b.pushNumber(v);
      return true;
    }
    if (type === 'bool' && (v === 0 || v === 1)) {
      b.pushBool(v === 1);
      return true;
    }
  } else if (typeof v === 'boolean') {
    if (type === 'bool') {
      b.pushBool(v);
      return true;
    }
  }
  b.pushNull();
  return false;
}

/** Appends a text (a CSV cell, or a JSON string) to a builder of a declared type; false on misfit. */
export function appendText(b: ColumnBuilder, s: string): boolean {
  const type = b.type;
  if (type === 'string') {
    b.pushString(s);
    return true;
  }
  if (s.length === 0) {
    b.pushNull();
    return true;
  }
  let ok = true;
  switch (type) {
    case 'int':
    case 'long':
    case 'real':
    case 'decimal': {
      const n = numberFromText(s, type === 'int' || type === 'long');
      if (n === null) ok = false;
      else b.pushNumber(n);
      break;
    }
    case 'datetime': {
      const n = parseDatetime(s);
      if (n === null) ok = false;
      else b.pushNumber(n);
      break;
    }
    case 'timespan': {
      const n = parseTimespan(s);
      if (n === null) ok = false;
      else b.pushNumber(n);
      break;
    }
    case 'bool': {
      const v = boolFromText(s);
      if (v === null) ok = false;
      else b.pushBool(v);
      break;
    }
    case 'guid':
      if (GUID.test(s.trim())) b.pushString(s.trim().toLowerCase());
      else ok = false;
      break;
    case 'dynamic':
      b.pushDynamic(dynamicFromText(s));
      break;
  }
  if (!ok) b.pushNull();
  return ok;
}

/** A CSV cell for a dynamic column: JSON when it parses as JSON, else the text itself. */
export function dynamicFromText(s: string): DynamicValue {
  const t = s.trim();
  if (t.length === 0) return null;
  const c = t[0];
  if (c === '{' || c === '[' || c === '"' || t === 'true' || t === 'false' || t === 'null' || REAL_TEXT.test(t)) {
    try {
      return JSON.parse(t) as DynamicValue;
    } catch {
      return s;
    }
  }
  return s;
}
