/**
 * `join` and `lookup`: the kind (innerunique by default), the key pairs from `on a`,
 * `on $left.a == $right.b`, and which input columns make up the binder's output columns.
 */
import { separatedElements, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import { columnsOf, resultType, type PlanContext } from './context.js';
import { namedParameters } from './named-parameters.js';
import { columnRef } from './scalar.js';
import { planNode, tabularFrom } from './tabular.js';
import type { JoinKind, ScalarExpr, TabularPlan } from './types.js';

const KINDS: Record<string, JoinKind> = {
  innerunique: 'innerunique',
  inner: 'inner',
  leftouter: 'leftouter',
  rightouter: 'rightouter',
  fullouter: 'fullouter',
  leftanti: 'leftanti',
  anti: 'leftanti',
  leftantisemi: 'leftanti',
  rightanti: 'rightanti',
  rightantisemi: 'rightanti',
  leftsemi: 'leftsemi',
  semi: 'leftsemi',
  rightsemi: 'rightsemi',
};

/** Converts `left | join kind=K (right) on …`. */
export function joinPlan(op: Kusto.Language.Syntax.JoinOperator, left: TabularPlan, ctx: PlanContext): TabularPlan {
  return build(op, left, ctx, namedParameters(op).get('kind') ?? 'innerunique', false);
}

/** Converts `left | lookup kind=leftouter|inner (right) on …`. */
export function lookupPlan(op: Kusto.Language.Syntax.LookupOperator, left: TabularPlan, ctx: PlanContext): TabularPlan {
  return build(op, left, ctx, namedParameters(op).get('kind') ?? 'leftouter', true);
}

function build(
  op: Kusto.Language.Syntax.JoinOperator | Kusto.Language.Syntax.LookupOperator,
  left: TabularPlan,
  ctx: PlanContext,
  kindText: string,
  lookup: boolean,
): TabularPlan {
  const kind = KINDS[kindText.toLowerCase()];
  if (!kind) return ctx.unsupported(`join kind=${kindText}`, op);
  const right = tabularFrom(op.Expression!, ctx);
  const clause = 'ConditionClause' in op ? op.ConditionClause : (op as Kusto.Language.Syntax.LookupOperator).LookupClause;
  if (!clause || syntaxClass(clause) !== 'JoinOnClause') return ctx.unsupported(`${lookup ? 'lookup' : 'join'} without an on clause`, op);
  const leftKeys: ScalarExpr[] = [];
  const rightKeys: ScalarExpr[] = [];
  const sameNameKeys = new Set<string>();
  for (const cond of separatedElements((clause as Kusto.Language.Syntax.JoinOnClause).Expressions)) {
    addKeys(cond, ctx, leftKeys, rightKeys, sameNameKeys);
  }
  const columns = columnsOf(op.ResultType);
  const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  let leftOutput: number[] = [];
  let rightOutput: number[] = [];
  if (kind === 'leftsemi' || kind === 'leftanti') leftOutput = all(left.columns.length);
  else if (kind === 'rightsemi' || kind === 'rightanti') rightOutput = all(right.columns.length);
  else {
    leftOutput = all(left.columns.length);
    rightOutput = all(right.columns.length);
    if (lookup) rightOutput = rightOutput.filter((i) => !sameNameKeys.has(right.columns[i]!.name));
  }
  if (leftOutput.length + rightOutput.length !== columns.length) {
    return ctx.unsupported(`${lookup ? 'lookup' : 'join'} output columns`, op, `${columns.length} columns bound`);
  }
  return planNode(op, ctx, lookup ? 'lookup' : 'join', { op: 'join', kind, left, right, leftKeys, rightKeys, leftOutput, rightOutput }, columns);
}

/** One `on` condition: a column name common to both sides, or `$left.a == $right.b` (in either order). */
function addKeys(cond: KSyntaxElement, ctx: PlanContext, leftKeys: ScalarExpr[], rightKeys: ScalarExpr[], sameName: Set<string>): void {
  const cls = syntaxClass(cond);
  if (cls === 'NameReference') {
    const name = (cond as Kusto.Language.Syntax.NameReference).SimpleName ?? '';
    const type = resultType(cond);
    leftKeys.push(columnRef(name, type));
    rightKeys.push(columnRef(name, type));
    sameName.add(name);
    return;
  }
  if (cls === 'BinaryExpression') {
    const bin = cond as Kusto.Language.Syntax.BinaryExpression;
    const op = (bin.Operator?.Text ?? '').trim();
    if (op === 'and') {
      addKeys(bin.Left!, ctx, leftKeys, rightKeys, sameName);
      addKeys(bin.Right!, ctx, leftKeys, rightKeys, sameName);
      return;
    }
    if (op === '==') {
      const a = side(bin.Left!);
      const b = side(bin.Right!);
      if (a && b && a.side !== b.side) {
        const [l, r] = a.side === 'left' ? [a, b] : [b, a];
        leftKeys.push(columnRef(l.name, resultType(bin.Left!)));
        rightKeys.push(columnRef(r.name, resultType(bin.Right!)));
        if (l.name === r.name) sameName.add(l.name);
        return;
      }
    }
  }
  ctx.unsupported('join condition', cond, (cond.toString() ?? '').trim());
}

function side(e: KSyntaxElement): { side: 'left' | 'right'; name: string } | null {
  if (syntaxClass(e) !== 'PathExpression') return null;
  const path = e as Kusto.Language.Syntax.PathExpression;
  const owner = (path.Expression as Kusto.Language.Syntax.NameReference).SimpleName ?? '';
  const name = (path.Selector as Kusto.Language.Syntax.NameReference).SimpleName ?? '';
  if (owner === '$left') return { side: 'left', name };
  if (owner === '$right') return { side: 'right', name };
  return null;
}
