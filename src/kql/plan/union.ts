/** `union` (leading or piped): legs, `withsource=`, and which column of each leg fills each output column. */
import { separatedElements, type KSyntaxElement } from '../frontend/kusto.js';
import { columnsOf, type PlanContext } from './context.js';
import { namedParameters } from './named-parameters.js';
import { planNode, tabularFrom } from './tabular.js';
import { UnsupportedFeatureError, type TabularPlan } from './types.js';

/** Converts `union [withsource=S] [isfuzzy=…] A, (B | …)`, with `piped` as the first leg when the union follows a pipe. */
export function unionPlan(op: Kusto.Language.Syntax.UnionOperator, piped: TabularPlan | null, ctx: PlanContext): TabularPlan {
  const params = namedParameters(op);
  const sourceColumn = params.get('withsource') ?? params.get('with_source') ?? null;
  const legs: KSyntaxElement[] = separatedElements(op.Expressions);
  // isfuzzy=true: a leg that cannot be resolved (a table with no schema or data) is left out
  const fuzzy = (params.get('isfuzzy') ?? '').toLowerCase() === 'true';
  const converted = legs.map((l) => {
    if (!fuzzy) return tabularFrom(l, ctx);
    try {
      return tabularFrom(l, ctx);
    } catch (err) {
      if (err instanceof UnsupportedFeatureError && err.feature.startsWith('table ')) return null;
      throw err;
    }
  });
  const inputs = [...(piped ? [piped] : []), ...converted.filter((p): p is TabularPlan => p !== null)];
  const columns = columnsOf(op.ResultType);
  const sourceNames = inputs.map((p, i) => (p.op === 'table' ? p.table : `union_arg${i}`));
  const inputColumns = inputs.map((input) =>
    columns.map((out) => {
      if (out.name === sourceColumn) return -1;
      const exact = input.columns.findIndex((c) => c.name === out.name);
      if (exact >= 0) return exact;
      // columns of one name but different types are split by the binder as name_type
      return input.columns.findIndex((c) => `${c.name}_${c.type}` === out.name);
    }),
  );
  return planNode(op, ctx, 'union', { op: 'union', inputs, inputColumns, sourceColumn, sourceNames, fuzzy }, columns);
}
