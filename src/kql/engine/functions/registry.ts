/**
 * The scalar function registry the executor calls: every KQL scalar function and operator,
 * keyed by its KQL spelling (lower case for functions: `strcat`, `parse_json`; operators as
 * written: `==`, `=~`, `!has`, `has_any`, `in~`, `matches regex`, `!between`).
 *
 * Calling convention (the contract with the executor):
 * - `call(args, ctx)` receives the argument values in KQL order, in the engine's value
 *   representation (`values.ts`), and returns one value. Null in → null out unless a
 *   function's doc says otherwise; string functions read null as "" (strings are never null).
 * - Binary operators take `[left, right]`; unary minus is `-` with one argument.
 * - `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all`: `[left, ...list]`; any list element
 *   that is a dynamic array is spread (so `[left, dynamicArray]` works, and a constant array
 *   passed by identity is compiled once).
 * - `between` / `!between`: `[value, low, high]` (inclusive; a timespan `high` with a
 *   datetime value means low + high).
 * - `ctx.argTypes[i]` is the bound type of argument i. The executor should always pass it:
 *   `/` and `%` truncate only when both sides are int/long, `tostring`, `strcat` and the
 *   string operators print datetimes and timespans as KQL does, `bin` and `tolong` read it.
 * - `extract(regex, group, source, typeName?)`: the optional 4th argument is the target
 *   type's name (`'long'`, `'datetime'` …) for `typeof(T)`.
 * - Dynamic member and index access (`x.a`, `x["a"]`, `x[0]`) is `[]` with `[base, key]`.
 * - `now` and `ago` read `ctx.now`.
 */
import type { ScalarFunction } from './context.js';
import { arithmeticFunctions } from './arithmetic.js';
import { bitwiseFunctions } from './bitwise.js';
import { comparisonFunctions } from './comparison.js';
import { conditionalFunctions } from './conditional.js';
import { conversionFunctions } from './conversion.js';
import { datetimeFunctions } from './datetime.js';
import { dynamicFunctions } from './dynamic.js';
import { encodingFunctions } from './encoding.js';
import { generatedFunctions } from './generated.js';
import { ipFunctions } from './ip.js';
import { logicalFunctions } from './logical.js';
import { mathFunctions } from './math.js';
import { moreDynamicFunctions } from './more-dynamic.js';
import { regexFunctions } from './regex.js';
import { moreStringFunctions, stringFunctions } from './string.js';
import { stringOperatorFunctions } from './string-operators.js';
import { seriesFunctions } from './series.js';
import { stringTermFunctions } from './string-terms.js';
import { urlFunctions } from './url.js';
import { xmlFunctions } from './xml.js';

export type { EvalContext, ScalarFunction } from './context.js';

const families: ScalarFunction[][] = [
  arithmeticFunctions,
  comparisonFunctions,
  logicalFunctions,
  stringTermFunctions,
  stringOperatorFunctions,
  stringFunctions,
  regexFunctions,
  conversionFunctions,
  conditionalFunctions,
  datetimeFunctions,
  dynamicFunctions,
  mathFunctions,
  ipFunctions,
  urlFunctions,
  encodingFunctions,
  moreStringFunctions,
  generatedFunctions,
  bitwiseFunctions,
  moreDynamicFunctions,
  xmlFunctions,
  seriesFunctions,
];

/** Every scalar function and operator by KQL name. */
export const scalarFunctions: Map<string, ScalarFunction> = new Map(families.flat().map((f) => [f.name, f]));
