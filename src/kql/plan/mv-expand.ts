/** `mv-expand [bagexpansion=…] [with_itemindex=I] a [to typeof(T)], b = expr … [limit N]`. */
import { separatedElements, syntaxClass } from '../frontend/kusto.js';
import { normalizeKqlType } from '../engine/values.js';
import { columnsOf, projectionName, type PlanContext } from './context.js';
import { namedParameters } from './named-parameters.js';
import { scalarFrom } from './scalar.js';
import { planNode } from './tabular.js';
import type { TabularPlan } from './types.js';

/** Converts an mv-expand operator; output columns are the binder's. */
export function mvExpandPlan(op: Kusto.Language.Syntax.MvExpandOperator, input: TabularPlan, ctx: PlanContext): TabularPlan {
  const columns = columnsOf(op.ResultType);
  const params = namedParameters(op);
  const indexName = params.get('with_itemindex') ?? null;
  const expansions: { expr: ReturnType<typeof scalarFrom>; outputIndex: number; toType: ReturnType<typeof normalizeKqlType> }[] = [];
  for (const item of separatedElements(op.Expressions)) {
    const mv = item as Kusto.Language.Syntax.MvExpandExpression;
    const expr = mv.Expression!;
    const name = projectionName(expr);
    const outputIndex = columns.findIndex((c) => c.name === name);
    if (name === null || outputIndex < 0) return ctx.unsupported('mv-expand of an unnamed expression', item);
    const typeText = mv.ToTypeOf ? (mv.ToTypeOf.TypeOf?.toString() ?? '').trim() : null;
    const toType = typeText ? normalizeKqlType(typeText.slice(typeText.indexOf('(') + 1, typeText.lastIndexOf(')'))) : null;
    expansions.push({ expr: scalarFrom(syntaxClass(expr) === 'SimpleNamedExpression' ? expr : expr, ctx), outputIndex, toType });
  }
  const expanded = new Set(expansions.map((e) => e.outputIndex));
  const indexColumn = indexName ? columns.findIndex((c) => c.name === indexName) : -1;
  const passthrough = columns.map((c, i) => (expanded.has(i) || i === indexColumn ? -1 : input.columns.findIndex((ic) => ic.name === c.name)));
  const limitNode = op.RowLimitClause?.RowLimit;
  const limitExpr = limitNode ? scalarFrom(limitNode, ctx) : null;
  const limit = limitExpr?.kind === 'literal' && typeof limitExpr.value === 'number' ? limitExpr.value : null;
  const bagExpansion = (params.get('bagexpansion') ?? 'bag').toLowerCase() === 'array' ? 'array' : 'bag';
  return planNode(op, ctx, 'mv-expand', { op: 'mvExpand', input, expansions, passthrough, indexColumn, limit, bagExpansion }, columns);
}
