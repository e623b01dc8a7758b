/**
 * The walk behind `kqlQueryFacts`: one pass over the syntax tree in document order, keeping
 * `let` bindings (so a filter on a `let` list resolves to its values), the names the query
 * declares (so computed columns are not reported as columns read) and whether we are under
 * a `not(...)`.
 */
import { children, separatedElements, syntaxClass, type KSyntaxElement } from '../kusto.js';
import type { KqlAggregation, KqlJoin, KqlPredicate, KqlThreshold, KqlTimeBound } from './query-facts.js';
import { literalValues, timeOffsetOf, type LetBindings } from './scalar-values.js';

type Clause = KqlPredicate['clause'];
type Locate = (offset: number) => { line: number; column: number };

const RELATIONAL = new Set(['<', '<=', '>', '>=']);
const NOT_COMPARISONS = new Set(['and', 'or', '+', '-', '*', '/', '%']);
/** Functions that test one column (first argument) against their other arguments. */
const PREDICATE_FUNCTIONS = new Set([
  'isempty',
  'isnotempty',
  'isnull',
  'isnotnull',
  'ipv4_is_in_range',
  'ipv4_is_in_any_range',
  'ipv4_is_match',
  'ipv4_is_private',
  'ipv6_is_match',
  'ipv6_is_in_range',
  'has_ipv4',
  'has_ipv4_prefix',
  'has_any_ipv4',
  'has_any_ipv4_prefix',
]);

