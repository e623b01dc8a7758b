import type { KqlValue } from '../values.js';
import { defineFunction, type EvalContext, type ScalarFunction } from './context.js';
import { textArg } from './text.js';

/**
 * Substring operators (learn.microsoft.com/kusto/query/datatypes-string-operators):
 * `contains` (RHS occurs as a subsequence of LHS), `startswith`, `endswith`, each with `_cs`
 * (case-sensitive) and `!` forms; the plain ones compare case-insensitively. Operands are
 * taken as text (null → ""), so `"" contains ""` is true.
 */

type Test = (left: string, right: string) => boolean;

function family(name: string, test: Test): ScalarFunction[] {
  const folded = (args: KqlValue[], ctx: EvalContext): boolean =>
    test(textArg(args, 0, ctx).toLowerCase(), textArg(args, 1, ctx).toLowerCase());
  const exact = (args: KqlValue[], ctx: EvalContext): boolean => test(textArg(args, 0, ctx), textArg(args, 1, ctx));
  return [
    ...defineFunction(name, folded),
    ...defineFunction('!' + name, (args, ctx) => !folded(args, ctx)),
    ...defineFunction(name + '_cs', exact),
    ...defineFunction('!' + name + '_cs', (args, ctx) => !exact(args, ctx)),
  ];
}

export const stringOperatorFunctions: ScalarFunction[] = [
  ...family('contains', (l, r) => l.includes(r)),
  ...family('startswith', (l, r) => l.startsWith(r)),
  ...family('endswith', (l, r) => l.endsWith(r)),
];
