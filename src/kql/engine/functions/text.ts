import type { KqlValue } from '../values.js';
import { valueToText } from '../../io/format-value.js';
import { argType, type EvalContext } from './context.js';

/** Argument `i` as KQL text (null → "", datetimes and timespans formatted, dynamic as JSON). */
export function textArg(args: KqlValue[], i: number, ctx: EvalContext): string {
  const v = args[i];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  return valueToText(v, argType(ctx, i));
}

/** Argument `i` as a number, or null when it is null or not numeric (strings are not converted). */
export function numberArg(args: KqlValue[], i: number): number | null {
  const v = args[i];
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

/** Whether a bound type is one of KQL's integral types (so `/` and `%` truncate). */
export function isIntegral(type: string | undefined): boolean {
  return type === 'int' || type === 'long';
}