/** `A  and\n B` → `A and B`, at most 200 characters. */
function textOf(e: KSyntaxElement): string {
  const flat = (e.ToString(1) ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

function nameOf(e: KSyntaxElement | null | undefined): string | null {
  return e && syntaxClass(e) === 'NameReference' ? ((e as Kusto.Language.Syntax.NameReference).SimpleName ?? null) : null;
}

/** The column a comparison's left side is about: `X`, `tolower(X)`, `AdditionalFields.Foo`, `$left.A` → `A`. */
function fieldOf(e: KSyntaxElement | null | undefined): string | null {
  if (!e) return null;
  switch (syntaxClass(e)) {
    case 'NameReference': {
      const name = nameOf(e);
      return name && !name.startsWith('$') ? name : null;
    }
    case 'PathExpression': {
      const path = e as Kusto.Language.Syntax.PathExpression;
      const root = nameOf(path.Expression);
      return root === '$left' || root === '$right' ? fieldOf(path.Selector) : textOf(e);
    }
    case 'ElementExpression':
      return textOf(e);
    case 'ParenthesizedExpression':
      return fieldOf((e as Kusto.Language.Syntax.ParenthesizedExpression).Expression);
    case 'FunctionCallExpression': {
      for (const arg of separatedElements((e as Kusto.Language.Syntax.FunctionCallExpression).ArgumentList?.Expressions)) {
        const f = fieldOf(arg);
        if (f) return f;
      }
      return null;
    }
    default:
      return null;
  }
}

/** Collects the facts of one syntax tree; use once per query. */
export class FactCollector {
  private readonly lets: LetBindings = new Map();
  private readonly letTables = new Map<string, Set<string>>();
  private readonly declared = new Set<string>();
  private readonly columns = new Set<string>();
  private readonly filtered = new Set<string>();
  private readonly functions = new Set<string>();
  private readonly predicates: KqlPredicate[] = [];
  private readonly timeBounds: KqlTimeBound[] = [];
  private readonly thresholds: KqlThreshold[] = [];
  private readonly aggregations: KqlAggregation[] = [];
  private readonly joins: KqlJoin[] = [];

  constructor(
    private readonly tables: Set<string>,
    private readonly locate: Locate,
  ) {}

  /** Walks `root` and returns what it found. */
  collect(root: KSyntaxElement) {
    this.visit(root, false, 'other');
    return {
      columnsRead: [...this.columns],
      columnsFiltered: [...this.filtered],
      predicates: this.predicates,
      timeBounds: this.timeBounds,
      thresholds: this.thresholds,
      aggregations: this.aggregations,
      joins: this.joins,
      functionsCalled: [...this.functions],
    };
  }

  private visit(e: KSyntaxElement, negated: boolean, clause: Clause): void {
    if (e.IsToken) return;
    switch (syntaxClass(e)) {
      case 'LetStatement': {
        const let_ = e as Kusto.Language.Syntax.LetStatement;
        const name = let_.Name?.SimpleName ?? '';
        if (let_.Expression) {
          this.visit(let_.Expression, negated, clause);
          this.lets.set(name, let_.Expression);
          this.letTables.set(name, this.tablesIn(let_.Expression));
        }
        this.declared.add(name);
        return;
      }
      case 'SimpleNamedExpression': {
        // `X = tolower(X)` reads X before declaring it.
        const named = e as Kusto.Language.Syntax.SimpleNamedExpression;
        if (named.Expression) this.visit(named.Expression, negated, clause);
        if (named.Name?.SimpleName) this.declared.add(named.Name.SimpleName);
        return;
      }
      case 'NameDeclaration': {
        const name = (e as Kusto.Language.Syntax.NameDeclaration).SimpleName;
        if (name) this.declared.add(name);
        return;
      }
      case 'NameReference':
        this.reference(nameOf(e) ?? '');
        return;
      case 'PathExpression': {
        const path = e as Kusto.Language.Syntax.PathExpression;
        const root = nameOf(path.Expression);
        if (root === '$left' || root === '$right') {
          if (path.Selector) this.visit(path.Selector, negated, clause);
        } else if (path.Expression) {
          this.visit(path.Expression, negated, clause);
        }
        return;
      }
      case 'FunctionCallExpression':
        this.call(e as Kusto.Language.Syntax.FunctionCallExpression, negated, clause);
        return;
      case 'FilterOperator':
        for (const c of children(e)) this.visit(c, negated, 'where');
        return;
      case 'BinaryExpression':
        this.binary(e as Kusto.Language.Syntax.BinaryExpression, negated, clause);
        break;
      case 'InExpression':
      case 'HasAnyExpression':
      case 'HasAllExpression': {
        const x = e as Kusto.Language.Syntax.InExpression;
        this.predicate(e, fieldOf(x.Left), x.Operator?.Text ?? 'in', literalValues(x.Right, this.lets), negated, clause);
        break;
      }
      case 'BetweenExpression':
        this.between(e as Kusto.Language.Syntax.BetweenExpression, negated, clause);
        break;
      case 'SummarizeOperator':
        this.summarize(e as Kusto.Language.Syntax.SummarizeOperator);
        break;
      case 'JoinOperator':
      case 'LookupOperator':
        this.join(e as Kusto.Language.Syntax.JoinOperator | Kusto.Language.Syntax.LookupOperator);
        break;
    }
    for (const c of children(e)) this.visit(c, negated, clause);
  }

  private reference(name: string): void {
    if (name === '' || name.startsWith('$') || this.tables.has(name) || this.declared.has(name)) return;
    this.columns.add(name);
  }

  private call(call: Kusto.Language.Syntax.FunctionCallExpression, negated: boolean, clause: Clause): void {
    const name = (call.Name?.SimpleName ?? '').toLowerCase();
    if (name) this.functions.add(name);
    const args = separatedElements(call.ArgumentList?.Expressions);
    if (PREDICATE_FUNCTIONS.has(name)) {
      const values = args.slice(1).flatMap((a) => literalValues(a, this.lets));
      this.predicate(call, fieldOf(args[0]), name, values, negated, clause);
    }
    const inner = name === 'not' ? !negated : negated;
    // A call of a `let` function or a table-valued function reads no column by its name.
    for (const arg of args) this.visit(arg, inner, clause);
  }

  private binary(b: Kusto.Language.Syntax.BinaryExpression, negated: boolean, clause: Clause): void {
    const op = b.Operator?.Text ?? '';
    if (NOT_COMPARISONS.has(op)) return;
    if (RELATIONAL.has(op)) {
      const right = timeOffsetOf(b.Right, this.lets);
      const left = right === null ? timeOffsetOf(b.Left, this.lets) : null;
      if (right !== null || left !== null) {
        // `ago(1d) < T` reads as `T > ago(1d)`.
        const flipped = right === null;
        const lower = flipped ? op.startsWith('<') : op.startsWith('>');
        const offset = (right ?? left)!;
        this.timeBounds.push({
          column: fieldOf(flipped ? b.Right : b.Left),
          operator: op,
          fromMs: lower ? offset : null,
          toMs: lower ? null : offset,
          text: textOf(b),
        });
        return;
      }
      const [value] = literalValues(b.Right, this.lets);
      const field = fieldOf(b.Left);
      if (field && value !== undefined && value.trim() !== '' && Number.isFinite(Number(value))) {
        this.thresholds.push({ field, operator: op, value: Number(value), text: textOf(b) });
        return;
      }
    }
    this.predicate(b, fieldOf(b.Left), op, literalValues(b.Right, this.lets), negated, clause);
  }

  private between(b: Kusto.Language.Syntax.BetweenExpression, negated: boolean, clause: Clause): void {
    const couple = b.Right as Kusto.Language.Syntax.ExpressionCouple | null;
    const from = timeOffsetOf(couple?.First, this.lets);
    const to = timeOffsetOf(couple?.Second, this.lets);
    const op = b.Operator?.Text ?? 'between';
    if ((from !== null || to !== null) && !op.startsWith('!')) {
      this.timeBounds.push({ column: fieldOf(b.Left), operator: op, fromMs: from, toMs: to, text: textOf(b) });
      return;
    }
    const values = [...literalValues(couple?.First, this.lets), ...literalValues(couple?.Second, this.lets)];
    this.predicate(b, fieldOf(b.Left), op, values, negated, clause);
  }

  private predicate(e: KSyntaxElement, field: string | null, operator: string, values: string[], negated: boolean, clause: Clause): void {
    if (field && clause === 'where') this.filtered.add(field);
    this.predicates.push({
      field,
      operator,
      values,
      negated: negated !== operator.startsWith('!'),
      clause,
      text: textOf(e),
      ...this.locate(e.TextStart),
    });
  }

  private summarize(s: Kusto.Language.Syntax.SummarizeOperator): void {
    const keys = separatedElements(s.ByClause?.Expressions).map((k) => {
      if (syntaxClass(k) === 'SimpleNamedExpression') return (k as Kusto.Language.Syntax.SimpleNamedExpression).Name?.SimpleName ?? textOf(k);
      return nameOf(k) ?? textOf(k);
    });
    this.aggregations.push({ aggregates: separatedElements(s.Aggregates).map(textOf), keys });
  }

  private join(j: Kusto.Language.Syntax.JoinOperator | Kusto.Language.Syntax.LookupOperator): void {
    let kind: string | null = null;
    const params = j.Parameters as unknown as { Count: number; getItem(i: number): Kusto.Language.Syntax.NamedParameter };
    for (let i = 0; i < (params?.Count ?? 0); i++) {
      const p = params.getItem(i);
      if ((p.Name?.SimpleName ?? '').toLowerCase() === 'kind' && p.Expression) kind = textOf(p.Expression);
    }
    const clauseNode = 'ConditionClause' in j ? j.ConditionClause : (j as Kusto.Language.Syntax.LookupOperator).LookupClause;
    const onList = (clauseNode as Kusto.Language.Syntax.JoinOnClause | null)?.Expressions;
    this.joins.push({
      operator: syntaxClass(j) === 'LookupOperator' ? 'lookup' : 'join',
      kind,
      tables: j.Expression ? [...this.tablesIn(j.Expression)] : [],
      on: separatedElements(onList).map(textOf),
    });
  }

  /** Tables read inside `e`, directly or through `let` names. */
  private tablesIn(e: KSyntaxElement): Set<string> {
    const out = new Set<string>();
    const walk = (x: KSyntaxElement): void => {
      if (x.IsToken) return;
      const name = nameOf(x);
      if (name !== null) {
        if (this.tables.has(name)) out.add(name);
        for (const t of this.letTables.get(name) ?? []) out.add(t);
        return;
      }
      for (const c of children(x)) walk(c);
    };
    walk(e);
    return out;
  }
}
