/**
 * `find [withsource=C] in (tables) where predicate [project …| project-smart]` (Kusto docs,
 * find operator): the rows of each table that match, then one union whose columns the binder
 * lists: the source column (`source_` unless renamed), the projected columns (null where a
 * table lacks one) and, for project-smart, `pack_`: a bag of the row's other columns.
 */
import { separatedElements } from '../frontend/kusto.js';
import { columnsOf, type PlanContext } from './context.js';
import { namedParameters } from './named-parameters.js';
import { columnRef, scalarFrom } from './scalar.js';
import { withMissingColumnsNull } from './search.js';
import { planNode, tabularFrom } from './tabular.js';
import { wildcardTables } from './union.js';
import type { ScalarExpr, TabularPlan } from './types.js';

/** Converts a find operator. */
export function findPlan(op: Kusto.Language.Syntax.FindOperator, ctx: PlanContext): TabularPlan {
  if (!op.InClause) return ctx.unsupported('find without in (…)', op);
  if (op.ProjectAway) return ctx.unsupported('find … project-away', op.ProjectAway);
  const columns = columnsOf(op.ResultType);
  const sourceColumn = namedParameters(op).get('withsource') ?? 'source_';
  const legs = separatedElements(op.InClause.Expressions).flatMap((e) => wildcardTables(e, ctx) ?? [tabularFrom(e, ctx)]);
  const outputs = columns.filter((c) => c.name !== sourceColumn);
  const named = new Set(outputs.map((c) => c.name));
  const projected = legs.map((leg) => {
    const has = new Set(leg.columns.map((c) => c.name));
    const predicate = withMissingColumnsNull(scalarFrom(op.Condition!, ctx), leg.columns);
    const where = planNode(op, ctx, 'find', { op: 'where', input: leg, predicate }, leg.columns);
    const exprs: ScalarExpr[] = outputs.map((c) => {
      if (c.name === 'pack_' && !has.has('pack_')) {
        const rest = leg.columns.filter((lc) => !named.has(lc.name));
        const args = rest.flatMap((lc): ScalarExpr[] => [{ kind: 'literal', type: 'string', value: lc.name }, columnRef(lc.name, lc.type)]);
        return { kind: 'call', type: 'dynamic', name: 'bag_pack', args, argTypes: args.map((a) => a.type), pos: ctx.pos(op) };
      }
      return has.has(c.name) ? columnRef(c.name, c.type) : { kind: 'literal', type: c.type, value: null };
    });
    return planNode(op, ctx, 'find', { op: 'project', input: where, exprs }, outputs);
  });
  const inputColumns = projected.map(() => columns.map((c) => (c.name === sourceColumn ? -1 : outputs.findIndex((o) => o.name === c.name))));
  const sourceNames = legs.map((p, i) => (p.op === 'table' ? p.table : `union_arg${i}`));
  return planNode(op, ctx, 'find', { op: 'union', inputs: projected, inputColumns, sourceColumn, sourceNames, lenient: legs.map(() => true) }, columns);
}
