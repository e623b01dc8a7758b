import type { KqlType, KqlValue } from '../values.js';

/** What a scalar function may know about the call beyond its argument values. */
export interface EvalContext {
  /** `now()` for the whole query, in microseconds since the epoch (one instant per query). */
  now: number;
  /**
   * The bound KQL type of each argument, in order, as the frontend's binder computed it.
   * Functions whose result depends on the static type (not only on the JS value) read it:
   * `/` (long / long is integer division), `%`, `tostring`/`strcat` (datetime and timespan
   * print differently from numbers), `bin`, `format_*`. When absent, numbers count as reals.
   */
  argTypes?: KqlType[];
}

/** A scalar function or operator, called once per row (or once per distinct string value). */
export interface ScalarFunction {
  name: string;
  call(args: KqlValue[], ctx: EvalContext): KqlValue;
}

/** Builds ScalarFunctions for one implementation under several names (`iff`/`iif`, `parse_json`/`todynamic`). */
export function defineFunction(names: string | string[], call: ScalarFunction['call']): ScalarFunction[] {
  return (Array.isArray(names) ? names : [names]).map((name) => ({ name, call }));
}

/** The bound type of argument `i`, if the executor supplied it. */
export function argType(ctx: EvalContext, i: number): KqlType | undefined {
  return ctx.argTypes?.[i];
}
