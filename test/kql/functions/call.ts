import { scalarFunctions } from '../../../src/kql/engine/functions/registry.js';
import type { KqlType, KqlValue } from '../../../src/kql/engine/values.js';

/** Calls a registered scalar function the way the executor does (a fixed `now`, optional bound types). */
export function call(name: string, args: KqlValue[], argTypes?: KqlType[], now = Date.UTC(2026, 4, 25, 23) * 1000): KqlValue {
  const f = scalarFunctions.get(name);
  if (!f) throw new Error(`no scalar function ${name}`);
  return f.call(args, { now, argTypes });
}
