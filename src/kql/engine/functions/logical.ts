import type { KqlValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';

/**
 * `and`, `or`, `not` with three-valued logic: false and null = false, true or null = true,
 * otherwise null with a null operand; `not(null)` is null ("Logical (binary) operators").
 */

const asBool = (v: KqlValue | undefined): boolean | null => (typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : null);

export const logicalFunctions: ScalarFunction[] = [
  ...defineFunction('and', (args) => {
    let sawNull = false;
    for (const v of args) {
      const b = asBool(v);
      if (b === false) return false;
      if (b === null) sawNull = true;
    }
    return sawNull ? null : true;
  }),
  ...defineFunction('or', (args) => {
    let sawNull = false;
    for (const v of args) {
      const b = asBool(v);
      if (b === true) return true;
      if (b === null) sawNull = true;
    }
    return sawNull ? null : false;
  }),
  ...defineFunction('not', ([v]) => {
    const b = asBool(v);
    return b === null ? null : !b;
  }),
];
