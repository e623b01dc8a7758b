/**
 * Which tables a KQL query reads, found from Kusto's syntax tree without any schema: the names
 * in tabular position (start of a pipeline, `union` legs, `join`/`lookup` right sides,
 * `materialize(…)`/`toscalar(…)` arguments, `table('X')`, `database('d').X`), minus the names
 * the query declares itself (`let`, lambda parameters, `as`). Calls of functions that are not
 * built into KQL (ASIM parsers, `_GetWatchlist`) are data sources too and are flagged as
 * functions.
 */
import { children, kusto, parseQuerySyntax, separatedElements, syntaxClass, type KExpression, type KSyntaxElement } from './kusto.js';

/** A data source a query reads: a table, or a workspace function such as an ASIM parser. */
export interface ReferencedSource {
  name: string;
  kind: 'table' | 'function';
}

/** Tabular built-ins whose argument is itself a tabular expression to look into. */
const TABULAR_WRAPPERS = new Set(['materialize', 'toscalar', 'view']);

/** ASIM parser naming (`imProcessCreate`, `_Im_Dns`, `ASimDnsActivityLogs`, `_ASim_Dns`): functions used without parentheses. */
const ASIM_NAME = /^(_?(im|ASim)[A-Z]|_(Im|ASim)_)/;

/** Table names a query reads, in order of first appearance, without duplicates; never throws (a broken query yields what could be read). */
export function referencedTables(query: string): string[] {
  return referencedSources(query).map((s) => s.name);
}

/** Like `referencedTables`, with each name flagged as a table or a function (called with `()`, or named like an ASIM parser). */
export function referencedSources(query: string): ReferencedSource[] {
  try {
    return referencedSourcesOfSyntax(parseQuerySyntax(query));
  } catch {
    return [];
  }
}

/** Like `referencedSources`, over a syntax tree the caller already has (parsing is the expensive part); never throws. */
export function referencedSourcesOfSyntax(root: KSyntaxElement): ReferencedSource[] {
  const found = new Map<string, ReferencedSource & { at: number }>();
  try {
    const globals = kusto().GlobalState.Default;
    if (globals) new Collector(found, globals).visit(root);
  } catch {
    // Never throw: return what was collected before the failure.
  }
  return [...found.values()].sort((a, b) => a.at - b.at).map(({ name, kind }) => ({ name, kind }));
}

/** Parameter names of a function declaration, in order. */
function paramNames(decl: KSyntaxElement): string[] {
  const params = (decl as Kusto.Language.Syntax.FunctionDeclaration).Parameters?.Parameters;
  return separatedElements(params).map((p) => p.NameAndType?.Name?.SimpleName ?? '');
}

class Collector {
  private readonly declared = new Set<string>();
  /** The `let` function being walked, to notice `table(param)` in its body. */
  private currentFunction: { name: string; params: string[] } | null = null;
  /** For `let` functions that read `table(param)`: function name → indexes of those parameters. */
  private readonly tableParams = new Map<string, Set<number>>();

  constructor(
    private readonly found: Map<string, ReferencedSource & { at: number }>,
    private readonly globals: Kusto.Language.GlobalState,
  ) {}

  /** Walks in document order so that a `let` name only hides references after its declaration. */
  visit(element: KSyntaxElement): void {
    if (element.IsToken) return;
    const cls = syntaxClass(element);
    switch (cls) {
      case 'LetStatement': {
        const let_ = element as Kusto.Language.Syntax.LetStatement;
        const value = let_.Expression;
        const name = let_.Name?.SimpleName;
        if (value) {
          this.tabular(value);
          const outer = this.currentFunction;
          if (syntaxClass(value) === 'FunctionDeclaration') this.currentFunction = { name: name ?? '', params: paramNames(value) };
          this.visit(value);
          this.currentFunction = outer;
        }
        if (name) this.declared.add(name);
        return;
      }
      case 'FunctionDeclaration': {
        // Lambda parameters are visible only inside the lambda.
        const outer = new Set(this.declared);
        for (const child of children(element)) this.visit(child);
        this.declared.clear();
        for (const name of outer) this.declared.add(name);
        return;
      }
      case 'FunctionParameter':
      case 'AsOperator':
      case 'QueryParametersStatement':
        this.declareNamesIn(element);
        break;
      case 'PipeExpression': {
        const left = (element as Kusto.Language.Syntax.PipeExpression).Expression;
        if (left && syntaxClass(left) !== 'PipeExpression') this.tabular(left);
        break;
      }
      case 'ExpressionStatement':
      case 'JoinOperator':
      case 'LookupOperator':
      case 'MaterializeExpression':
      case 'ToScalarExpression':
      case 'ToTableExpression':
        this.tabularExpressionOf(element);
        break;
      case 'FunctionBody': {
        // The body's own `let`s come first and hide names from its result expression.
        const e = (element as Kusto.Language.Syntax.FunctionBody).Expression;
        for (const child of children(element)) {
          if (child === e) this.tabular(child);
          this.visit(child);
        }
        return;
      }
      case 'UnionOperator':
        for (const e of separatedElements((element as Kusto.Language.Syntax.UnionOperator).Expressions)) this.tabular(e);
        break;
      case 'FindInClause':
        for (const e of separatedElements((element as Kusto.Language.Syntax.FindInClause).Expressions)) this.tabular(e);
        break;
      case 'FunctionCallExpression': {
        const call = element as Kusto.Language.Syntax.FunctionCallExpression;
        if (TABULAR_WRAPPERS.has(call.Name?.SimpleName ?? '')) {
          for (const arg of separatedElements(call.ArgumentList?.Expressions)) this.tabular(arg);
        }
        break;
      }
    }
    for (const child of children(element)) this.visit(child);
  }

