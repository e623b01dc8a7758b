import type { KqlValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';
import { compareValues } from './comparison.js';
import { numberArg } from './text.js';

/**
 * Math functions: abs, ceiling, round(x [, digits]), sqrt, pow, exp/exp2/exp10, log/log2/log10,
 * sign, trigonometry, pi, rand, min_of/max_of, degrees/radians. Null in → null out; a math
 * domain error (log of a negative) is NaN as in .NET. (`floor` is `bin`, see datetime.ts.)
 */

function unary(names: string | string[], f: (x: number) => number): ScalarFunction[] {
  return defineFunction(names, (args) => {
    const x = numberArg(args, 0);
    return x === null ? null : f(x);
  });
}

/**
 * Rounds half away from zero to `digits` decimals the way .NET's Math.Round(x, digits,
 * MidpointRounding.AwayFromZero) does (KQL's round): scale, round, unscale — so 2.15 → 2.2
 * (21.5 after scaling), with IEEE double scaling as .NET does it.
 */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  const v = x * f;
  if (!Number.isFinite(v)) return x;
  return Math.trunc(v + Math.sign(v) * 0.49999999999999994) / f;
}

function extremeOf(args: KqlValue[], sign: 1 | -1): KqlValue {
  let best: KqlValue = null;
  for (const v of args) {
    if (v === null || v === undefined) continue;
    if (best === null || (compareValues(v, best) ?? 0) * sign > 0) best = v;
  }
  return best;
}

export const mathFunctions: ScalarFunction[] = [
  ...unary('abs', Math.abs),
  ...unary(['ceiling', 'ceil'], Math.ceil),
  ...unary('sqrt', Math.sqrt),
  ...unary('exp', Math.exp),
  ...unary('exp2', (x) => 2 ** x),
  ...unary('exp10', (x) => 10 ** x),
  ...unary('log', Math.log),
  ...unary('log2', Math.log2),
  ...unary('log10', Math.log10),
  ...unary('sign', Math.sign),
  ...unary('sin', Math.sin),
  ...unary('cos', Math.cos),
  ...unary('tan', Math.tan),
  ...unary('cot', (x) => 1 / Math.tan(x)),
  ...unary('asin', Math.asin),
  ...unary('acos', Math.acos),
  ...unary('atan', Math.atan),
  ...unary('degrees', (x) => (x * 180) / Math.PI),
  ...unary('radians', (x) => (x * Math.PI) / 180),
  ...defineFunction('atan2', (args) => {
    const [y, x] = [numberArg(args, 0), numberArg(args, 1)];
    return y === null || x === null ? null : Math.atan2(y, x);
  }),
  ...defineFunction('pow', (args) => {
    const [b, e] = [numberArg(args, 0), numberArg(args, 1)];
    return b === null || e === null ? null : b ** e;
  }),
  ...defineFunction('round', (args) => {
    const x = numberArg(args, 0);
    return x === null ? null : roundTo(x, numberArg(args, 1) ?? 0);
  }),
  ...defineFunction('pi', () => Math.PI),
  ...defineFunction('rand', (args) => {
    const n = numberArg(args, 0);
    return n === null ? Math.random() : Math.floor(Math.random() * n);
  }),
  ...defineFunction('max_of', (args) => extremeOf(args, 1)),
  ...defineFunction('min_of', (args) => extremeOf(args, -1)),
];
