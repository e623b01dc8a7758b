import { partsOf } from './calendar.js';
import { MICROS } from '../values.js';

/**
 * `format_datetime` and `format_timespan` ("format_datetime()", "format_timespan()" docs):
 * format specifiers d, dd, f…fffffff, F…FFFFFFF, h, hh, H, HH, m, mm, M, MM, s, ss, y, yy,
 * yyyy, tt; any other character (`-`, `/`, `:`, ` `, `.`, `,`, `[`, `]` …) is copied.
 */

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The 7-digit tick fraction of a sub-second microsecond count. */
const ticksOf = (micro: number): string => pad(Math.round(micro * 10), 7);

function fraction(token: string, micro: number): string {
  const digits = ticksOf(micro).slice(0, token.length);
  return token[0] === 'F' ? digits.replace(/0+$/, '') : digits;
}

/** Splits a format into runs of one repeated letter and single other characters. */
function tokens(format: string): string[] {
  return format.match(/([dfFhHmMsyt])\1*|./gs) ?? [];
}

/** Formats a datetime (µs) by a KQL format; null → null. */
export function formatDatetimeWith(t: number | null, format: string): string | null {
  if (t === null) return null;
  const p = partsOf(t);
  return tokens(format)
    .map((tok) => {
      switch (tok[0]) {
        case 'y':
          return tok.length === 2 ? pad(p.year % 100, 2) : tok.length === 1 ? String(p.year % 100) : pad(p.year, tok.length);
        case 'M':
          return tok.length >= 2 ? pad(p.month, 2) : String(p.month);
        case 'd':
          return tok.length >= 2 ? pad(p.day, 2) : String(p.day);
        case 'H':
          return tok.length >= 2 ? pad(p.hour, 2) : String(p.hour);
        case 'h': {
          const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
          return tok.length >= 2 ? pad(h12, 2) : String(h12);
        }
        case 'm':
          return tok.length >= 2 ? pad(p.minute, 2) : String(p.minute);
        case 's':
          return tok.length >= 2 ? pad(p.second, 2) : String(p.second);
        case 'f':
        case 'F':
          return fraction(tok, p.micro);
        case 't':
          return (p.hour < 12 ? 'AM' : 'PM').slice(0, tok.length >= 2 ? 2 : 1);
        default:
          return tok;
      }
    })
    .join('');
}

/** Formats a timespan (µs) by a KQL format (`d`, `h`/`H`, `m`, `s`, `f`/`F`); null → null. */
export function formatTimespanWith(span: number | null, format: string): string | null {
  if (span === null) return null;
  const negative = span < 0;
  const abs = Math.abs(span);
  const days = Math.floor(abs / MICROS.day);
  const hours = Math.floor((abs % MICROS.day) / MICROS.hour);
  const minutes = Math.floor((abs % MICROS.hour) / MICROS.minute);
  const seconds = Math.floor((abs % MICROS.minute) / MICROS.second);
  const micro = abs % MICROS.second;
  const text = tokens(format)
    .map((tok) => {
      switch (tok[0]) {
        case 'd':
          return pad(days, tok.length);
        case 'h':
        case 'H':
          return tok.length >= 2 ? pad(hours, 2) : String(hours);
        case 'm':
          return tok.length >= 2 ? pad(minutes, 2) : String(minutes);
        case 's':
          return tok.length >= 2 ? pad(seconds, 2) : String(seconds);
        case 'f':
        case 'F':
          return fraction(tok, micro);
        default:
          return tok;
      }
    })
    .join('');
  return negative ? '-' + text : text;
}
