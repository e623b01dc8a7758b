/**
 * Entry point of the plan builder: walks the statements of an analyzed query (lets bind names,
 * the last expression statement is the result) and converts it into a QueryPlan.
 */
import { listToArray, separatedElements, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import { kustoCodeOf, type AnalyzedQuery } from '../frontend/analyze.js';
import { PlanContext } from './context.js';
import { bindLet } from './scalar.js';
import { tabularFrom } from './tabular.js';
import { UnsupportedFeatureError, type QueryPlan } from './types.js';

/** Converts a bound query into our plan; throws UnsupportedFeatureError (feature, line, column) for syntax not implemented. */
export function buildPlan(query: AnalyzedQuery): QueryPlan {
  const code = kustoCodeOf(query);
  const database = code.Globals?.Database ?? null;
  const root = code.Syntax as Kusto.Language.Syntax.QueryBlock | null;
  const ctx = new PlanContext(query.text, (name) => database?.GetTable(name) != null, root?.Tree ?? null, () => listToArray(database?.Tables));
  if (!root || syntaxClass(root) !== 'QueryBlock') throw new UnsupportedFeatureError('control commands', { line: 1, column: 1 });
  let result: KSyntaxElement | null = null;
  for (const stmt of separatedElements(root.Statements)) {
    const cls = syntaxClass(stmt);
    if (cls === 'LetStatement') bindLet(stmt, ctx);
    else if (cls === 'ExpressionStatement') result = (stmt as Kusto.Language.Syntax.ExpressionStatement).Expression;
    else if (cls === 'SetOptionStatement' || cls === 'QueryParametersStatement') continue;
    else ctx.unsupported(`statement ${cls}`, stmt);
  }
  if (!result) throw new UnsupportedFeatureError('a query without a tabular result statement', { line: 1, column: 1 });
  return { result: tabularFrom(result, ctx), render: renderOf(result), fuzzyBlanks: ctx.fuzzyBlanks };
}

/** The `render …` operator text of the result pipeline, kept as metadata. */
function renderOf(node: KSyntaxElement): string | null {
  let n: KSyntaxElement | null = node;
  while (n && syntaxClass(n) === 'PipeExpression') {
    const pipe = n as Kusto.Language.Syntax.PipeExpression;
    if (pipe.Operator && syntaxClass(pipe.Operator) === 'RenderOperator') return (pipe.Operator.toString() ?? '').trim();
    n = pipe.Expression;
  }
  return null;
}
