import type { KqlType, KqlValue } from '../engine/values.js';

/**
 * How KQL prints values: datetimes as ISO 8601 UTC with `Z` (fraction only when non-zero,
 * trailing zeros trimmed, at most 7 digits), timespans as `[-][d.]hh:mm:ss[.fffffff]`
 * (the .NET "c" format Kusto uses), dynamic as compact JSON.
 */

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** Formats microseconds since the epoch as `2026-05-24T10:00:00.5Z`; null stays null; out-of-range → null. */
export function formatDatetime(micros: number | null): string | null {
  if (micros === null || !Number.isFinite(micros)) return null;
  const ms = Math.floor(micros / 1000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const year = d.getUTCFullYear();
  const yyyy = year >= 0 && year < 10000 ? String(year).padStart(4, '0') : String(year);
  let text = `${yyyy}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  // Sub-second part in 100 ns ticks (7 digits), from the microseconds within the second.
  const subMicros = Math.round(micros - Math.floor(micros / 1_000_000) * 1_000_000);
  if (subMicros > 0) {
    const ticks = String(subMicros * 10).padStart(7, '0').replace(/0+$/, '');
    text += '.' + ticks;
  }
  return text + 'Z';
}

/** Formats a timespan in microseconds as KQL does: `1.02:03:04`, `00:00:01.5000000`, `-00:30:00`; null stays null. */
export function formatTimespan(micros: number | null): string | null {
  if (micros === null || !Number.isFinite(micros)) return null;
  const negative = micros < 0;
  let rest = Math.round(Math.abs(micros) * 10); // ticks
  const ticks = rest % 10_000_000;
  rest = (rest - ticks) / 10_000_000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  rest = (rest - minutes) / 60;
  const hours = rest % 24;
  const days = (rest - hours) / 24;
  let text = negative ? '-' : '';
  if (days > 0) text += days + '.';
  text += `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}`;
  if (ticks > 0) text += '.' + String(ticks).padStart(7, '0');
  return text;
}

/** Formats a real the way KQL prints it (`1`, `0.5`, `NaN`, `Infinity`); integers print without a fraction. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/**
 * The text `tostring()` gives for a value of a given type: null → "" (strings are never null
 * in KQL), bool → `true`/`false`, datetime/timespan formatted, dynamic string → the string
 * itself, other dynamic → JSON.
 */
export function valueToText(value: KqlValue, type?: KqlType): string {
  if (value === null) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (type === 'datetime') return formatDatetime(value) ?? '';
      if (type === 'timespan') return formatTimespan(value) ?? '';
      return formatNumber(value);
    default:
      return JSON.stringify(value);
  }
}

/**
 * A value as it goes into JSON output: datetimes and timespans as text, non-finite reals as
 * text (JSON has no NaN), everything else as is; null → null.
 */
export function valueToJson(value: KqlValue, type: KqlType): unknown {
  if (value === null) return null;
  if (typeof value === 'number') {
    if (type === 'datetime') return formatDatetime(value);
    if (type === 'timespan') return formatTimespan(value);
    if (!Number.isFinite(value)) return formatNumber(value);
  }
  return value;
}
