/**
 * `parse` / `parse-where` (kinds simple, regex, relaxed) lowered to one RE2 regular expression
 * with a capture group per extracted column, as the KQL documentation describes: `*` → `.*?`,
 * string columns → `.*?`, long/int → `\-?\d+`, real → a decimal number; the pattern is
 * anchored at both ends, so a trailing column takes the rest of the text.
 */
import { listToArray, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import { normalizeKqlType, type KqlType } from '../engine/values.js';
import { columnsOf, type PlanContext } from './context.js';
import { namedParameters } from './named-parameters.js';
import { scalarFrom } from './scalar.js';
import { planNode } from './tabular.js';
import type { TabularPlan } from './types.js';

const TYPE_PATTERN: Partial<Record<KqlType, string>> = {
  long: '\\-?\\d+',
  int: '\\-?\\d+',
  real: '\\-?\\d+(?:\\.\\d*)?(?:[eE][+\\-]?\\d+)?',
  decimal: '\\-?\\d+(?:\\.\\d*)?',
};

/** Converts a parse or parse-where operator. */
export function parsePlan(op: Kusto.Language.Syntax.ParseOperator, input: TabularPlan, ctx: PlanContext, filter: boolean): TabularPlan {
  const columns = columnsOf(op.ResultType);
  const params = namedParameters(op);
  const kindText = (params.get('kind') ?? 'simple').toLowerCase();
  if (kindText !== 'simple' && kindText !== 'regex' && kindText !== 'relaxed') return ctx.unsupported(`parse kind=${kindText}`, op);
  const flags = params.get('flags') ?? '';
  let regex = '';
  const targets: number[] = [];
  const patterns = listNodes(op.Patterns);
  patterns.forEach((p) => {
    const cls = syntaxClass(p);
    if (cls === 'StarExpression') {
      regex += '.*?';
    } else if (cls === 'LiteralExpression') {
      const text = String((p as Kusto.Language.Syntax.LiteralExpression).LiteralValue ?? '');
      regex += kindText === 'regex' ? text : escapeRegex(text);
    } else if (cls === 'NameAndTypeDeclaration' || cls === 'NameDeclaration') {
      const decl = cls === 'NameDeclaration' ? (p as Kusto.Language.Syntax.NameDeclaration) : (p as Kusto.Language.Syntax.NameAndTypeDeclaration).Name!;
      const name = decl.SimpleName ?? '';
      const typeText = cls === 'NameAndTypeDeclaration' ? ((p as Kusto.Language.Syntax.NameAndTypeDeclaration).Type?.toString() ?? '').trim() : 'string';
      const type = normalizeKqlType(typeText) ?? 'string';
      const index = columns.findIndex((c) => c.name === name);
      if (index < 0) ctx.unsupported(`parse column ${name}`, p);
      targets.push(index);
      regex += `(${(kindText !== 'relaxed' && TYPE_PATTERN[type]) || '.*?'})`;
    } else {
      ctx.unsupported(`parse pattern ${cls}`, p);
    }
  });
  return planNode(
    op,
    ctx,
    filter ? 'parse-where' : 'parse',
    {
      op: 'parse',
      input,
      source: scalarFrom(op.Expression!, ctx),
      kind: kindText,
      regex: `^${regex}$`,
      flags,
      targets,
      filter,
    },
    columns,
  );
}

function listNodes(list: Kusto.Language.Syntax.SyntaxList$1<Kusto.Language.Syntax.SyntaxNode> | null): KSyntaxElement[] {
  return listToArray(list as unknown as System.Collections.Generic.IReadOnlyList$1<KSyntaxElement>);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
