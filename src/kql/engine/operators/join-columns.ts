/**
 * Projection pushdown into `join`: when the join's only reader is a `summarize`, the join need
 * gather only the columns that summarize reads (13 M joined rows × every column otherwise).
 */
import type { ScalarExpr, TabularPlan } from '../../plan/types.js';

type SummarizePlan = Extract<TabularPlan, { op: 'summarize' }>;

/** Names of the input columns a summarize reads (by keys and aggregate arguments); null when unknown. */
export function summarizeColumnNames(plan: SummarizePlan): Set<string> | null {
  const names = new Set<string>();
  const exprs = [...plan.by, ...plan.aggregates.flatMap((a) => a.args)];
  return exprs.every((e) => collectColumns(e, names)) ? names : null;
}

/** Adds the current-row columns `e` reads to `names`; false when it may read a column not named in the tree. */
function collectColumns(e: ScalarExpr, names: Set<string>): boolean {
  switch (e.kind) {
    case 'literal':
    case 'toscalar':
      // toscalar's plan reads its own tables, not the current row
      return true;
    case 'column':
      names.add(e.name);
      return true;
    case 'call':
      if (e.name === 'column_ifexists') {
        // the column is named by a string literal, not a column reference
        const name = e.args[0];
        if (name?.kind !== 'literal' || typeof name.value !== 'string') return false;
        names.add(name.value);
      }
      return e.args.every((a) => collectColumns(a, names));
    case 'logical':
      return e.args.every((a) => collectColumns(a, names));
    case 'case':
      return e.branches.every((b) => collectColumns(b.when, names) && collectColumns(b.then, names)) && collectColumns(e.otherwise, names);
    case 'inTable':
      return collectColumns(e.value, names);
  }
}
