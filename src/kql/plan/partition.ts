/**
 * `partition by Column (subquery)`: the subquery is applied to the rows of each distinct value
 * of Column, and the results are put together (Kusto docs, partition operator). Only the
 * subquery form of the operand is converted; `{ … }` with `$` references is not.
 */
import type { KSyntaxElement } from '../frontend/kusto.js';
import { columnsOf, type PlanContext } from './context.js';
import { nextApplyId, subqueryPlan } from './mv-apply.js';
import { scalarFrom } from './scalar.js';
import type { TabularPlan } from './types.js';

type OperatorConverter = (op: KSyntaxElement, input: TabularPlan, ctx: PlanContext) => TabularPlan;

/** Converts `partition [hint…] by key (subquery)`. */
export function partitionPlan(op: Kusto.Language.Syntax.PartitionOperator, input: TabularPlan, ctx: PlanContext, operatorPlan: OperatorConverter): TabularPlan {
  const operand = op.Operand as Kusto.Language.Syntax.PartitionSubquery | null;
  if (!operand || !('Subquery' in operand) || !operand.Subquery) return ctx.unsupported('partition with a { } query operand', op);
  const pos = ctx.pos(op);
  const id = nextApplyId();
  const placeholder: TabularPlan = { op: 'applyInput', id, columns: input.columns, pos, operator: 'partition' };
  const subquery = subqueryPlan(operand.Subquery, placeholder, ctx, operatorPlan);
  const key = scalarFrom(op.ByExpression!, ctx);
  return { op: 'partition', input, key, subquery, id, columns: columnsOf(op.ResultType), pos, operator: 'partition' };
}
