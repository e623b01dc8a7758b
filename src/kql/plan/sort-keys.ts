/** Sort keys of `sort by` / `order by` / `top … by`, with KQL's defaults: descending, nulls last for desc and first for asc. */
import { syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import type { PlanContext } from './context.js';
import { scalarFrom } from './scalar.js';
import type { SortKey } from './types.js';

/** Converts `a asc, b desc nulls first …` into sort keys. */
export function sortKeys(items: KSyntaxElement[], ctx: PlanContext): SortKey[] {
  return items.map((item) => {
    let expr = item;
    let descending = true;
    let nulls: string | null = null;
    if (syntaxClass(item) === 'OrderedExpression') {
      const ordered = item as Kusto.Language.Syntax.OrderedExpression;
      expr = ordered.Expression!;
      const dir = ordered.Ordering?.AscOrDescKeyword?.Text?.toLowerCase();
      if (dir === 'asc') descending = false;
      nulls = ordered.Ordering?.NullsClause?.FirstOrLastKeyword?.Text?.toLowerCase() ?? null;
    }
    return { expr: scalarFrom(expr, ctx), descending, nullsFirst: nulls ? nulls === 'first' : !descending };
  });
}
