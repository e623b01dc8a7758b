/**
 * The right side of a hash join, grouped by key: each distinct key is a bucket, and the rows of a
 * bucket sit contiguously in row order (a CSR layout), so probing yields exact match counts and
 * the joined pairs can be written into buffers sized once. Keys that are small integers (see
 * join-keys) index a dense array instead of a Map.
 */
import type { KeyReader } from './join-keys.js';

/** Largest key space held in a dense array (64 MB of Int32). */
const DENSE_KEYS = 1 << 24;

export interface JoinIndex {
  /** Bucket of a key; -1 when no right row has it (or the key never matches). */
  find: (key: unknown) => number;
  /** Bucket of every right row (-1: its key never matches). */
  bucketOf: Int32Array;
  /** Rows of bucket b are `rows[start[b]]` … `rows[start[b + 1] - 1]`, ascending. */
  start: Int32Array;
  rows: Int32Array;
  buckets: number;
}

/** Groups rows 0…n-1 by `key`; `space` bounds integer keys (null: keys are arbitrary values). */
export function buildJoinIndex(key: KeyReader, n: number, space: number | null): JoinIndex {
  const bucketOf = new Int32Array(n);
  let buckets = 0;
  let find: (key: unknown) => number;
  // dense only when the array is not much larger than the data it indexes
  if (space !== null && space <= DENSE_KEYS && space <= Math.max(1 << 16, 8 * n)) {
    const slot = new Int32Array(space); // bucket + 1; 0 = no bucket
    for (let r = 0; r < n; r++) {
      const k = key(r) as number | undefined;
      if (k === undefined) {
        bucketOf[r] = -1;
        continue;
      }
      let b = slot[k]! - 1;
      if (b < 0) slot[k] = (b = buckets++) + 1;
      bucketOf[r] = b;
    }
    find = (k) => (k === undefined ? -1 : slot[k as number]! - 1);
  } else {
    const ids = new Map<unknown, number>();
    for (let r = 0; r < n; r++) {
      const k = key(r);
      if (k === undefined) {
        bucketOf[r] = -1;
        continue;
      }
      let b = ids.get(k);
      if (b === undefined) ids.set(k, (b = buckets++));
      bucketOf[r] = b;
    }
    find = (k) => (k === undefined ? -1 : (ids.get(k) ?? -1));
  }
  const start = new Int32Array(buckets + 1);
  for (let r = 0; r < n; r++) if (bucketOf[r]! >= 0) start[bucketOf[r]! + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const rows = new Int32Array(start[buckets]!);
  const fill = start.slice(0, buckets);
  for (let r = 0; r < n; r++) {
    const b = bucketOf[r]!;
    if (b >= 0) rows[fill[b]!++] = r;
  }
  return { find, bucketOf, start, rows, buckets };
}
