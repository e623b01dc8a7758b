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
import type { ColumnDef, TabularPlan } from './types.js';

const TYPE_PATTERN: Partial<Record<KqlType, string>> = {
  long: '\\-?\\d+',
  int: '\\-?\\d+',
  real: '\\-?\\d+(?:\\.\\d*)?(?:[eE][+\\-]?\\d+)?',
  decimal: '\\-?\\d+(?:\\.\\d*)?',
};

/** Converts a parse or parse-where operator. */
export function parsePlan(op: Kusto.Language.Syntax.ParseOperator, input: TabularPlan, ctx: PlanContext, filter: boolean): TabularPlan {
  // parsing into a column the input has already gives a second column of that name; the next
  // operator's binding calls it name1, as made unique here
  const columns = uniqueNames(columnsOf(op.ResultType));
  const bound = columnsOf(op.ResultType);
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
      // the parsed column is the last of that name (an input column of the same name comes first)
      const index = bound.map((c) => c.name).lastIndexOf(name);
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

/** Columns with repeated names renamed name1, name2 … (the first keeps its name). */
function uniqueNames(columns: ColumnDef[]): ColumnDef[] {
  const taken = new Set<string>();
  return columns.map((c) => {
    let name = c.name;
    for (let k = 1; taken.has(name); k++) name = `${c.name}${k}`;
    taken.add(name);
    return { ...c, name };
  });
}

function listNodes(list: Kusto.Language.Syntax.SyntaxList$1<Kusto.Language.Syntax.SyntaxNode> | null): KSyntaxElement[] {
  return listToArray(list as unknown as System.Collections.Generic.IReadOnlyList$1<KSyntaxElement>);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
