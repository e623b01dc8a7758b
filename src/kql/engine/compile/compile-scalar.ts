/**
 * Compiles a plan ScalarExpr once per operator input into a closure `(row) => value` over the
 * input's column arrays. Constant subexpressions are folded at compile time; an expression
 * that reads only one dictionary-encoded string column is evaluated once per distinct string
 * and looked up by code for every row.
 */
import type { Column, Table } from '../column.js';
import { isNullBit } from '../column.js';
import { scalarFunctions } from '../functions/registry.js';
import type { KqlValue } from '../values.js';
import type { ScalarExpr } from '../../plan/types.js';
import type { ExecEnv } from './exec-env.js';
import { inTableTest, toScalarValue } from './subquery-values.js';
import { compileWindowCall, WINDOW_FUNCTIONS } from './window-calls.js';

/** A compiled expression: the value at row `i` of the input. */
export type RowFn = (i: number) => KqlValue;

/** Functions whose result differs between calls with the same arguments: never folded nor cached per distinct value. */
const VOLATILE = new Set(['rand', 'new_guid', 'row_number', 'prev', 'next', 'row_cumsum', 'column_ifexists']);

/** Reads row i of a column as a KqlValue, specialized by storage kind. */
export function columnReader(column: Column): RowFn {
  switch (column.kind) {
    case 'number': {
      const { values, nulls } = column;
      return nulls === null ? (i) => values[i]! : (i) => (isNullBit(nulls, i) ? null : values[i]!);
    }
    case 'bool': {
      const { values, nulls } = column;
      return (i) => (nulls !== null && isNullBit(nulls, i) ? null : values[i] === 1);
    }
    case 'string': {
      const { codes, dictionary } = column;
      return (i) => {
        const c = codes[i]!;
        return c < 0 ? null : dictionary[c]!;
      };
    }
    case 'dynamic': {
      const { values } = column;
      return (i) => values[i] ?? null;
    }
  }
}

/** Compiles `expr` against `table`'s columns. */
export function compileScalar(expr: ScalarExpr, table: Table, env: ExecEnv): RowFn {
  const columnsByName = new Map(table.columns.map((c) => [c.name, c.column]));
  const compile = (e: ScalarExpr): RowFn => compileNode(e, columnsByName, env, compile, true, true, table.length);
  return compile(expr);
}

function compileNode(
  e: ScalarExpr,
  columns: Map<string, Column>,
  env: ExecEnv,
  compile: (e: ScalarExpr) => RowFn,
  allowDictionary: boolean,
  fold: boolean,
  rows = 0,
): RowFn {
  if (fold && e.kind !== 'literal' && isConstant(e)) {
    const value = constantValue(e, env);
    return () => value;
  }
  if (allowDictionary && e.kind !== 'column') {
    const only = singleColumn(e);
    const column = only ? columns.get(only) : undefined;
    if (column?.kind === 'string' && column.dictionary.length <= column.length) return perDistinctValue(e, only!, column, env);
  }
  switch (e.kind) {
    case 'literal':
      return () => e.value;
    case 'column': {
      const column = columns.get(e.name);
      if (!column) throw new Error(`column ${e.name} is not in the input`);
      return columnReader(column);
    }
    case 'call':
      if (WINDOW_FUNCTIONS.has(e.name)) return compileWindowCall(e.name, e.args.map(compile), rows);
      if (e.name === 'column_ifexists') {
        // column_ifexists('Name', default): the column when the input has it, else the default
        const name = e.args[0]?.kind === 'literal' ? e.args[0].value : null;
        const column = typeof name === 'string' ? columns.get(name) : undefined;
        return column ? columnReader(column) : compile(e.args[1]!);
      }
      return compileCall(e, e.args.map(compile), env);
    case 'logical': {
      const args = e.args.map(compile);
      const isAnd = e.op === 'and';
      return (i) => {
        let sawNull = false;
        for (const f of args) {
          const v = f(i);
          if (v === null) sawNull = true;
          else if ((v === true) !== isAnd) return !isAnd;
        }
        return sawNull ? null : isAnd;
      };
    }
    case 'case': {
      const whens = e.branches.map((b) => compile(b.when));
      const thens = e.branches.map((b) => compile(b.then));
      const otherwise = compile(e.otherwise);
      return (i) => {
        for (let k = 0; k < whens.length; k++) if (whens[k]!(i) === true) return thens[k]!(i);
        return otherwise(i);
      };
    }
    case 'toscalar': {
      const value = toScalarValue(e.plan, env);
      return () => value;
    }
    case 'inTable': {
      const test = inTableTest(e.op, e.plan, env);
      const value = compile(e.value);
      return (i) => test(value(i));
    }
  }
}

