/**
 * The knowledge base hands out shared records (one technique object for every caller), so
 * they are frozen: a caller sorting `technique.tactics` in place gets a TypeError instead of
 * silently changing what every other caller sees.
 */

/** Freezes a plain value and everything reachable from it; returns it. Primitives pass through. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
