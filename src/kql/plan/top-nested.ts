/** `top-nested`: one level per clause, each with its value expression, optional N and `with others`, and one aggregate. */
import { separatedElements, syntaxClass } from '../frontend/kusto.js';
import { columnsOf, type PlanContext } from './context.js';
import { scalarFrom } from './scalar.js';
import { aggregateCall, unwrapNamed } from './summarize.js';
import type { TabularPlan } from './types.js';

/** Converts a top-nested operator (an aggregate that is an expression over aggregates is not supported). */
export function topNestedPlan(op: Kusto.Language.Syntax.TopNestedOperator, input: TabularPlan, ctx: PlanContext): TabularPlan {
  const columns = columnsOf(op.ResultType);
  const levels = separatedElements(op.Clauses).map((clause, k) => {
    let by = clause.ByExpression!;
    let descending = true;
    if (syntaxClass(by) === 'OrderedExpression') {
      const ordered = by as Kusto.Language.Syntax.OrderedExpression;
      descending = ordered.Ordering?.AscOrDescKeyword?.Text?.toLowerCase() !== 'asc';
      by = ordered.Expression!;
    }
    const call = unwrapNamed(by);
    if (syntaxClass(call) !== 'FunctionCallExpression' || !ctx.aggregateNames.has((call as Kusto.Language.Syntax.FunctionCallExpression).Name?.SimpleName ?? '')) {
      return ctx.unsupported('top-nested by an expression over aggregates', by);
    }
    // the binder gives each level two columns: the value, then the aggregate
    const aggregate = aggregateCall(call, [columns[2 * k + 1]!], input, ctx);
    return {
      value: scalarFrom(clause.OfExpression!, ctx),
      count: clause.Expression ? scalarFrom(clause.Expression, ctx) : null,
      others: clause.WithOthersClause?.Expression ? scalarFrom(clause.WithOthersClause.Expression, ctx) : null,
      aggregate,
      descending,
    };
  });
  if (columns.length !== 2 * levels.length) return ctx.unsupported('top-nested output shape', op, `${columns.length} columns for ${levels.length} levels`);
  return { op: 'topNested', input, levels, columns, pos: ctx.pos(op), operator: 'top-nested' };
}