function compileCall(e: Extract<ScalarExpr, { kind: 'call' }>, args: RowFn[], env: ExecEnv): RowFn {
  const fn = scalarFunctions.get(e.name);
  if (!fn) throw new Error(`unknown function ${e.name}`);
  const ctx = { ...env.evalContext, argTypes: e.argTypes };
  const call = fn.call;
  switch (args.length) {
    case 0:
      return () => call([], ctx);
    case 1: {
      const [a] = args as [RowFn];
      return (i) => call([a(i)], ctx);
    }
    case 2: {
      const [a, b] = args as [RowFn, RowFn];
      return (i) => call([a(i), b(i)], ctx);
    }
    case 3: {
      const [a, b, c] = args as [RowFn, RowFn, RowFn];
      return (i) => call([a(i), b(i), c(i)], ctx);
    }
    default:
      return (i) => call(args.map((f) => f(i)), ctx);
  }
}

/** Evaluates an expression of one string column once per dictionary entry (lazily), then by code. */
function perDistinctValue(e: ScalarExpr, name: string, column: Extract<Column, { kind: 'string' }>, env: ExecEnv): RowFn {
  const { codes, dictionary } = column;
  let current: KqlValue = null;
  const inner = compileNode(e, NO_COLUMNS, env, compileWithVirtualColumn, false, true);
  function compileWithVirtualColumn(sub: ScalarExpr): RowFn {
    if (sub.kind === 'column' && sub.name === name) return () => current;
    return compileNode(sub, NO_COLUMNS, env, compileWithVirtualColumn, false, true);
  }
  const cache: (KqlValue | undefined)[] = new Array(dictionary.length);
  let nullResult: KqlValue | undefined;
  return (i) => {
    const code = codes[i]!;
    if (code < 0) {
      if (nullResult === undefined) {
        current = null;
        nullResult = inner(0);
      }
      return nullResult;
    }
    let v = cache[code];
    if (v === undefined) {
      current = dictionary[code]!;
      v = inner(0);
      cache[code] = v;
    }
    return v;
  };
}

/** The one column an expression reads, or null when it reads none, several, or is volatile / a subquery. */
export function singleColumn(e: ScalarExpr): string | null {
  let found: string | null = null;
  let ok = true;
  const visit = (x: ScalarExpr): void => {
    if (!ok) return;
    switch (x.kind) {
      case 'column':
        if (found !== null && found !== x.name) ok = false;
        found = x.name;
        return;
      case 'call':
        if (VOLATILE.has(x.name)) ok = false;
        x.args.forEach(visit);
        return;
      case 'logical':
        x.args.forEach(visit);
        return;
      case 'case':
        x.branches.forEach((b) => {
          visit(b.when);
          visit(b.then);
        });
        visit(x.otherwise);
        return;
      case 'inTable':
        visit(x.value);
        return;
      default:
        return;
    }
  };
  visit(e);
  return ok ? found : null;
}

/** True when an expression reads no column and calls nothing volatile (so it can be folded). */
function isConstant(e: ScalarExpr): boolean {
  switch (e.kind) {
    case 'literal':
      return true;
    case 'column':
      return false;
    case 'call':
      return !VOLATILE.has(e.name) && e.args.every(isConstant);
    case 'logical':
      return e.args.every(isConstant);
    case 'case':
      return e.branches.every((b) => isConstant(b.when) && isConstant(b.then)) && isConstant(e.otherwise);
    case 'toscalar':
      return true;
    case 'inTable':
      return isConstant(e.value);
  }
}

const NO_COLUMNS = new Map<string, Column>();

/** Evaluates a constant expression once (its parts compiled without folding, to avoid recursion). */
function constantValue(e: ScalarExpr, env: ExecEnv): KqlValue {
  const noFold = (x: ScalarExpr): RowFn => compileNode(x, NO_COLUMNS, env, noFold, false, false);
  return noFold(e)(0);
}
