import type { DynamicValue } from '../values.js';

/** A hashable identity for a dynamic element, for the set_* functions (objects and arrays by JSON text). */
export function distinctKeyOf(v: DynamicValue): unknown {
  return typeof v === 'object' && v !== null ? '\u0000' + JSON.stringify(v) : v;
}
