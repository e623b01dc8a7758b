import type { KqlValue } from '../values.js';
import { argType, defineFunction, type EvalContext, type ScalarFunction } from './context.js';
import { isIntegral } from './text.js';

/**
 * `+ - * / %` over KQL's numeric types. Datetimes and timespans are microsecond numbers, so
 * datetime − datetime = timespan, datetime ± timespan = datetime and timespan × number =
 * timespan are plain arithmetic; the binder gives the result type. What depends on the
 * static types (from ctx.argTypes): long / long and long % long truncate toward zero
 * (division by zero → null), timespan / timespan is a real. Null in → null out.
 */

function numbers(args: KqlValue[]): [number, number] | null {
  const a = args[0];
  const b = args[1];
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  return [a, b];
}

const bothIntegral = (ctx: EvalContext): boolean => isIntegral(argType(ctx, 0)) && isIntegral(argType(ctx, 1));

export const arithmeticFunctions: ScalarFunction[] = [
  ...defineFunction('+', (args) => {
    if (args.length === 1) return typeof args[0] === 'number' ? args[0] : null;
    const n = numbers(args);
    return n && n[0] + n[1];
  }),
  ...defineFunction('-', (args) => {
    if (args.length === 1) return typeof args[0] === 'number' ? -args[0] : null;
    const n = numbers(args);
    return n && n[0] - n[1];
  }),
  ...defineFunction('*', (args) => {
    const n = numbers(args);
    return n && n[0] * n[1];
  }),
  ...defineFunction('/', (args, ctx) => {
    const n = numbers(args);
    if (!n) return null;
    if (bothIntegral(ctx)) return n[1] === 0 ? null : Math.trunc(n[0] / n[1]);
    return n[0] / n[1];
  }),
  ...defineFunction('%', (args, ctx) => {
    const n = numbers(args);
    if (!n) return null;
    if (bothIntegral(ctx) && n[1] === 0) return null;
    return n[0] % n[1];
  }),
];
