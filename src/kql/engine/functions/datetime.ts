import type { KqlValue } from '../values.js';
import { MICROS } from '../values.js';
import { argType, defineFunction, type EvalContext, type ScalarFunction } from './context.js';
import {
  addMonths,
  floorDatetime,
  fromParts,
  isoWeek,
  partsOf,
  startOfDay,
  startOfMonth,
  startOfWeek,
  startOfYear,
} from './calendar.js';
import { formatDatetimeWith, formatTimespanWith } from './datetime-format.js';
import { numberArg, textArg } from './text.js';

/**
 * Datetime and timespan functions: now, ago, bin/floor/bin_at, the startof- and endof- family, datetime_diff,
 * datetime_add, datetime_part, dayof*, hourofday, getyear/getmonth, week_of_year,
 * format_datetime, format_timespan, make_datetime, make_timespan, unixtime_*_todatetime.
 * Null in → null out. `now()` and `ago()` read the query's single instant, `ctx.now`.
 * The endof- functions return the last microsecond of the period (KQL's last tick, at our µs precision).
 */

const PERIOD_MICROS: Record<string, number> = {
  week: 7 * MICROS.day,
  day: MICROS.day,
  hour: MICROS.hour,
  minute: MICROS.minute,
  second: MICROS.second,
  millisecond: MICROS.millisecond,
  microsecond: MICROS.microsecond,
  nanosecond: 0.001,
};

const unit = (s: string): string => s.toLowerCase().replace(/s$/, '');

/** `datetime_diff(part, a, b)`: calendar boundaries of `part` crossed from b to a (a − b). */
export function datetimeDiff(part: string, a: number, b: number): number | null {
  const u = unit(part);
  const pa = partsOf(a);
  const pb = partsOf(b);
  switch (u) {
    case 'year':
      return pa.year - pb.year;
    case 'quarter':
      return pa.year * 4 + Math.floor((pa.month - 1) / 3) - (pb.year * 4 + Math.floor((pb.month - 1) / 3));
    case 'month':
      return pa.year * 12 + pa.month - (pb.year * 12 + pb.month);
    case 'week':
      return Math.round((startOfWeek(a) - startOfWeek(b)) / PERIOD_MICROS.week!);
    case 'nanosecond':
      return Math.round((a - b) * 1000);
    default: {
      const size = PERIOD_MICROS[u];
      if (size === undefined) return null;
      return Math.round((Math.floor(a / size) * size - Math.floor(b / size) * size) / size);
    }
  }
}

/** `datetime_add(part, amount, dt)`: calendar-aware for months, quarters and years. */
export function datetimeAdd(part: string, amount: number, t: number): number | null {
  const u = unit(part);
  if (u === 'year') return addMonths(t, amount * 12);
  if (u === 'quarter') return addMonths(t, amount * 3);
  if (u === 'month') return addMonths(t, amount);
  const size = PERIOD_MICROS[u];
  return size === undefined ? null : t + amount * size;
}

/** `datetime_part(part, dt)` as an integer. */
export function datetimePart(part: string, t: number): number | null {
  const p = partsOf(t);
  switch (part.toLowerCase()) {
    case 'year':
      return p.year;
    case 'quarter':
      return Math.floor((p.month - 1) / 3) + 1;
    case 'month':
      return p.month;
    case 'week_of_year':
    case 'weekofyear':
    case 'week':
      return isoWeek(t);
    case 'day':
      return p.day;
    case 'dayofyear':
      return dayOfYear(t);
    case 'hour':
      return p.hour;
    case 'minute':
      return p.minute;
    case 'second':
      return p.second;
    case 'millisecond':
      return Math.floor(p.micro / 1000);
    case 'microsecond':
      return p.micro;
    case 'nanosecond':
      return p.micro * 1000;
    default:
      return null;
  }
}

function dayOfYear(t: number): number {
  return Math.floor((startOfDay(t) - startOfYear(t)) / MICROS.day) + 1;
}

/** `bin(value, size)`: floors numbers, timespans and datetimes (datetimes aligned to 0001-01-01). */
function bin(args: KqlValue[], ctx: EvalContext): KqlValue {
  const v = numberArg(args, 0);
  const size = numberArg(args, 1);
  if (v === null || size === null || size <= 0) return null;
  if (argType(ctx, 0) === 'datetime') return floorDatetime(v, size);
  return Math.floor(v / size) * size;
}

/** `bin_at(value, size, fixedPoint)`: bins aligned so that `fixedPoint` starts a bin. */
function binAt(args: KqlValue[]): KqlValue {
  const [v, size, fixed] = [numberArg(args, 0), numberArg(args, 1), numberArg(args, 2)];
  if (v === null || size === null || fixed === null || size <= 0) return null;
  return Math.floor((v - fixed) / size) * size + fixed;
}

