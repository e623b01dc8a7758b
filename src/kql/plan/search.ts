/**
 * `search` (Kusto docs, search operator): over the piped input, the tables of `in (…)`, or every
 * table of the database, keep the rows the predicate accepts; the output has a `$table` column
 * naming each row's table, then the columns the binder lists. The predicate is a where
 * predicate in which a bare string term matches any column and `Column:term` one column:
 * `term` → has, `*term` → hassuffix, `term*` → hasprefix, `*term*` → contains, `te*rm` →
 * matches regex `\bte.*rm\b`, `*` alone → every row; `kind=case_sensitive` makes them `_cs`.
 * "Any column" is every string, guid and dynamic column of the row's table (numbers and
 * datetimes are not searched as text). A column a table lacks reads as null there.
 */
import { separatedElements, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import type { KqlType } from '../engine/values.js';
import { columnsOf, type PlanContext } from './context.js';
import { namedParameters } from './named-parameters.js';
import { columnRef, scalarFrom } from './scalar.js';
import { planNode, tabularFrom } from './tabular.js';
import { legColumns, wildcardTables } from './union.js';
import type { ColumnDef, ScalarExpr, TabularPlan } from './types.js';

const SEARCHED: ReadonlySet<KqlType> = new Set(['string', 'guid', 'dynamic']);

/** Converts a search operator, with `piped` as its input when it follows a pipe. */
export function searchPlan(op: Kusto.Language.Syntax.SearchOperator, piped: TabularPlan | null, ctx: PlanContext): TabularPlan {
  const caseSensitive = (namedParameters(op).get('kind') ?? '').toLowerCase() === 'case_sensitive';
  let legs: TabularPlan[];
  if (piped) legs = [piped];
  else if (op.InClause) legs = separatedElements(op.InClause.Expressions).flatMap((e) => wildcardTables(e, ctx) ?? [tabularFrom(e, ctx)]);
  else legs = ctx.databaseTables().map((t) => planNode(op, ctx, 'table', { op: 'table', table: t.Name ?? '' }, columnsOf(t)));
  const filtered = legs.map((leg) => {
    const predicate = withMissingColumnsNull(condition(op.Condition!, leg.columns, caseSensitive, ctx), leg.columns);
    return planNode(op, ctx, 'search', { op: 'where', input: leg, predicate }, leg.columns);
  });
  const columns = columnsOf(op.ResultType);
  const sourceColumn = columns.some((c) => c.name === '$table') ? '$table' : null;
  const sourceNames = legs.map((p, i) => (p.op === 'table' ? p.table : `union_arg${i}`));
  return planNode(op, ctx, 'search', { op: 'union', inputs: filtered, inputColumns: legColumns(filtered, columns, sourceColumn), sourceColumn, sourceNames, lenient: legs.map(() => true) }, columns);
}

/** The predicate over one table's columns. */
function condition(node: KSyntaxElement, columns: ColumnDef[], cs: boolean, ctx: PlanContext): ScalarExpr {
  const cls = syntaxClass(node);
  if (cls === 'ParenthesizedExpression') return condition((node as Kusto.Language.Syntax.ParenthesizedExpression).Expression!, columns, cs, ctx);
  if (cls === 'StarExpression') return { kind: 'literal', type: 'bool', value: true };
  if (cls === 'LiteralExpression' && typeof (node as Kusto.Language.Syntax.LiteralExpression).LiteralValue === 'string') {
    const term = String((node as Kusto.Language.Syntax.LiteralExpression).LiteralValue);
    const searched = columns.filter((c) => SEARCHED.has(c.type)).map((c) => columnRef(c.name, c.type));
    return anyOf(searched.map((col) => termMatch(col, term, cs, node, ctx)));
  }
  if (cls === 'BinaryExpression') {
    const b = node as Kusto.Language.Syntax.BinaryExpression;
    const op = (b.Operator?.Text ?? '').toLowerCase();
    if (op === 'and' || op === 'or') {
      const args = [condition(b.Left!, columns, cs, ctx), condition(b.Right!, columns, cs, ctx)];
      return { kind: 'logical', type: 'bool', op, args };
    }
    if (op === ':') {
      const term = (b.Right as Kusto.Language.Syntax.LiteralExpression).LiteralValue;
      return termMatch(scalarFrom(b.Left!, ctx), String(term ?? ''), cs, node, ctx);
    }
  }
  return scalarFrom(node, ctx);
}

/** The string operator a search term stands for, applied to one column. */
function termMatch(column: ScalarExpr, term: string, cs: boolean, node: KSyntaxElement, ctx: PlanContext): ScalarExpr {
  if (term === '*') return { kind: 'literal', type: 'bool', value: true };
  const suffix = cs ? '_cs' : '';
  const starts = term.startsWith('*');
  const ends = term.endsWith('*') && term.length > 1;
  const inner = term.slice(starts ? 1 : 0, ends ? -1 : undefined);
  let name: string;
  let pattern = inner;
  if (inner.includes('*')) {
    name = 'matches regex';
    pattern = `${cs ? '' : '(?i)'}${starts ? '' : '\\b'}${inner.split('*').map(escapeRegex).join('.*')}${ends ? '' : '\\b'}`;
  } else name = starts && ends ? `contains${suffix}` : starts ? `hassuffix${suffix}` : ends ? `hasprefix${suffix}` : `has${suffix}`;
  const text: ScalarExpr = column.type === 'dynamic' ? { kind: 'call', type: 'string', name: 'tostring', args: [column], argTypes: ['dynamic'], pos: ctx.pos(node) } : column;
  return { kind: 'call', type: 'bool', name, args: [text, { kind: 'literal', type: 'string', value: pattern }], argTypes: ['string', 'string'], pos: ctx.pos(node) };
}

function anyOf(tests: ScalarExpr[]): ScalarExpr {
  if (tests.length === 0) return { kind: 'literal', type: 'bool', value: false };
  return tests.length === 1 ? tests[0]! : { kind: 'logical', type: 'bool', op: 'or', args: tests };
}

/** The predicate with references to columns this table lacks replaced by nulls (as union would fill them). */
export function withMissingColumnsNull(e: ScalarExpr, columns: ColumnDef[]): ScalarExpr {
  const has = new Set(columns.map((c) => c.name));
  const visit = (x: ScalarExpr): ScalarExpr => {
    switch (x.kind) {
      case 'column':
        return has.has(x.name) ? x : { kind: 'literal', type: x.type, value: null };
      case 'call':
        return { ...x, args: x.args.map(visit) };
      case 'logical':
        return { ...x, args: x.args.map(visit) };
      case 'case':
        return { ...x, branches: x.branches.map((b) => ({ when: visit(b.when), then: visit(b.then) })), otherwise: visit(x.otherwise) };
      case 'inTable':
        return { ...x, value: visit(x.value) };
      default:
        return x;
    }
  };
  return visit(e);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
