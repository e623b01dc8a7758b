import type { KqlValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';

/**
 * `iff`/`iif`, `case`, `coalesce` and the emptiness tests. Per "isempty()": true for "" and
 * null; `isnull("")` is false (a string is never null); `coalesce` returns the first
 * argument that is not null and, for strings, not empty ("coalesce()").
 */

const isEmpty = (v: KqlValue | undefined): boolean => v === null || v === undefined || v === '';

export const conditionalFunctions: ScalarFunction[] = [
  ...defineFunction(['iff', 'iif'], ([c, a, b]) => (c === true ? (a ?? null) : (b ?? null))),
  ...defineFunction('case', (args) => {
    for (let i = 0; i + 1 < args.length; i += 2) if (args[i] === true) return args[i + 1] ?? null;
    return args.length % 2 === 1 ? (args[args.length - 1] ?? null) : null;
  }),
  ...defineFunction('coalesce', (args) => {
    for (const v of args) if (!isEmpty(v)) return v;
    return typeof args[0] === 'string' ? '' : null;
  }),
  ...defineFunction('isempty', ([v]) => isEmpty(v)),
  ...defineFunction(['isnotempty', 'notempty'], ([v]) => !isEmpty(v)),
  ...defineFunction('isnull', ([v]) => v === null || v === undefined),
  ...defineFunction(['isnotnull', 'notnull'], ([v]) => v !== null && v !== undefined),
  ...defineFunction('isnan', ([v]) => typeof v === 'number' && Number.isNaN(v)),
  ...defineFunction('isinf', ([v]) => typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v)),
  ...defineFunction('isfinite', ([v]) => typeof v === 'number' && Number.isFinite(v)),
];
