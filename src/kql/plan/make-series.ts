/** `make-series Agg(…) [default = v], … on Axis from A to B step S [by …]`: output columns are the binder's. */
import { separatedElements, syntaxClass } from '../frontend/kusto.js';
import { columnsOf, type PlanContext } from './context.js';
import { scalarFrom } from './scalar.js';
import { aggregateCall, unwrapNamed } from './summarize.js';
import { planNode } from './tabular.js';
import type { TabularPlan } from './types.js';

/** Converts a make-series operator (`from … to … step …`, or the alternate `in range(start, stop, step)`). */
export function makeSeriesPlan(op: Kusto.Language.Syntax.MakeSeriesOperator, input: TabularPlan, ctx: PlanContext): TabularPlan {
  const columns = columnsOf(op.ResultType);
  const byItems = separatedElements(op.ByClause?.Expressions);
  const range = op.RangeClause;
  const rangeClass = range ? syntaxClass(range) : '';
  let from: Kusto.Language.Syntax.Expression | null | undefined;
  let to: Kusto.Language.Syntax.Expression | null | undefined;
  let step: Kusto.Language.Syntax.Expression | null | undefined;
  if (rangeClass === 'MakeSeriesFromToStepClause') {
    const fts = range as Kusto.Language.Syntax.MakeSeriesFromToStepClause;
    from = fts.MakeSeriesFromClause?.Expression;
    to = fts.MakeSeriesToClause?.Expression;
    step = fts.MakeSeriesStepClause?.Expression;
  } else if (rangeClass === 'MakeSeriesInRangeClause') {
    [from, to, step] = separatedElements((range as Kusto.Language.Syntax.MakeSeriesInRangeClause).Arguments?.Expressions) as Kusto.Language.Syntax.Expression[];
  }
  if (!step) return ctx.unsupported(`make-series range clause ${rangeClass}`, op);
  const items = separatedElements(op.Aggregates);
  const aggregates = items.map((item, k) => {
    const call = unwrapNamed(item.Expression!);
    const out = columns[byItems.length + k]!;
    const def = item.DefaultExpression?.Expression;
    const defaultExpr = def ? scalarFrom(def, ctx) : null;
    if (defaultExpr && defaultExpr.kind !== 'literal') return ctx.unsupported('non-constant make-series default', def!);
    return { call: aggregateCall(call, [out], input, ctx), defaultValue: defaultExpr?.kind === 'literal' ? defaultExpr.value : 0 };
  });
  return planNode(op, ctx, 'make-series', {
    op: 'makeSeries',
    input,
    by: byItems.map((e) => scalarFrom(e, ctx)),
    aggregates,
    axis: scalarFrom(op.OnClause!.Expression!, ctx),
    from: from ? scalarFrom(from, ctx) : null,
    to: to ? scalarFrom(to, ctx) : null,
    step: scalarFrom(step, ctx),
    inRange: rangeClass === 'MakeSeriesInRangeClause',
  }, columns);
}
