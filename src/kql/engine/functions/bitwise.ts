import type { KqlValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';
import { numberArg } from './text.js';

/**
 * Bitwise functions on 64-bit longs (binary_and, binary_or, binary_xor, binary_not,
 * binary_shift_left, binary_shift_right, bitset_count_ones) and tohex. Computed with BigInt
 * on the two's-complement value; results beyond ±2^53 lose precision like every long here.
 */

const big = (v: number): bigint => BigInt.asIntN(64, BigInt(Math.trunc(v)));
const back = (b: bigint): number => Number(BigInt.asIntN(64, b));

function binary(name: string, f: (a: bigint, b: bigint) => bigint): ScalarFunction[] {
  return defineFunction(name, (args: KqlValue[]) => {
    const [a, b] = [numberArg(args, 0), numberArg(args, 1)];
    return a === null || b === null ? null : back(f(big(a), big(b)));
  });
}

export const bitwiseFunctions: ScalarFunction[] = [
  ...binary('binary_and', (a, b) => a & b),
  ...binary('binary_or', (a, b) => a | b),
  ...binary('binary_xor', (a, b) => a ^ b),
  ...binary('binary_shift_left', (a, b) => (b < 0n || b > 63n ? 0n : a << b)),
  ...binary('binary_shift_right', (a, b) => (b < 0n || b > 63n ? 0n : BigInt.asUintN(64, a) >> b)),
  ...defineFunction('binary_not', (args) => {
    const a = numberArg(args, 0);
    return a === null ? null : back(~big(a));
  }),
  ...defineFunction('bitset_count_ones', (args) => {
    const a = numberArg(args, 0);
    if (a === null) return null;
    let u = BigInt.asUintN(64, big(a));
    let n = 0;
    for (; u > 0n; u >>= 1n) n += Number(u & 1n);
    return n;
  }),
  ...defineFunction('tohex', (args) => {
    const a = numberArg(args, 0);
    if (a === null) return null;
    const hex = BigInt.asUintN(64, big(a)).toString(16);
    const width = numberArg(args, 1);
    return width !== null ? hex.padStart(width, '0') : hex;
  }),
];
