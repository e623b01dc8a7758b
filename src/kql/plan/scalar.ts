/**
 * Converts bound Kusto scalar expressions into our ScalarExpr. Function and operator names are
 * the registry's (`has_any`, `==`, `!between`, `[]` for dynamic access); types come from the
 * binding. Calls of `let` lambdas are converted from Kusto's own expansion of the call, with
 * the parameters bound to the converted arguments.
 */
import { listToArray, separatedElements, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import { scalarFunctions } from '../engine/functions/registry.js';
import { WINDOW_FUNCTIONS } from '../engine/compile/window-calls.js';
import type { KqlType } from '../engine/values.js';
import { literalValue, parseDynamicLiteral } from './literals.js';
import { kqlTypeOf, referencedKind, resultType, type PlanContext } from './context.js';
import type { ScalarExpr, TabularPlan } from './types.js';

type S = typeof Kusto.Language.Syntax;
type Node<K extends keyof S> = S[K] extends { prototype: infer P } ? P : never;

/** Converts a tabular expression (provided by the tabular converter, to break the import cycle). */
export type TabularConverter = (node: KSyntaxElement, ctx: PlanContext) => TabularPlan;
let convertTabular: TabularConverter | null = null;

/** Registers the tabular converter that `toscalar(...)` and `in (T)` need. */
export function setTabularConverter(fn: TabularConverter): void {
  convertTabular = fn;
}

/** A column reference. */
export function columnRef(name: string, type: KqlType): ScalarExpr {
  return { kind: 'column', name, type };
}

/** Converts a bound scalar expression. `aggregate` handles aggregate calls inside `summarize` (null elsewhere). */
export function scalarFrom(
  node: KSyntaxElement,
  ctx: PlanContext,
  aggregate: ((call: KSyntaxElement) => ScalarExpr) | null = null,
): ScalarExpr {
  const conv = (n: KSyntaxElement | null): ScalarExpr => {
    if (!n) return ctx.unsupported('missing expression', node);
    return scalarFrom(n, ctx, aggregate);
  };
  const type = resultType(node);
  const cls = syntaxClass(node);
  switch (cls) {
    case 'LiteralExpression':
    case 'DynamicExpression':
    case 'CompoundStringLiteralExpression':
    case 'TypeOfLiteralExpression': {
      const e = node as Node<'Expression'>;
      if (cls === 'DynamicExpression') return { kind: 'literal', type: 'dynamic', value: parseDynamicLiteral(dynamicText(e)) };
      if (cls === 'TypeOfLiteralExpression') return { kind: 'literal', type: 'string', value: typeofName(e) };
      // 'a' 'b' is one string literal
      if (cls === 'CompoundStringLiteralExpression') return { kind: 'literal', type: 'string', value: String(e.LiteralValue ?? e.ConstantValue ?? '') };
      return { kind: 'literal', type, value: literalValue(type, (e.toString() ?? '').trim(), e.LiteralValue) };
    }
    case 'ParenthesizedExpression':
      return conv((node as Node<'ParenthesizedExpression'>).Expression);
    case 'SimpleNamedExpression':
      return conv((node as Node<'SimpleNamedExpression'>).Expression);
    case 'NameReference':
      return nameReference(node as Node<'NameReference'>, type, ctx);
    case 'BracketedExpression':
      return conv((node as Node<'BracketedExpression'>).Expression);
    case 'PathExpression': {
      const path = node as Node<'PathExpression'>;
      if (referencedKind(node) === 'ColumnSymbol' && syntaxClass(path.Expression!) === 'NameReference' && referencedKind(path.Expression!) !== 'ColumnSymbol') {
        // a qualified column such as $left.a outside join conditions
        return columnRef((path.Selector as Node<'NameReference'>).SimpleName ?? '', type);
      }
      const key = path.Selector as Node<'NameReference'>;
      const base = conv(path.Expression);
      return call('[]', type, [base, { kind: 'literal', type: 'string', value: key.SimpleName ?? '' }], node, ctx);
    }
    case 'ElementExpression': {
      const el = node as Node<'ElementExpression'>;
      const index = (el.Selector as Node<'BracketedExpression'>).Expression;
      return call('[]', type, [conv(el.Expression), conv(index)], node, ctx);
    }
    case 'PrefixUnaryExpression': {
      const u = node as Node<'PrefixUnaryExpression'>;
      const op = (u.Operator?.Text ?? '').trim();
      const operand = conv(u.Expression);
      return op === '+' ? operand : call('-', type, [operand], node, ctx);
    }
    case 'BinaryExpression':
      return binary(node as Node<'BinaryExpression'>, type, ctx, conv);
    case 'BetweenExpression': {
      const b = node as Node<'BetweenExpression'>;
      const op = normalizeOperator(b.Operator?.Text ?? 'between');
      return call(op, type, [conv(b.Left), conv(b.Right!.First), conv(b.Right!.Second)], node, ctx);
    }
    case 'InExpression':
    case 'HasAnyExpression':
    case 'HasAllExpression':
      return listOperator(node as Node<'InExpression'>, type, ctx, conv);
    case 'FunctionCallExpression':
      return functionCall(node as Node<'FunctionCallExpression'>, type, ctx, conv, aggregate);
    case 'ToScalarExpression': {
      const e = (node as Node<'ToScalarExpression'>).Expression;
      // toscalar() of a scalar expression is that expression (Kusto accepts both)
      if (!isTabular(e!)) return conv(e);
      return { kind: 'toscalar', type, plan: tabular(e!, ctx) };
    }
    default:
      return ctx.unsupported(`expression ${cls}`, node, (node.toString() ?? '').trim().slice(0, 60));
  }
}

function tabular(node: KSyntaxElement, ctx: PlanContext): TabularPlan {
  if (!convertTabular) throw new Error('tabular converter not registered');
  return convertTabular(node, ctx);
}

function nameReference(node: Node<'NameReference'>, type: KqlType, ctx: PlanContext): ScalarExpr {
  const name = node.SimpleName ?? '';
  const kind = referencedKind(node);
  if (kind === 'ColumnSymbol') return columnRef(name, type);
  const bound = ctx.lookup(name);
  if (bound?.kind === 'scalar') return bound.expr;
  if (bound?.kind === 'tabular' || kind === 'TableSymbol') {
    // A tabular value in scalar position (a single-column table used as a list).
    return { kind: 'toscalar', type, plan: tabular(node, ctx) };
  }
  return ctx.unsupported(`name ${name}`, node, kind ? `bound to a ${kind}` : 'not bound');
}

function binary(node: Node<'BinaryExpression'>, type: KqlType, ctx: PlanContext, conv: (n: KSyntaxElement | null) => ScalarExpr): ScalarExpr {
  const op = normalizeOperator(node.Operator?.Text ?? '');
  if (op === 'and' || op === 'or') {
    // Flatten chains so that long conjunctions filter progressively.
    const args: ScalarExpr[] = [];
    for (const side of [node.Left, node.Right]) {
      const e = conv(side);
      if (e.kind === 'logical' && e.op === op) args.push(...e.args);
      else args.push(e);
    }
    return { kind: 'logical', type: 'bool', op, args };
  }
  return call(op, type, [conv(node.Left), conv(node.Right)], node, ctx);
}

function listOperator(node: Node<'InExpression'>, type: KqlType, ctx: PlanContext, conv: (n: KSyntaxElement | null) => ScalarExpr): ScalarExpr {
  const op = normalizeOperator(node.Operator?.Text ?? '');
  const items = separatedElements(node.Right?.Expressions);
  const left = conv(node.Left);
  if (items.length === 1 && isTabular(items[0]!)) {
    const plan = tabular(items[0]!, ctx);
    if (op === 'in' || op === '!in' || op === 'in~' || op === '!in~') return { kind: 'inTable', type: 'bool', op, value: left, plan };
    // has_any (T): the table's first column is the list
    return call(op, type, [left, { kind: 'toscalar', type: 'dynamic', plan: { ...plan, operator: 'make_list' } }], node, ctx);
  }
  return call(op, type, [left, ...items.map((i) => conv(i))], node, ctx);
}

/** True when an expression's bound type is a table (so `in (T)` reads a column of rows). */
function isTabular(node: KSyntaxElement): boolean {
  const t = (node as Kusto.Language.Syntax.Expression).ResultType;
  return !!t && t.IsTabular;
}

function functionCall(
  node: Node<'FunctionCallExpression'>,
  type: KqlType,
  ctx: PlanContext,
  conv: (n: KSyntaxElement | null) => ScalarExpr,
  aggregate: ((call: KSyntaxElement) => ScalarExpr) | null,
): ScalarExpr {
  const name = node.Name?.SimpleName ?? '';
  const args = separatedElements(node.ArgumentList?.Expressions);
  const expansion = node.GetExpansion();
  if (expansion) return expandUserFunction(node, expansion, ctx, (body) => scalarFrom(body, ctx, aggregate));
  if (ctx.aggregateNames.has(name)) {
    if (!aggregate) return ctx.unsupported(`aggregate ${name}() outside summarize`, node);
    return aggregate(node);
  }
  switch (name) {
    case 'iff':
    case 'iif':
      return { kind: 'case', type, branches: [{ when: conv(args[0]!), then: conv(args[1]!) }], otherwise: conv(args[2]!) };
    case 'case': {
      const branches: { when: ScalarExpr; then: ScalarExpr }[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) branches.push({ when: conv(args[i]!), then: conv(args[i + 1]!) });
      return { kind: 'case', type, branches, otherwise: conv(args[args.length - 1]!) };
    }
    case 'toscalar':
      return { kind: 'toscalar', type, plan: tabular(args[0]!, ctx) };
  }
  return call(name, type, args.map((a) => conv(a)), node, ctx);
}

/**
 * Converts a call of a `let` lambda (or of a view) through Kusto's expansion: parameters are
 * bound, in a fresh scope, to the converted arguments (or their defaults); `convertBody`
 * converts the body's result expression after its own `let`s.
 */
export function expandUserFunction<T>(
  node: Node<'FunctionCallExpression'>,
  expansion: KSyntaxElement,
  ctx: PlanContext,
  convertBody: (body: KSyntaxElement) => T,
  firstTabularArg: TabularPlan | null = null,
): T {
  const args = separatedElements(node.ArgumentList?.Expressions);
  const params = listToParams(node);
  const bindings = params.map((p, i) => {
    const argNode = args[i - (firstTabularArg ? 1 : 0)] ?? p.defaultValue;
    if (i === 0 && firstTabularArg) return { name: p.name, binding: { kind: 'tabular' as const, plan: firstTabularArg } };
    if (!argNode) return ctx.unsupported(`call of ${node.Name?.SimpleName} without argument ${p.name}`, node);
    return {
      name: p.name,
      binding: isTabular(argNode)
        ? { kind: 'tabular' as const, plan: tabular(argNode, ctx) }
        : { kind: 'scalar' as const, expr: scalarFrom(argNode, ctx) },
    };
  });
  return ctx.withScope(() => {
    for (const b of bindings) ctx.bind(b.name, b.binding);
    const body = expansion as Node<'FunctionBody'>;
    for (const stmt of separatedElements(body.Statements)) bindLet(stmt, ctx);
    return convertBody(body.Expression!);
  });
}

/** The parameters (name, default value syntax) of the function a call binds to. */
function listToParams(node: Node<'FunctionCallExpression'>): { name: string; defaultValue: KSyntaxElement | null }[] {
  const sig = node.ReferencedSignature;
  const out: { name: string; defaultValue: KSyntaxElement | null }[] = [];
  for (const p of listToArray(sig?.Parameters)) {
    out.push({ name: p.Name ?? '', defaultValue: (p.DefaultValue as KSyntaxElement | null) ?? null });
  }
  return out;
}

/** Binds one `let` statement (scalar, tabular or lambda) in the current scope; other statements are ignored here. */
export function bindLet(stmt: KSyntaxElement, ctx: PlanContext): void {
  if (syntaxClass(stmt) !== 'LetStatement') return;
  const let_ = stmt as Node<'LetStatement'>;
  const name = let_.Name?.SimpleName ?? '';
  const value = let_.Expression!;
  const cls = syntaxClass(value);
  if (cls === 'FunctionDeclaration') {
    ctx.bind(name, { kind: 'function' });
  } else if (isTabular(value)) {
    ctx.bind(name, { kind: 'tabular', plan: ctx.share(tabular(value, ctx)) });
  } else {
    ctx.bind(name, { kind: 'scalar', expr: scalarFrom(value, ctx) });
  }
}

/** A registry call; an unknown function is an unsupported feature named by its KQL name. */
export function call(name: string, type: KqlType, args: ScalarExpr[], node: KSyntaxElement, ctx: PlanContext): ScalarExpr {
  if (!scalarFunctions.has(name) && !WINDOW_FUNCTIONS.has(name) && name !== 'column_ifexists') ctx.unsupported(`function ${name}`, node);
  return { kind: 'call', name, type, args, argTypes: args.map((a) => a.type), pos: ctx.pos(node) };
}

/** Operator spelling as the registry keys it: lower case, single spaces (`matches regex`, `!has_cs`). */
function normalizeOperator(text: string): string {
  const op = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return op === '<>' ? '!=' : op;
}

function dynamicText(e: Kusto.Language.Syntax.Expression): string {
  const text = (e.toString() ?? '').trim();
  return text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')).trim();
}

function typeofName(e: Kusto.Language.Syntax.Expression): string {
  const text = (e.toString() ?? '').trim();
  return text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')).trim();
}

export { kqlTypeOf };
