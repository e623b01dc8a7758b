/**
 * xxHash64 (seed 0) over bytes, in BigInt: KQL's `hash()` is xxHash64 of the value's UTF-8 text.
 * Follows the reference algorithm (Cyan4973/xxHash, XXH64); slow but only used per distinct value.
 */
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;
const M = (1n << 64n) - 1n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M;
const round = (acc: bigint, input: bigint): bigint => (rotl((acc + input * P2) & M, 31n) * P1) & M;
const merge = (acc: bigint, val: bigint): bigint => (((acc ^ round(0n, val)) * P1 + P4) & M);

function u64(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k]!);
  return v;
}
function u32(b: Uint8Array, i: number): bigint {
  return BigInt((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0);
}

/** The unsigned 64-bit xxHash64 of `data` with seed 0. */
export function xxhash64(data: Uint8Array, seed = 0n): bigint {
  const len = data.length;
  let i = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (seed + P1 + P2) & M;
    let v2 = (seed + P2) & M;
    let v3 = seed;
    let v4 = (seed - P1) & M;
    for (; i + 32 <= len; i += 32) {
      v1 = round(v1, u64(data, i));
      v2 = round(v2, u64(data, i + 8));
      v3 = round(v3, u64(data, i + 16));
      v4 = round(v4, u64(data, i + 24));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    h = merge(h, v1);
    h = merge(h, v2);
    h = merge(h, v3);
    h = merge(h, v4);
  } else h = (seed + P5) & M;
  h = (h + BigInt(len)) & M;
  for (; i + 8 <= len; i += 8) h = (rotl(h ^ round(0n, u64(data, i)), 27n) * P1 + P4) & M;
  if (i + 4 <= len) {
    h = (rotl(h ^ ((u32(data, i) * P1) & M), 23n) * P2 + P3) & M;
    i += 4;
  }
  for (; i < len; i++) h = (rotl(h ^ ((BigInt(data[i]!) * P5) & M), 11n) * P1) & M;
  h ^= h >> 33n;
  h = (h * P2) & M;
  h ^= h >> 29n;
  h = (h * P3) & M;
  h ^= h >> 32n;
  return h;
}
