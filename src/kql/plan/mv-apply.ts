/**
 * `mv-apply x = arr [to typeof(T)] on (subquery)`: per input row, the row's arrays are expanded
 * (as mv-expand does) into a small table, the subquery runs on it, and each of its result rows
 * is output with the input row's other columns (output columns are the binder's).
 */
import { separatedElements, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import { normalizeKqlType } from '../engine/values.js';
import { columnsOf, projectionName, type PlanContext } from './context.js';
import { scalarFrom } from './scalar.js';
import type { ColumnDef, TabularPlan } from './types.js';

type OperatorConverter = (op: KSyntaxElement, input: TabularPlan, ctx: PlanContext) => TabularPlan;

let applyIds = 0;

/** A fresh id for a subquery's input placeholder (`applyInput`), shared by mv-apply and partition. */
export function nextApplyId(): number {
  return ++applyIds;
}

/** Converts mv-apply; `operatorPlan` converts the subquery's operators over the expanded row. */
export function mvApplyPlan(op: Kusto.Language.Syntax.MvApplyOperator, input: TabularPlan, ctx: PlanContext, operatorPlan: OperatorConverter): TabularPlan {
  const columns = columnsOf(op.ResultType);
  const pos = ctx.pos(op);
  // the expanded row: input columns, expansions replacing or appended
  const rowColumns: ColumnDef[] = input.columns.map((c) => ({ ...c }));
  const expansions: { expr: ReturnType<typeof scalarFrom>; outputIndex: number; toType: ReturnType<typeof normalizeKqlType> }[] = [];
  for (const item of separatedElements(op.Expressions)) {
    const e = item.Expression!;
    const name = projectionName(e);
    if (!name) return ctx.unsupported('mv-apply of an unnamed expression', item);
    const typeText = item.ToTypeOf ? (item.ToTypeOf.TypeOf?.toString() ?? '').trim() : null;
    const toType = typeText ? normalizeKqlType(typeText.slice(typeText.indexOf('(') + 1, typeText.lastIndexOf(')'))) : null;
    let index = rowColumns.findIndex((c) => c.name === name);
    if (index < 0) index = rowColumns.push({ name, type: toType ?? 'dynamic' }) - 1;
    else rowColumns[index] = { name, type: toType ?? 'dynamic' };
    expansions.push({ expr: scalarFrom(e, ctx), outputIndex: index, toType });
  }
  if (op.RowLimitClause || op.ContextIdClause) return ctx.unsupported('mv-apply limit / id', op);
  const passthrough = rowColumns.map((c, i) => (expansions.some((x) => x.outputIndex === i) ? -1 : input.columns.findIndex((ic) => ic.name === c.name)));
  const expand = { op: 'mvExpand' as const, input, expansions, passthrough, indexColumn: -1, limit: null, bagExpansion: 'bag' as const, columns: rowColumns, pos, operator: 'mv-apply' };
  const id = nextApplyId();
  const placeholder: TabularPlan = { op: 'applyInput', id, columns: rowColumns, pos, operator: 'mv-apply' };
  const subquery = subqueryPlan(op.Subquery!.Expression!, placeholder, ctx, operatorPlan);
  return { op: 'mvApply', input, expand, subquery, id, columns, pos, operator: 'mv-apply' };
}

/** A pipeline whose leftmost element is an operator applied to `source`. */
export function subqueryPlan(node: KSyntaxElement, source: TabularPlan, ctx: PlanContext, operatorPlan: OperatorConverter): TabularPlan {
  const cls = syntaxClass(node);
  if (cls === 'PipeExpression') {
    const pipe = node as Kusto.Language.Syntax.PipeExpression;
    return operatorPlan(pipe.Operator!, subqueryPlan(pipe.Expression!, source, ctx, operatorPlan), ctx);
  }
  if (cls === 'ParenthesizedExpression') return subqueryPlan((node as Kusto.Language.Syntax.ParenthesizedExpression).Expression!, source, ctx, operatorPlan);
  if (cls.endsWith('Operator')) return operatorPlan(node, source, ctx);
  return ctx.unsupported(`mv-apply subquery starting with ${cls}`, node);
}
