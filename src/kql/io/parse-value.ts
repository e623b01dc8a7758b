import { MICROS } from '../engine/values.js';

/**
 * Parsing of KQL's textual datetime and timespan forms, shared by the loaders and by
 * `todatetime` / `totimespan`. Datetimes become microseconds since the epoch (UTC),
 * timespans microseconds; anything unparseable is null.
 */

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/** Microseconds for a fraction of a second written with 1 to 9 digits (`5` → 500000, `1234567` → 123457). */
function fractionMicros(digits: string | undefined): number {
  if (!digits) return 0;
  return Math.round(Number(digits.padEnd(9, '0').slice(0, 9)) / 1000);
}

/**
 * Parses a datetime as KQL accepts it: ISO 8601 (`2026-05-24T10:00:00Z`, `2026-05-24 10:00:00.1234567`,
 * `2026-05-24`, with a `Z` or `±hh:mm` offset; no zone means UTC) and RFC 822/850 forms
 * (`Sat, 8 Nov 2014 15:05:02 GMT`). Returns microseconds since the epoch, or null.
 */
export function parseDatetime(text: string): number | null {
  const fast = parseCanonicalDatetime(text);
  if (fast !== null) return fast;
  const s = text.trim();
  if (s.length === 0) return null;
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    const month = Number(mo);
    const day = Number(d);
    const hour = h ? Number(h) : 0;
    const minute = mi ? Number(mi) : 0;
    const second = sec ? Number(sec) : 0;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
    const date = new Date(0);
    date.setUTCFullYear(Number(y), month - 1, day);
    if (date.getUTCDate() !== day) return null; // 2026-02-30
    let ms = date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000;
    if (zone && zone !== 'Z' && zone !== 'z' && zone !== 'UTC' && zone !== 'GMT') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const offsetMinutes = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0);
      ms -= sign * offsetMinutes * 60_000;
    }
    return ms * 1000 + fractionMicros(frac);
  }
  // RFC 822 / RFC 850 and other forms with a month name: let Date parse them, in UTC.
  if (/[a-z]{3}/i.test(s)) {
    const zoned = /(GMT|UTC|Z|[+-]\d{4})\s*$/i.test(s) ? s : s + ' GMT';
    const ms = Date.parse(zoned);
    return Number.isNaN(ms) ? null : ms * 1000;
  }
  return null;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The loaders' fast path: exactly `YYYY-MM-DDTHH:MM:SS[.f…]Z` (what Defender and Sentinel
 * export), parsed without regex or Date; anything else → null (the caller falls back).
 */
function parseCanonicalDatetime(s: string): number | null {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */ || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59) return null;
  let micros = 0;
  if (n > 20) {
    if (s.charCodeAt(19) !== 46 || n > 30) return null;
    let scale = 100_000;
    let frac = 0;
    for (let i = 20; i < n - 1; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      frac += (c - 48) * scale;
      scale /= 10;
    }
    micros = Math.round(frac);
  }
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000_000 + second * 1_000_000 + micros;
}

const SPAN_CLOCK = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
const SPAN_LITERAL =
  /^(-)?(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?|ms|millis?|milliseconds?|microseconds?|ticks?)$/i;

const UNIT_MICROS: Record<string, number> = {
  d: MICROS.day,
  day: MICROS.day,
  days: MICROS.day,
  h: MICROS.hour,
  hr: MICROS.hour,
  hrs: MICROS.hour,
  hour: MICROS.hour,
  hours: MICROS.hour,
  m: MICROS.minute,
  min: MICROS.minute,
  mins: MICROS.minute,
  minute: MICROS.minute,
  minutes: MICROS.minute,
  s: MICROS.second,
  sec: MICROS.second,
  secs: MICROS.second,
  second: MICROS.second,
  seconds: MICROS.second,
  ms: MICROS.millisecond,
  milli: MICROS.millisecond,
  millis: MICROS.millisecond,
  millisecond: MICROS.millisecond,
  milliseconds: MICROS.millisecond,
  microsecond: MICROS.microsecond,
  microseconds: MICROS.microsecond,
  tick: MICROS.tick,
  ticks: MICROS.tick,
};

/**
 * Parses a timespan: the clock form `[-][d.]hh:mm[:ss[.fffffff]]` (`1.02:03:04`) or a literal
 * such as `1d`, `2h`, `30m`, `10s`, `100ms`, `1.5h`. Returns microseconds, or null.
 */
export function parseTimespan(text: string): number | null {
  const s = text.trim();
  let m = SPAN_CLOCK.exec(s);
  if (m) {
    const [, neg, d, h, mi, sec, frac] = m;
    const hours = Number(h);
    const minutes = Number(mi);
    const seconds = sec ? Number(sec) : 0;
    if (hours > 23 || minutes > 59 || seconds > 59) return null;
    const micros =
      (d ? Number(d) : 0) * MICROS.day +
      hours * MICROS.hour +
      minutes * MICROS.minute +
      seconds * MICROS.second +
      (frac ? Math.round(Number(frac.padEnd(7, '0')) / 10) : 0);
    return neg ? -micros : micros;
  }
  m = SPAN_LITERAL.exec(s);
  if (m) {
    const micros = Number(m[2]) * UNIT_MICROS[m[3]!.toLowerCase()]!;
    return m[1] ? -micros : micros;
  }
  return null;
}
