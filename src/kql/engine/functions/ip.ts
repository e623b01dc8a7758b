import type { DynamicValue, KqlValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';
import { textArg } from './text.js';

/**
 * IPv4 and IPv6 functions ("IPv4 and IPv6 functions" docs): parse_ipv4 (→ long), parse_ipv4_mask,
 * ipv4_is_private (RFC 1918: 10/8, 172.16/12, 192.168/16), ipv4_is_in_range, ipv4_is_in_any_range,
 * ipv4_is_match / ipv4_compare (with optional prefix length), ipv6_compare / ipv6_is_match
 * (IPv4 addresses compare as IPv4-mapped IPv6), format_ipv4, format_ipv4_mask. Text that is
 * not an address → null.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 address (optionally with `/prefix`) as [address as unsigned int, prefix 0–32]; null when invalid. */
export function parseIpv4WithPrefix(text: string, extraPrefix: number | null = null): [number, number] | null {
  const [addr, pre] = text.trim().split('/');
  const m = IPV4.exec(addr ?? '');
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return null;
  let prefix = 32;
  if (pre !== undefined) {
    if (!/^\d{1,2}$/.test(pre) || Number(pre) > 32) return null;
    prefix = Number(pre);
  }
  if (extraPrefix !== null) prefix = Math.min(prefix, extraPrefix);
  return [((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!, prefix];
}

function masked(addr: number, prefix: number): number {
  return prefix === 0 ? 0 : (addr & (~0 << (32 - prefix))) >>> 0;
}

/** Compares two IPv4 values under the smaller of their prefixes (and an optional explicit one): −1, 0, 1 or null. */
export function ipv4Compare(a: string, b: string, prefix: number | null = null): number | null {
  const x = parseIpv4WithPrefix(a);
  const y = parseIpv4WithPrefix(b);
  if (!x || !y) return null;
  const p = Math.min(x[1], y[1], prefix ?? 32);
  const mx = masked(x[0], p);
  const my = masked(y[0], p);
  return mx < my ? -1 : mx > my ? 1 : 0;
}

/** Whether an IPv4 address is in RFC 1918 private space; null when invalid. */
export function ipv4IsPrivate(text: string): boolean | null {
  const x = parseIpv4WithPrefix(text);
  if (!x) return null;
  const a = x[0];
  return a >>> 24 === 10 || a >>> 20 === (172 << 4) + 1 || a >>> 16 === (192 << 8) + 168;
}

/** An IPv6 (or IPv4) address as 8 16-bit groups, IPv4 mapped to ::ffff:a.b.c.d; null when invalid. */
export function parseIpv6(text: string): number[] | null {
  let s = text.trim().toLowerCase();
  const v4 = parseIpv4WithPrefix(s);
  if (v4 && !s.includes('/')) return [0, 0, 0, 0, 0, 0xffff, v4[0] >>> 16, v4[0] & 0xffff];
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(':');
  const embedded = s.slice(lastColon + 1);
  if (embedded.includes('.')) {
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes its two 16-bit groups.
    const p = parseIpv4WithPrefix(embedded);
    if (!p || lastColon < 0) return null;
    s = s.slice(0, lastColon + 1) + (p[0] >>> 16).toString(16) + ':' + (p[0] & 0xffff).toString(16);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string): number[] | null => {
    if (h === '') return [];
    const groups = h.split(':');
    if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return null;
  const known = head.length + rest.length;
  if (halves.length === 1 && known !== 8) return null;
  if (known > 8) return null;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest];
}

/** Compares two IPv6/IPv4 addresses (optional `/prefix` on either, and an explicit prefix): −1, 0, 1 or null. */
export function ipv6Compare(a: string, b: string, prefix: number | null = null): number | null {
  const [ta, pa] = a.trim().split('/');
  const [tb, pb] = b.trim().split('/');
  const x = parseIpv6(ta!);
  const y = parseIpv6(tb!);
  if (!x || !y) return null;
  const v4Shift = (t: string, p: string | undefined): number => (p === undefined ? 128 : Number(p) + (parseIpv4WithPrefix(t) ? 96 : 0));
  const bits = Math.min(v4Shift(ta!, pa), v4Shift(tb!, pb), prefix ?? 128);
  for (let g = 0; g < 8; g++) {
    const keep = Math.max(0, Math.min(16, bits - g * 16));
    const mask = keep === 0 ? 0 : (0xffff << (16 - keep)) & 0xffff;
    const dx = x[g]! & mask;
    const dy = y[g]! & mask;
    if (dx !== dy) return dx < dy ? -1 : 1;
  }
  return 0;
}

const optionalPrefix = (args: KqlValue[]): number | null => (typeof args[2] === 'number' ? args[2] : null);

const IPV4_IN_TEXT = /(?<![\w.])(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w.])/g;

/** The valid IPv4 addresses in a text: dotted quads not glued to letters, digits or dots ("has_ipv4()" docs). */
export function ipv4sIn(text: string): string[] {
  return [...text.matchAll(IPV4_IN_TEXT)].map((m) => m[1]!).filter((ip) => parseIpv4WithPrefix(ip) !== null);
}

export const ipFunctions: ScalarFunction[] = [
  ...defineFunction('has_ipv4', (args, ctx) => {
    const ip = parseIpv4WithPrefix(textArg(args, 1, ctx));
    if (!ip) return false;
    return ipv4sIn(textArg(args, 0, ctx)).some((x) => parseIpv4WithPrefix(x)![0] === ip[0]);
  }),
  ...defineFunction('has_ipv4_prefix', (args, ctx) => {
    const prefix = textArg(args, 1, ctx);
    return ipv4sIn(textArg(args, 0, ctx)).some((x) => x.startsWith(prefix) && (prefix.endsWith('.') || x.length === prefix.length));
  }),
  ...defineFunction('has_any_ipv4', (args, ctx) => {
    const found = new Set(ipv4sIn(textArg(args, 0, ctx)).map((x) => parseIpv4WithPrefix(x)![0]));
    const wanted = args.slice(1).flatMap((a) => (Array.isArray(a) ? (a as DynamicValue[]) : [a]));
    return wanted.some((w) => typeof w === 'string' && found.has(parseIpv4WithPrefix(w)?.[0] ?? -1));
  }),
  ...defineFunction('ipv4_netmask_suffix', (args, ctx) => {
    const x = parseIpv4WithPrefix(textArg(args, 0, ctx));
    return x && x[1];
  }),
  ...defineFunction('parse_ipv4', (args, ctx) => {
    const x = parseIpv4WithPrefix(textArg(args, 0, ctx));
    return x && masked(x[0], x[1]);
  }),
  ...defineFunction('parse_ipv4_mask', (args, ctx) => {
    const x = parseIpv4WithPrefix(textArg(args, 0, ctx), typeof args[1] === 'number' ? args[1] : null);
    return x && masked(x[0], x[1]);
  }),
  ...defineFunction('ipv4_is_private', (args, ctx) => ipv4IsPrivate(textArg(args, 0, ctx))),
  ...defineFunction('ipv4_is_in_range', (args, ctx) => {
    const c = ipv4Compare(textArg(args, 0, ctx), textArg(args, 1, ctx));
    return c === null ? null : c === 0;
  }),
  ...defineFunction('ipv4_is_in_any_range', (args, ctx) => {
    const ip = textArg(args, 0, ctx);
    const ranges = args.slice(1).flatMap((r) => (Array.isArray(r) ? (r as DynamicValue[]) : [r]));
    if (parseIpv4WithPrefix(ip) === null) return null;
    return ranges.some((r) => typeof r === 'string' && ipv4Compare(ip, r) === 0);
  }),
  ...defineFunction('ipv4_is_match', (args, ctx) => {
    const c = ipv4Compare(textArg(args, 0, ctx), textArg(args, 1, ctx), optionalPrefix(args));
    return c === null ? null : c === 0;
  }),
  ...defineFunction('ipv4_compare', (args, ctx) => ipv4Compare(textArg(args, 0, ctx), textArg(args, 1, ctx), optionalPrefix(args))),
  ...defineFunction('ipv6_compare', (args, ctx) => ipv6Compare(textArg(args, 0, ctx), textArg(args, 1, ctx), optionalPrefix(args))),
  ...defineFunction('ipv6_is_match', (args, ctx) => {
    const c = ipv6Compare(textArg(args, 0, ctx), textArg(args, 1, ctx), optionalPrefix(args));
    return c === null ? null : c === 0;
  }),
  ...defineFunction('format_ipv4', (args) => {
    const v = args[0];
    const n = typeof v === 'number' ? v : typeof v === 'string' ? (parseIpv4WithPrefix(v)?.[0] ?? null) : null;
    if (n === null || n < 0 || n > 0xffffffff) return '';
    const p = typeof args[1] === 'number' ? args[1] : 32;
    const m = masked(n, p);
    return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
  }),
];