  /** The `Expression` child of a statement, join, lookup, materialize() … is in tabular position. */
  private tabularExpressionOf(element: KSyntaxElement): void {
    const e = (element as KSyntaxElement & { Expression?: KSyntaxElement | null }).Expression;
    if (e) this.tabular(e);
  }

  /** Records the source an expression in tabular position reads, if it is a name the query does not declare. */
  private tabular(expr: KSyntaxElement): void {
    switch (syntaxClass(expr)) {
      case 'ParenthesizedExpression':
        this.tabularExpressionOf(expr);
        return;
      case 'NameReference':
      case 'WildcardedNameReference': {
        const name = (expr as Kusto.Language.Syntax.NameReference).SimpleName ?? '';
        if (name === '' || this.declared.has(name)) return;
        this.add(name, ASIM_NAME.test(name) ? 'function' : 'table', expr);
        return;
      }
      case 'PathExpression': {
        // database('d').T, cluster('c').database('d').T, workspace('w').T
        const selector = (expr as Kusto.Language.Syntax.PathExpression).Selector;
        if (selector) this.tabular(selector);
        return;
      }
      case 'FunctionCallExpression': {
        const call = expr as Kusto.Language.Syntax.FunctionCallExpression;
        const name = call.Name?.SimpleName ?? '';
        if (name === '' || TABULAR_WRAPPERS.has(name)) return;
        const tableParams = this.tableParams.get(name);
        if (tableParams && this.declared.has(name)) {
          // aadFunc("SigninLogs") where aadFunc's body does table(tableName)
          const args = separatedElements(call.ArgumentList?.Expressions);
          for (const i of tableParams) {
            const value = (args[i] as KExpression | undefined)?.LiteralValue;
            if (typeof value === 'string' && value !== '') this.add(value, 'table', expr);
          }
          return;
        }
        if (name === 'table') {
          const [arg] = separatedElements(call.ArgumentList?.Expressions);
          if (!arg) return;
          const value = (arg as KExpression).LiteralValue;
          if (typeof value === 'string' && value !== '') this.add(value, 'table', expr);
          else if (syntaxClass(arg) === 'NameReference') this.noteTableParam((arg as Kusto.Language.Syntax.NameReference).SimpleName ?? '');
          return;
        }
        if (this.declared.has(name)) return;
        if (this.globals.GetFunction(name)) return; // a KQL built-in, not a data source
        this.add(name, 'function', expr);
        return;
      }
    }
  }

  private noteTableParam(param: string): void {
    const fn = this.currentFunction;
    if (!fn) return;
    const index = fn.params.indexOf(param);
    if (index < 0) return;
    const set = this.tableParams.get(fn.name) ?? new Set<number>();
    set.add(index);
    this.tableParams.set(fn.name, set);
  }

  private declareNamesIn(element: KSyntaxElement): void {
    for (const child of children(element)) {
      const cls = syntaxClass(child);
      if (cls === 'NameDeclaration') {
        const name = (child as Kusto.Language.Syntax.NameDeclaration).SimpleName;
        if (name) this.declared.add(name);
      } else if (cls === 'NameAndTypeDeclaration' || cls.startsWith('SyntaxList') || cls.startsWith('SeparatedElement')) {
        this.declareNamesIn(child);
      }
    }
  }

  private add(name: string, kind: ReferencedSource['kind'], at: KSyntaxElement): void {
    const existing = this.found.get(name);
    if (!existing || at.TextStart < existing.at) this.found.set(name, { name, kind, at: at.TextStart });
  }
}
