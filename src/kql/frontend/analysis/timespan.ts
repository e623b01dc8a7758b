/**
 * KQL timespan literals (`5d`, `1.5h`, `30min`, `time(1.00:00:00)`) to milliseconds, for the
 * time windows the query analysis reports. Only what rules write in practice.
 */

const UNIT_MS: Record<string, number> = {
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  microsecond: 0.001,
  microseconds: 0.001,
  tick: 0.0001,
  ticks: 0.0001,
};

/** `7d` → 604800000; `time(1.02:00:00)` → 1 day 2 hours; null when `text` is no timespan literal. */
export function timespanMillis(text: string): number | null {
  const t = text.trim();
  const unit = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(t);
  if (unit) {
    const factor = UNIT_MS[unit[2]!.toLowerCase()];
    return factor === undefined ? null : Number(unit[1]) * factor;
  }
  const time = /^time\(\s*(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*\)$/i.exec(t);
  if (time) {
    const [, d = '0', h = '0', m = '0', s = '0'] = time;
    return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000;
  }
  const timeUnit = /^time\(\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*\)$/i.exec(t);
  if (timeUnit) return timespanMillis(`${timeUnit[1]}${timeUnit[2]}`);
  return null;
}

/** 604800000 → `7d`, 5400000 → `90m`: the largest whole unit (days, hours, minutes, seconds, ms). */
export function formatMillis(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (abs >= size && abs % size === 0) return `${sign}${abs / size}${unit}`;
  }
  return `${sign}${abs}ms`;
}
