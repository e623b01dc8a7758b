/**
 * `evaluate` plugins: `bag_unpack` and `pivot` (the ones the corpus uses). Both have an output
 * schema that depends on the data unless the query writes it (`: (…)`); without one, the plan
 * builder stops with SchemaProbeNeeded so that the caller can derive the schema from the data
 * and bind the query again with it — downstream operators are then bound by Kusto itself.
 */
import { separatedElements, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import type { KqlValue } from '../engine/values.js';
import { columnsOf, projectionName, resultType, type PlanContext } from './context.js';
import { columnRef, scalarFrom } from './scalar.js';
import { aggregateCall } from './summarize.js';
import { SchemaProbeNeeded, type AggregateCall, type ScalarExpr, type TabularPlan } from './types.js';

/** Converts `evaluate bag_unpack(…)` or `evaluate pivot(…)`; other plugins are unsupported, named. */
export function evaluatePlan(op: Kusto.Language.Syntax.EvaluateOperator, input: TabularPlan, ctx: PlanContext): TabularPlan {
  const call = op.FunctionCall!;
  const plugin = (call.Name?.SimpleName ?? '').toLowerCase();
  const args = separatedElements(call.ArgumentList?.Expressions);
  const positional = args.filter((a) => syntaxClass(a) !== 'SimpleNamedExpression');
  const named = new Map(
    args
      .filter((a) => syntaxClass(a) === 'SimpleNamedExpression')
      .map((a) => [((a as Kusto.Language.Syntax.SimpleNamedExpression).Name?.SimpleName ?? '').toLowerCase(), (a as Kusto.Language.Syntax.SimpleNamedExpression).Expression!]),
  );
  const columns = columnsOf(op.ResultType);
  const pos = ctx.pos(op);
  let plan: TabularPlan & { op: 'bagUnpack' | 'pivot' };
  if (plugin === 'bag_unpack') {
    const text = (node: KSyntaxElement | undefined, fallback: string): string => {
      const v = node ? literal(scalarFrom(node, ctx)) : null;
      return typeof v === 'string' ? v : fallback;
    };
    const conflict = text(positional[2] ?? named.get('columnsconflict'), 'error');
    if (conflict !== 'error' && conflict !== 'replace_source' && conflict !== 'keep_source') return ctx.unsupported(`bag_unpack columnsConflict='${conflict}'`, call);
    const ignoredNode = positional[3] ?? named.get('ignoredproperties');
    const ignoredValue = ignoredNode ? literal(scalarFrom(ignoredNode, ctx)) : null;
    plan = {
      op: 'bagUnpack',
      input,
      bag: scalarFrom(positional[0]!, ctx),
      prefix: text(positional[1] ?? named.get('outputcolumnprefix'), ''),
      conflict,
      ignored: Array.isArray(ignoredValue) ? ignoredValue.filter((v): v is string => typeof v === 'string') : [],
      columns,
      pos,
      operator: 'evaluate bag_unpack',
    };
  } else if (plugin === 'pivot') {
    const value = scalarFrom(positional[0]!, ctx);
    const aggNode = positional[1];
    const aggregate: AggregateCall = aggNode
      ? aggregateCall(aggNode, [{ name: '__pivot', type: resultType(aggNode) }], input, ctx)
      : { fn: 'count', args: [], constants: [], outputs: [{ name: '__pivot', type: 'long' }], pos };
    // docs: the default by-columns are all but the pivoted column and the aggregation column
    const used = new Set([value, ...aggregate.args].filter((e) => e.kind === 'column').map((e) => (e as { name: string }).name));
    const byNodes = positional.slice(2);
    const by = byNodes.length ? byNodes.map((n) => scalarFrom(n, ctx)) : input.columns.filter((c) => !used.has(c.name)).map((c) => columnRef(c.name, c.type));
    const byNames = byNodes.length ? byNodes.map((n) => projectionName(n) ?? (n.toString() ?? '').trim()) : by.map((e) => (e as { name: string }).name);
    plan = { op: 'pivot', input, value, aggregate, by, byNames, columns, pos, operator: 'evaluate pivot' };
  } else {
    return ctx.unsupported(`evaluate ${plugin}`, op);
  }
  if (!op.Schema) {
    if (!ctx.inQueryText(op)) return ctx.unsupported(`evaluate ${plugin} without an output schema inside a function body`, op);
    throw new SchemaProbeNeeded(plan, call.End);
  }
  return plan;
}

function literal(e: ScalarExpr): KqlValue {
  return e.kind === 'literal' ? e.value : null;
}
