/**
 * Converts bound Kusto tabular expressions (pipelines, table references, `let`-bound tables,
 * `datatable`, `print`, `range`, `union` …) into TabularPlan nodes. Result columns always come
 * from the binder's result type of the node.
 */
import { separatedElements, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import type { KqlValue } from '../engine/values.js';
import { columnsOf, kqlTypeOf, projectionName, referencedKind, type PlanContext } from './context.js';
import { bindLet, columnRef, expandUserFunction, scalarFrom, setTabularConverter } from './scalar.js';
import { summarizePlan, countPlan, distinctPlan } from './summarize.js';
import { joinPlan, lookupPlan } from './join.js';
import { unionPlan } from './union.js';
import { mvExpandPlan } from './mv-expand.js';
import { parsePlan } from './parse.js';
import { makeSeriesPlan } from './make-series.js';
import { mvApplyPlan } from './mv-apply.js';
import { partitionPlan } from './partition.js';
import { topNestedPlan } from './top-nested.js';
import { evaluatePlan } from './evaluate.js';
import { searchPlan } from './search.js';
import { findPlan } from './find.js';
import { sortKeys } from './sort-keys.js';
import type { ColumnDef, ScalarExpr, TabularPlan } from './types.js';

type S = typeof Kusto.Language.Syntax;
type Node<K extends keyof S> = S[K] extends { prototype: infer P } ? P : never;

/** Builds a plan node with the binder's result columns and the node's position. */
export function planNode<T extends Omit<TabularPlan, 'columns' | 'pos' | 'operator'>>(
  node: KSyntaxElement,
  ctx: PlanContext,
  operator: string,
  body: T,
  columns: ColumnDef[] = columnsOf((node as Kusto.Language.Syntax.Expression).ResultType),
): TabularPlan {
  return { ...body, columns, pos: ctx.pos(node), operator } as unknown as TabularPlan;
}

/** Converts a tabular expression. */
export function tabularFrom(node: KSyntaxElement, ctx: PlanContext): TabularPlan {
  const cls = syntaxClass(node);
  switch (cls) {
    case 'PipeExpression': {
      const pipe = node as Node<'PipeExpression'>;
      const input = tabularFrom(pipe.Expression!, ctx);
      return operatorPlan(pipe.Operator!, input, ctx);
    }
    case 'ParenthesizedExpression':
      return tabularFrom((node as Node<'ParenthesizedExpression'>).Expression!, ctx);
    case 'MaterializeExpression':
      return ctx.share(tabularFrom((node as Node<'MaterializeExpression'>).Expression!, ctx));
    case 'NameReference':
      return tableReference(node as Node<'NameReference'>, ctx);
    case 'PathExpression':
      // database('d').T, cluster('c').database('d').T: one local database, so the table itself
      return tabularFrom((node as Node<'PathExpression'>).Selector!, ctx);
    case 'FunctionCallExpression': {
      const call = node as Node<'FunctionCallExpression'>;
      const expansion = call.GetExpansion();
      if (expansion) return expandUserFunction(call, expansion, ctx, (body) => tabularFrom(body, ctx));
      const name = call.Name?.SimpleName ?? '';
      if (name === 'table' || name === 'view') {
        const columns = columnsOf(call.ResultType);
        const [arg] = separatedElements(call.ArgumentList?.Expressions);
        const value = (arg as Kusto.Language.Syntax.Expression | undefined)?.ConstantValue;
        if (typeof value === 'string') return planNode(node, ctx, 'table', { op: 'table', table: value }, columns);
      }
      return ctx.unsupported(`tabular function ${name}()`, node);
    }
    case 'DataTableExpression':
      return dataTable(node as Node<'DataTableExpression'>, ctx);
    case 'PrintOperator': {
      const print = node as Node<'PrintOperator'>;
      const single = planNode(node, ctx, 'print', { op: 'singleRow' }, []);
      const exprs = separatedElements(print.Expressions).map((e) => scalarFrom(e, ctx));
      return planNode(node, ctx, 'print', { op: 'project', input: single, exprs });
    }
    case 'RangeOperator': {
      const r = node as Node<'RangeOperator'>;
      return planNode(node, ctx, 'range', {
        op: 'range',
        from: scalarFrom(r.From!, ctx),
        to: scalarFrom(r.To!, ctx),
        step: scalarFrom(r.Step!, ctx),
      });
    }
    case 'UnionOperator':
      return unionPlan(node as Node<'UnionOperator'>, null, ctx);
    case 'SearchOperator':
      return searchPlan(node as Node<'SearchOperator'>, null, ctx);
    case 'FindOperator':
      return findPlan(node as Node<'FindOperator'>, ctx);
    case 'ExternalDataExpression':
      return ctx.unsupported('externaldata (no network access: load the data with --data instead)', node);
    default:
      return ctx.unsupported(`tabular expression ${cls}`, node);
  }
}

setTabularConverter(tabularFrom);

function tableReference(node: Node<'NameReference'>, ctx: PlanContext): TabularPlan {
  const name = node.SimpleName ?? '';
  const bound = ctx.lookup(name);
  if (bound?.kind === 'tabular') return bound.plan;
  if (referencedKind(node) === 'TableSymbol') return planNode(node, ctx, 'table', { op: 'table', table: name });
  const expansion = node.GetExpansion();
  if (expansion) {
    // a parameterless function (view) used without parentheses: its body's lets, then its result
    const body = expansion as Node<'FunctionBody'>;
    return ctx.withScope(() => {
      for (const stmt of separatedElements(body.Statements)) bindLet(stmt, ctx);
      return tabularFrom(body.Expression!, ctx);
    });
  }
  return ctx.unsupported(`table ${name}`, node, 'unknown table');
}

function dataTable(node: Node<'DataTableExpression'>, ctx: PlanContext): TabularPlan {
  const columns = columnsOf(node.ResultType);
  const values = separatedElements(node.Values).map((v) => scalarFrom(v, ctx));
  const rows: KqlValue[][] = [];
  for (let i = 0; i < values.length; i += columns.length) {
    rows.push(
      values.slice(i, i + columns.length).map((e, j) => {
        if (e.kind !== 'literal') return ctx.unsupported('non-literal datatable value', node);
        return coerceLiteral(e.value, columns[j]!.type);
      }),
    );
  }
  return planNode(node, ctx, 'datatable', { op: 'datatable', rows }, columns);
}

/** Literal written as a long in a real column (datatable(x:real)[1]) and similar harmless widenings. */
function coerceLiteral(value: KqlValue, type: ColumnDef['type']): KqlValue {
  if (value === null) return null;
  if (type === 'string' && typeof value !== 'string') return String(value);
  return value;
}

/** Converts one pipe operator applied to `input`. */
function operatorPlan(op: KSyntaxElement, input: TabularPlan, ctx: PlanContext): TabularPlan {
  const cls = syntaxClass(op);
  const expressions = (): KSyntaxElement[] =>
    separatedElements((op as unknown as { Expressions: Parameters<typeof separatedElements>[0] }).Expressions);
  switch (cls) {
    case 'FilterOperator': {
      const predicate = scalarFrom((op as Node<'FilterOperator'>).Condition!, ctx);
      if (input.op === 'where') {
        // where A | where B is where A and B: one selection, no intermediate copy
        const args = [input.predicate, predicate].flatMap((p) => (p.kind === 'logical' && p.op === 'and' ? p.args : [p]));
        return { ...input, predicate: { kind: 'logical', type: 'bool', op: 'and', args } };
      }
      return planNode(op, ctx, 'where', { op: 'where', input, predicate });
    }
    case 'ExtendOperator':
      return extendPlan(op, input, expressions(), ctx);
    case 'ProjectOperator': {
      const exprs = expressions().map((e) => scalarFrom(e, ctx));
      return planNode(op, ctx, 'project', { op: 'project', input, exprs });
    }
    case 'ProjectAwayOperator':
    case 'ProjectKeepOperator':
    case 'ProjectReorderOperator':
      return selectByName(op, input, new Map(), ctx, cls);
    case 'ProjectRenameOperator': {
      const renames = new Map<string, string>();
      for (const e of expressions()) {
        const named = e as Node<'SimpleNamedExpression'>;
        renames.set(named.Name?.SimpleName ?? '', (named.Expression as Node<'NameReference'>).SimpleName ?? '');
      }
      return selectByName(op, input, renames, ctx, 'project-rename');
    }
    case 'SummarizeOperator':
      return summarizePlan(op as Node<'SummarizeOperator'>, input, ctx);
    case 'CountOperator':
      return countPlan(op, input, ctx);
    case 'DistinctOperator':
      return distinctPlan(op as Node<'DistinctOperator'>, input, ctx);
    case 'TakeOperator':
      return planNode(op, ctx, 'take', { op: 'take', input, count: scalarFrom((op as Node<'TakeOperator'>).Expression!, ctx) });
    case 'SortOperator':
      return planNode(op, ctx, 'sort', { op: 'sort', input, keys: sortKeys(expressions(), ctx) });
    case 'TopOperator': {
      const top = op as Node<'TopOperator'>;
      return planNode(op, ctx, 'top', {
        op: 'top',
        input,
        count: scalarFrom(top.Expression!, ctx),
        keys: sortKeys([top.ByExpression!], ctx),
      });
    }
    case 'JoinOperator':
      return joinPlan(op as Node<'JoinOperator'>, input, ctx);
    case 'LookupOperator':
      return lookupPlan(op as Node<'LookupOperator'>, input, ctx);
    case 'UnionOperator':
      return unionPlan(op as Node<'UnionOperator'>, input, ctx);
    case 'MakeSeriesOperator':
      return makeSeriesPlan(op as Node<'MakeSeriesOperator'>, input, ctx);
    case 'MvApplyOperator':
      return mvApplyPlan(op as Node<'MvApplyOperator'>, input, ctx, operatorPlan);
    case 'SearchOperator':
      return searchPlan(op as Node<'SearchOperator'>, input, ctx);
    case 'EvaluateOperator':
      return evaluatePlan(op as Node<'EvaluateOperator'>, input, ctx);
    case 'TopNestedOperator':
      return topNestedPlan(op as Node<'TopNestedOperator'>, input, ctx);
    case 'PartitionOperator':
      return partitionPlan(op as Node<'PartitionOperator'>, input, ctx, operatorPlan);
    case 'MvExpandOperator':
      return mvExpandPlan(op as Node<'MvExpandOperator'>, input, ctx);
    case 'ParseOperator':
    case 'ParseWhereOperator':
      return parsePlan(op as Node<'ParseOperator'>, input, ctx, cls === 'ParseWhereOperator');
    case 'SerializeOperator': {
      const exprs = expressions();
      const base = planNode(op, ctx, 'serialize', { op: 'serialize', input }, input.columns);
      return exprs.length ? extendPlan(op, base, exprs, ctx) : base;
    }
    case 'AsOperator': {
      const name = (op as Node<'AsOperator'>).Name?.SimpleName ?? '';
      const shared = ctx.share(input);
      ctx.bind(name, { kind: 'tabular', plan: shared });
      return shared;
    }
    case 'RenderOperator':
      // kept as metadata by buildPlan; rows are unchanged
      return input;
    case 'InvokeOperator': {
      const invoke = op as Node<'InvokeOperator'>;
      const call = invoke.Function as Node<'FunctionCallExpression'>;
      const expansion = call.GetExpansion();
      if (!expansion) return ctx.unsupported('invoke of a built-in function', op);
      return expandUserFunction(call, expansion, ctx, (body) => tabularFrom(body, ctx), input);
    }
    default:
      return ctx.unsupported(`operator ${operatorName(cls)}`, op);
  }
}

/** `extend`: input columns (replaced in place when re-assigned) then new ones, named as the binder named them. */
export function extendPlan(op: KSyntaxElement, input: TabularPlan, items: KSyntaxElement[], ctx: PlanContext): TabularPlan {
  const columns = columnsOf((op as Kusto.Language.Syntax.Expression).ResultType);
  const inputNames = new Set(input.columns.map((c) => c.name));
  const appended = columns.filter((c) => !inputNames.has(c.name)).map((c) => c.name);
  const assigned = new Map<string, ScalarExpr>();
  // values of functions returning several columns, computed once into hidden columns first
  const tuples: ColumnDef[] = [];
  const tupleExprs: ScalarExpr[] = [];
  let next = 0;
  const nextAppended = (): string | null => {
    while (next < appended.length && assigned.has(appended[next]!)) next++;
    return appended[next++] ?? null;
  };
  for (const item of items) {
    const tuple = tupleItem(item);
    if (tuple) {
      const hidden = { name: `__tuple${tuples.length}`, type: 'dynamic' as const };
      tuples.push(hidden);
      tupleExprs.push(scalarFrom(tuple.expr, ctx));
      for (let k = 0; k < tuple.width; k++) {
        const name = tuple.names[k] ?? nextAppended();
        if (name === null) return ctx.unsupported('extend naming', item);
        const type = columns.find((c) => c.name === name)?.type ?? 'dynamic';
        const index: ScalarExpr = { kind: 'literal', type: 'long', value: k };
        assigned.set(name, { kind: 'call', name: '[]', type, args: [columnRef(hidden.name, 'dynamic'), index], argTypes: ['dynamic', 'long'], pos: ctx.pos(item) });
      }
      continue;
    }
    let name = projectionName(item);
    if (name === null || (!inputNames.has(name) && !appended.includes(name))) name = nextAppended();
    if (name === null) return ctx.unsupported('extend naming', item);
    assigned.set(name, scalarFrom(item, ctx));
  }
  const exprs = columns.map((c) => assigned.get(c.name) ?? columnRef(c.name, c.type));
  if (!tuples.length) return planNode(op, ctx, 'extend', { op: 'project', input, exprs }, columns);
  const withTuples = planNode(op, ctx, 'extend', { op: 'project', input, exprs: [...input.columns.map((c) => columnRef(c.name, c.type)), ...tupleExprs] }, [...input.columns, ...tuples]);
  return planNode(op, ctx, 'extend', { op: 'project', input: withTuples, exprs }, columns);
}

/** An item whose value is several columns (`(a, b) = series_fit_line(y)`, `series_decompose(y)`): its expression, width and the names written. */
function tupleItem(item: KSyntaxElement): { expr: KSyntaxElement; width: number; names: string[] } | null {
  const cls = syntaxClass(item);
  let expr = item;
  let names: string[] = [];
  if (cls === 'CompoundNamedExpression') {
    const compound = item as Kusto.Language.Syntax.CompoundNamedExpression;
    expr = compound.Expression!;
    names = separatedElements(compound.Names?.Names).map((n) => n.Name?.SimpleName ?? '');
  } else if (cls === 'SimpleNamedExpression') {
    const named = item as Kusto.Language.Syntax.SimpleNamedExpression;
    expr = named.Expression!;
    names = [named.Name?.SimpleName ?? ''];
  }
  const type = (expr as Kusto.Language.Syntax.Expression).ResultType;
  if (!type || !((type.constructor as unknown as { $$name?: string }).$$name ?? '').endsWith('TupleSymbol')) return null;
  return { expr, width: columnsOf(type).length, names };
}

/** project-away/-keep/-reorder/-rename: every output column is an input column, possibly renamed. */
function selectByName(op: KSyntaxElement, input: TabularPlan, renames: Map<string, string>, ctx: PlanContext, operator: string): TabularPlan {
  const columns = columnsOf((op as Kusto.Language.Syntax.Expression).ResultType);
  const exprs = columns.map((c) => columnRef(renames.get(c.name) ?? c.name, c.type));
  return planNode(op, ctx, operatorName(operator), { op: 'project', input, exprs }, columns);
}

/** `ProjectAwayOperator` → `project-away`. */
export function operatorName(cls: string): string {
  return cls
    .replace(/Operator$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

export { kqlTypeOf };
