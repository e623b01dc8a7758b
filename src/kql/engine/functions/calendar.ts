import { MICROS } from '../values.js';

/**
 * Calendar arithmetic on datetimes held as microseconds since the Unix epoch (UTC).
 * KQL's `bin` on datetimes aligns bins to 0001-01-01 (ticks zero), not to 1970: for bins
 * that do not divide a day evenly into the 719162 days between them (7d, for one) the
 * result differs, so the alignment shift is computed exactly with BigInt once per bin size.
 */

/** Microseconds from 0001-01-01 to 1970-01-01 (62135596800 s), as BigInt to stay exact. */
const EPOCH_FROM_YEAR_ONE = 62_135_596_800_000_000n;
const shifts = new Map<number, number>();

/** Floors `t` to a multiple of `size` counted from 0001-01-01 (datetimes) — null for a non-positive size. */
export function floorDatetime(t: number, size: number): number | null {
  if (!(size > 0)) return null;
  let shift = shifts.get(size);
  if (shift === undefined) {
    if (Number.isInteger(size)) {
      const s = BigInt(size);
      shift = Number((((-EPOCH_FROM_YEAR_ONE) % s) + s) % s);
    } else shift = 0;
    shifts.set(size, shift);
  }
  return Math.floor((t - shift) / size) * size + shift;
}

/** The UTC calendar parts of a datetime. */
export interface DateParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number; // 0–999999
  weekday: number; // 0 = Sunday
}

/** Splits a datetime into calendar parts. */
export function partsOf(t: number): DateParts {
  const ms = Math.floor(t / 1000);
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    micro: Math.round(t - Math.floor(t / MICROS.second) * MICROS.second),
    weekday: d.getUTCDay(),
  };
}

/** The datetime of a calendar date (month may overflow: month 13 is January next year). */
export function fromParts(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0, micro = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime() * 1000 + micro;
}

/** Start of the day, `offset` days later. */
export function startOfDay(t: number, offset = 0): number {
  return Math.floor(t / MICROS.day) * MICROS.day + offset * MICROS.day;
}

/** Start of the week (Sunday), `offset` weeks later. */
export function startOfWeek(t: number, offset = 0): number {
  const day = startOfDay(t);
  return day - partsOf(day).weekday * MICROS.day + offset * 7 * MICROS.day;
}

/** Start of the month, `offset` months later. */
export function startOfMonth(t: number, offset = 0): number {
  const p = partsOf(t);
  return fromParts(p.year, p.month + offset);
}

/** Start of the year, `offset` years later. */
export function startOfYear(t: number, offset = 0): number {
  return fromParts(partsOf(t).year + offset, 1);
}

/** ISO 8601 week number (weeks start Monday; week 1 holds the year's first Thursday). */
export function isoWeek(t: number): number {
  const p = partsOf(t);
  const day = Date.UTC(p.year, p.month - 1, p.day);
  const dow = (p.weekday + 6) % 7; // Monday = 0
  const thursday = day - dow * 86_400_000 + 3 * 86_400_000;
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return 1 + Math.floor((thursday - yearStart) / (7 * 86_400_000));
}

/** Adds whole months keeping the day where possible (Jan 31 + 1 month → Feb 28/29), as .NET AddMonths does. */
export function addMonths(t: number, months: number): number {
  const p = partsOf(t);
  const target = fromParts(p.year, p.month + months);
  const tp = partsOf(target);
  const daysInMonth = new Date(Date.UTC(tp.year, tp.month, 0)).getUTCDate();
  return fromParts(tp.year, tp.month, Math.min(p.day, daysInMonth), p.hour, p.minute, p.second, p.micro);
}
