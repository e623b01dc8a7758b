/**
 * `summarize`, `count` and `distinct` as one plan node: group keys, then aggregate calls whose
 * output columns (names and types) are the binder's. An aggregate item that is an expression
 * over aggregates (`100.0 * countif(x) / count()`) becomes hidden aggregates plus a projection.
 */
import { separatedElements, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import { aggregateFunctions } from '../engine/aggregates/registry.js';
import type { KqlValue } from '../engine/values.js';
import { columnsOf, resultType, type PlanContext } from './context.js';
import { columnRef, scalarFrom } from './scalar.js';
import { planNode } from './tabular.js';
import type { AggregateCall, ColumnDef, ScalarExpr, TabularPlan } from './types.js';

/** How many leading arguments are per-row expressions; the literal arguments after them are constants. */
const ROW_ARITY: Record<string, number> = {
  count: 0,
  countif: 1,
  dcount: 1,
  dcountif: 2,
  count_distinct: 1,
  count_distinctif: 2,
  sum: 1,
  sumif: 2,
  avg: 1,
  avgif: 2,
  min: 1,
  max: 1,
  minif: 2,
  maxif: 2,
  make_set: 1,
  makeset: 1,
  make_list: 1,
  makelist: 1,
  make_bag: 1,
  make_set_if: 2,
  make_list_if: 2,
  make_bag_if: 2,
  percentile: 1,
  percentiles: 1,
  percentiles_array: 1,
  stdev: 1,
  stdevif: 2,
  variance: 1,
  varianceif: 2,
};

/** Converts a `summarize` operator. */
export function summarizePlan(op: Kusto.Language.Syntax.SummarizeOperator, input: TabularPlan, ctx: PlanContext): TabularPlan {
  const columns = columnsOf(op.ResultType);
  const byItems = separatedElements(op.ByClause?.Expressions);
  const by = byItems.map((e) => scalarFrom(e, ctx));
  const aggregates: AggregateCall[] = [];
  const finalExprs: ScalarExpr[] = columns.slice(0, byItems.length).map((c) => columnRef(c.name, c.type));
  let next = byItems.length;
  let needsProjection = false;
  let hidden = 0;
  for (const item of separatedElements(op.Aggregates)) {
    // (a, b) = arg_max(…): the binder already gave the output columns those names
    const inner = unwrapNamed(syntaxClass(item) === 'CompoundNamedExpression' ? (item as Kusto.Language.Syntax.CompoundNamedExpression).Expression! : item);
    if (syntaxClass(inner) === 'FunctionCallExpression' && ctx.aggregateNames.has(functionName(inner))) {
      const width = Math.max(1, columnsOf((inner as Kusto.Language.Syntax.Expression).ResultType).length);
      const outputs = columns.slice(next, next + width);
      next += width;
      aggregates.push(aggregateCall(inner, outputs, input, ctx));
      finalExprs.push(...outputs.map((c) => columnRef(c.name, c.type)));
      continue;
    }
    needsProjection = true;
    next++;
    finalExprs.push(
      scalarFrom(inner, ctx, (call) => {
        const name = `__agg${hidden++}`;
        const type = resultType(call);
        aggregates.push(aggregateCall(call, [{ name, type }], input, ctx));
        return columnRef(name, type);
      }),
    );
  }
  const groupColumns = columns.slice(0, byItems.length);
  const summarizeColumns = needsProjection ? [...groupColumns, ...aggregates.flatMap((a) => a.outputs)] : columns;
  const summarize = planNode(op, ctx, 'summarize', { op: 'summarize', input, by, aggregates }, summarizeColumns);
  if (!needsProjection) return summarize;
  return planNode(op, ctx, 'summarize', { op: 'project', input: summarize, exprs: finalExprs }, columns);
}

/** `count`: one row with the number of input rows in column `Count`. */
export function countPlan(op: KSyntaxElement, input: TabularPlan, ctx: PlanContext): TabularPlan {
  const columns = columnsOf((op as Kusto.Language.Syntax.Expression).ResultType);
  const aggregate: AggregateCall = { fn: 'count', args: [], constants: [], outputs: columns, pos: ctx.pos(op) };
  return planNode(op, ctx, 'count', { op: 'summarize', input, by: [], aggregates: [aggregate] }, columns);
}

/** `distinct a, b` / `distinct *`: grouping without aggregates. */
export function distinctPlan(op: Kusto.Language.Syntax.DistinctOperator, input: TabularPlan, ctx: PlanContext): TabularPlan {
  const columns = columnsOf(op.ResultType);
  const by = columns.map((c) => columnRef(c.name, c.type));
  return planNode(op, ctx, 'distinct', { op: 'summarize', input, by, aggregates: [] }, columns);
}

/** The expression inside `name = …` and parentheses. */
export function unwrapNamed(node: KSyntaxElement): KSyntaxElement {
  let n = node;
  for (;;) {
    const cls = syntaxClass(n);
    if (cls === 'SimpleNamedExpression') n = (n as Kusto.Language.Syntax.SimpleNamedExpression).Expression!;
    else if (cls === 'ParenthesizedExpression') n = (n as Kusto.Language.Syntax.ParenthesizedExpression).Expression!;
    else return n;
  }
}

function functionName(node: KSyntaxElement): string {
  return (node as Kusto.Language.Syntax.FunctionCallExpression).Name?.SimpleName ?? '';
}

/** One aggregate call: its registry name, per-row arguments (arg_max's `*` expanded by output name), constants. */
export function aggregateCall(node: KSyntaxElement, outputs: ColumnDef[], input: TabularPlan, ctx: PlanContext): AggregateCall {
  const fn = functionName(node);
  if (!aggregateFunctions.has(fn)) ctx.unsupported(`aggregate ${fn}()`, node);
  const argNodes = separatedElements((node as Kusto.Language.Syntax.FunctionCallExpression).ArgumentList?.Expressions);
  const args: ScalarExpr[] = [];
  const constants: KqlValue[] = [];
  const arity = ROW_ARITY[fn];
  argNodes.forEach((arg, i) => {
    if (syntaxClass(arg) === 'StarExpression') {
      // arg_max(key, *): the binder lists the columns it returns; read each from the input by name
      for (const out of outputs.slice(i)) args.push(inputColumn(out, input));
      return;
    }
    const expr = scalarFrom(arg, ctx);
    if (arity !== undefined && i >= arity) {
      if (expr.kind !== 'literal') ctx.unsupported(`non-constant argument ${i + 1} of ${fn}()`, arg);
      constants.push(expr.value);
    } else {
      args.push(expr);
    }
  });
  return { fn, args, constants, outputs, pos: ctx.pos(node) };
}

/** The input column an output of `arg_max(…, *)` copies (the binder may suffix a repeated name with a digit). */
function inputColumn(out: ColumnDef, input: TabularPlan): ScalarExpr {
  const exact = input.columns.find((c) => c.name === out.name);
  if (exact) return columnRef(exact.name, exact.type);
  const base = out.name.replace(/\d+$/, '');
  const stripped = input.columns.find((c) => c.name === base);
  return columnRef(stripped?.name ?? out.name, stripped?.type ?? out.type);
}