/** A datetime function of one datetime argument and an optional offset; null in → null out. */
function onDatetime(names: string | string[], f: (t: number, offset: number) => number | null): ScalarFunction[] {
  return defineFunction(names, (args) => {
    const t = numberArg(args, 0);
    return t === null ? null : f(t, numberArg(args, 1) ?? 0);
  });
}

export const datetimeFunctions: ScalarFunction[] = [
  ...defineFunction('now', (args, ctx) => ctx.now + (numberArg(args, 0) ?? 0)),
  ...defineFunction('ago', (args, ctx) => {
    const span = numberArg(args, 0);
    return span === null ? null : ctx.now - span;
  }),
  ...defineFunction(['bin', 'floor'], bin),
  ...defineFunction('bin_at', binAt),
  ...onDatetime('startofday', (t, o) => startOfDay(t, o)),
  ...onDatetime('startofweek', (t, o) => startOfWeek(t, o)),
  ...onDatetime('startofmonth', (t, o) => startOfMonth(t, o)),
  ...onDatetime('startofyear', (t, o) => startOfYear(t, o)),
  ...onDatetime('endofday', (t, o) => startOfDay(t, o + 1) - 1),
  ...onDatetime('endofweek', (t, o) => startOfWeek(t, o + 1) - 1),
  ...onDatetime('endofmonth', (t, o) => startOfMonth(t, o + 1) - 1),
  ...onDatetime('endofyear', (t, o) => startOfYear(t, o + 1) - 1),
  ...onDatetime('dayofweek', (t) => startOfDay(t) - startOfWeek(t)),
  ...onDatetime('dayofmonth', (t) => partsOf(t).day),
  ...onDatetime('dayofyear', dayOfYear),
  ...onDatetime('hourofday', (t) => partsOf(t).hour),
  ...onDatetime(['getmonth', 'monthofyear'], (t) => partsOf(t).month),
  ...onDatetime('getyear', (t) => partsOf(t).year),
  ...onDatetime(['week_of_year', 'weekofyear'], isoWeek),
  ...defineFunction('datetime_diff', (args, ctx) => {
    const [a, b] = [numberArg(args, 1), numberArg(args, 2)];
    return a === null || b === null ? null : datetimeDiff(textArg(args, 0, ctx), a, b);
  }),
  ...defineFunction('datetime_add', (args, ctx) => {
    const [n, t] = [numberArg(args, 1), numberArg(args, 2)];
    return n === null || t === null ? null : datetimeAdd(textArg(args, 0, ctx), n, t);
  }),
  ...defineFunction(['datetime_part', 'datepart'], (args, ctx) => {
    const t = numberArg(args, 1);
    return t === null ? null : datetimePart(textArg(args, 0, ctx), t);
  }),
  ...defineFunction('format_datetime', (args, ctx) => formatDatetimeWith(numberArg(args, 0), textArg(args, 1, ctx)) ?? ''),
  ...defineFunction('format_timespan', (args, ctx) => formatTimespanWith(numberArg(args, 0), textArg(args, 1, ctx)) ?? ''),
  ...defineFunction(['make_datetime', 'datetime_from_parts'], (args) => {
    const n = args.map((_, i) => numberArg(args, i));
    if (n.length < 3 || n.slice(0, 3).some((x) => x === null)) return null;
    const seconds = n[5] ?? 0;
    const whole = Math.floor(seconds);
    return fromParts(n[0]!, n[1]!, n[2]!, n[3] ?? 0, n[4] ?? 0, whole, Math.round((seconds - whole) * MICROS.second));
  }),
  ...defineFunction('make_timespan', (args) => {
    const n = args.map((_, i) => numberArg(args, i) ?? 0);
    if (n.length === 2) return n[0]! * MICROS.hour + n[1]! * MICROS.minute;
    if (n.length === 3) return n[0]! * MICROS.hour + n[1]! * MICROS.minute + n[2]! * MICROS.second;
    return n[0]! * MICROS.day + n[1]! * MICROS.hour + n[2]! * MICROS.minute + (n[3] ?? 0) * MICROS.second;
  }),
  ...defineFunction('unixtime_seconds_todatetime', (args) => scaleOrNull(numberArg(args, 0), MICROS.second)),
  ...defineFunction('unixtime_milliseconds_todatetime', (args) => scaleOrNull(numberArg(args, 0), MICROS.millisecond)),
  ...defineFunction('unixtime_microseconds_todatetime', (args) => scaleOrNull(numberArg(args, 0), 1)),
  ...defineFunction('unixtime_nanoseconds_todatetime', (args) => scaleOrNull(numberArg(args, 0), 0.001)),
];

function scaleOrNull(v: number | null, by: number): number | null {
  return v === null ? null : Math.round(v * by);
}
