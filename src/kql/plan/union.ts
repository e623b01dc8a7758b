/** `union` (leading or piped): legs, `withsource=`, and which column of each leg fills each output column. */
import { listToArray, separatedItems, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import { columnsOf, type PlanContext } from './context.js';
import { namedParameters } from './named-parameters.js';
import { planNode, tabularFrom } from './tabular.js';
import { UnresolvedUnionError, UnsupportedFeatureError, type ColumnDef, type TabularPlan } from './types.js';

/** Converts `union [withsource=S] [isfuzzy=…] A, (B | …)`, with `piped` as the first leg when the union follows a pipe. */
export function unionPlan(op: Kusto.Language.Syntax.UnionOperator, piped: TabularPlan | null, ctx: PlanContext): TabularPlan {
  const params = namedParameters(op);
  const sourceColumn = params.get('withsource') ?? params.get('with_source') ?? null;
  const legs = separatedItems<KSyntaxElement>(op.Expressions);
  // isfuzzy=true: "the set of union sources is reduced to the set of table references that
  // exist" (Kusto docs); a leg reading a table with no schema or data is left out
  const fuzzy = (params.get('isfuzzy') ?? '').toLowerCase() === 'true';
  const unknown: string[] = [];
  // `union *`, `union Device*`: the tables the wildcard matches, each an empty leg when it has no data
  const wildcard = new Set<TabularPlan>();
  const converted = legs.map(({ element }) => {
    const matched = wildcardTables(element, ctx);
    if (matched) {
      matched.forEach((t) => wildcard.add(t));
      return matched;
    }
    if (!fuzzy) return tabularFrom(element, ctx);
    try {
      const plan = tabularFrom(element, ctx);
      const missing = unknownTables(plan, ctx);
      if (!missing.length) return plan;
      unknown.push(...missing);
      return null;
    } catch (err) {
      if (err instanceof UnsupportedFeatureError && err.feature.startsWith('table ')) {
        unknown.push(err.feature.slice('table '.length));
        return null;
      }
      throw err;
    }
  });
  if (fuzzy && !piped && converted.every((p) => p === null)) throw new UnresolvedUnionError([...new Set(unknown)], ctx.pos(op));
  if (converted.includes(null)) blankDroppedLegs(legs, converted, piped !== null, ctx);
  const inputs = [...(piped ? [piped] : []), ...converted.flatMap((p) => (p === null ? [] : Array.isArray(p) ? p : [p]))];
  const columns = columnsOf(op.ResultType);
  const sourceNames = inputs.map((p, i) => (p.op === 'table' ? p.table : `union_arg${i}`));
  const inputColumns = legColumns(inputs, columns, sourceColumn);
  const lenient = inputs.map((p) => fuzzy || wildcard.has(p));
  return planNode(op, ctx, 'union', { op: 'union', inputs, inputColumns, sourceColumn, sourceNames, lenient }, columns);
}

/** The tables a wildcarded leg (`*`, `Device*`) matches, as table plans with their columns; null for other legs. */
export function wildcardTables(leg: KSyntaxElement, ctx: PlanContext): TabularPlan[] | null {
  const written = syntaxClass(leg) === 'NameReference' ? ((leg as Kusto.Language.Syntax.NameReference).SimpleName ?? '') : '';
  const type = (leg as Kusto.Language.Syntax.Expression).ResultType;
  const symbolClass = ((type?.constructor as unknown as { $$name?: string } | undefined)?.$$name ?? '').replace(/^.*\./, '');
  let tables: Kusto.Language.Symbols.Symbol[];
  if (symbolClass === 'GroupSymbol') tables = listToArray((type as Kusto.Language.Symbols.GroupSymbol).Members);
  else if (written.includes('*')) tables = symbolClass === 'TableSymbol' ? [type!] : []; // one match, or none
  else return null;
  return tables.map((table) => planNode(leg, ctx, 'table', { op: 'table', table: table.Name ?? '' }, columnsOf(table)));
}

/** For each input, which of its columns fills each output column (-1: none, or the source column). */
export function legColumns(inputs: TabularPlan[], columns: ColumnDef[], sourceColumn: string | null): number[][] {
  return inputs.map((input) =>
    columns.map((out) => {
      if (out.name === sourceColumn) return -1;
      const exact = input.columns.findIndex((c) => c.name === out.name);
      if (exact >= 0) return exact;
      // columns of one name but different types are split by the binder as name_type
      return input.columns.findIndex((c) => `${c.name}_${c.type}` === out.name);
    }),
  );
}

/** Tables a leg's plan reads that the database does not know (Kusto bound them as open, column-less tables). */
function unknownTables(plan: TabularPlan, ctx: PlanContext): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const p = node as Partial<TabularPlan> & Record<string, unknown>;
    if (p.op === 'table' && typeof p.table === 'string' && !ctx.knownTable(p.table)) out.push(p.table);
    // sub-plans sit under input/left/right/inputs/subquery/expand and inside scalar expressions
    for (const [k, v] of Object.entries(p)) if (k !== 'columns' && k !== 'pos') visit(v);
  };
  visit(plan);
  return out;
}

/**
 * Records the text of the dropped legs (and of the commas that no longer separate two kept
 * legs) to be blanked, so that the query can be bound again as Kusto binds it: without them.
 * Nothing is recorded for a union written inside a function body (its text is elsewhere) or
 * when every written leg is dropped after a pipe (`T | union` with no leg is not KQL).
 */
function blankDroppedLegs(
  legs: { element: KSyntaxElement; separator: Kusto.Language.Syntax.SyntaxToken | null }[],
  converted: readonly unknown[],
  piped: boolean,
  ctx: PlanContext,
): void {
  if (piped && converted.every((p) => p === null)) return;
  if (!legs.every(({ element }) => ctx.inQueryText(element))) return;
  const kept = converted.map((p) => p !== null);
  const lastKept = kept.lastIndexOf(true);
  // without the separator tokens the commas cannot be placed
  if (legs.some(({ separator }, i) => kept[i] && i < lastKept && !separator)) return;
  const ranges: [number, number][] = [];
  legs.forEach(({ element, separator }, i) => {
    if (!kept[i]) ranges.push([element.TextStart, element.End]);
    // a comma stays only between two kept legs
    if (separator && (!kept[i] || i >= lastKept)) ranges.push([separator.TextStart, separator.End]);
  });
  ctx.fuzzyBlanks.push(...ranges);
}
