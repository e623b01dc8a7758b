/**
 * State shared while converting one bound Kusto tree into our plan: the `let` scopes (names
 * to converted scalars and tabular plans), positions for messages, and small readers of
 * Kusto's symbols (types, result columns).
 */
import { kusto, listToArray, syntaxClass, type KSyntaxElement } from '../frontend/kusto.js';
import { lineLocator } from '../frontend/analyze.js';
import { normalizeKqlType, type KqlType } from '../engine/values.js';
import { UnsupportedFeatureError, type ColumnDef, type ScalarExpr, type SourcePos, type TabularPlan } from './types.js';

/** What a name bound by `let`, a lambda parameter or `as` stands for. */
export type Binding =
  | { kind: 'scalar'; expr: ScalarExpr }
  | { kind: 'tabular'; plan: TabularPlan }
  /** A lambda: calls are converted from Kusto's expansion of the call. */
  | { kind: 'function' };

export class PlanContext {
  private readonly scopes: Map<string, Binding>[] = [new Map()];
  private readonly locate: (offset: number) => SourcePos;
  private sharedIds = 0;
  /** Names of aggregate functions, from Kusto's own list. */
  readonly aggregateNames: Set<string>;
  /** The input of the pipe operator being converted (for `invoke`, `as`). */
  pipeInput: TabularPlan | null = null;
  /**
   * Text ranges [start, end) of `union isfuzzy=true` legs that read unknown tables. Kusto drops
   * such legs before binding the rest, so the query is bound again with these ranges blanked.
   */
  readonly fuzzyBlanks: [number, number][] = [];

  constructor(
    readonly text: string,
    /** Whether the database the query was bound against has this table. */
    readonly knownTable: (name: string) => boolean = () => true,
    /** The syntax tree of `text` (function expansions live in trees of their own). */
    private readonly tree: Kusto.Language.Syntax.SyntaxTree | null = null,
    /** Every table of the database the query was bound against (for `search` without `in`). */
    readonly databaseTables: () => Kusto.Language.Symbols.TableSymbol[] = () => [],
  ) {
    this.locate = lineLocator(text);
    const K = kusto();
    this.aggregateNames = new Set(listToArray(K.GlobalState.Default!.Aggregates).map((a) => a.Name ?? ''));
  }

  /** Position of a syntax element's first token. */
  pos(node: KSyntaxElement): SourcePos {
    return this.locate(node.TextStart);
  }

  /** Whether a node belongs to the query text itself (not to the expansion of a function body). */
  inQueryText(node: KSyntaxElement): boolean {
    return this.tree !== null && node.Tree === this.tree;
  }

  /** Throws the typed error for syntax the engine does not implement. */
  unsupported(feature: string, node: KSyntaxElement, detail = ''): never {
    throw new UnsupportedFeatureError(feature, this.pos(node), detail);
  }

  lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = this.scopes[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  }

  bind(name: string, binding: Binding): void {
    this.scopes[this.scopes.length - 1]!.set(name, binding);
  }

  /** Runs `body` in a fresh scope (lambda bodies, function expansions). */
  withScope<T>(body: () => T): T {
    this.scopes.push(new Map());
    try {
      return body();
    } finally {
      this.scopes.pop();
    }
  }

  /** Wraps a plan so that every reference shares one evaluation. */
  share(plan: TabularPlan): TabularPlan {
    if (plan.op === 'shared' || plan.op === 'table') return plan;
    return { op: 'shared', id: ++this.sharedIds, input: plan, columns: plan.columns, pos: plan.pos, operator: plan.operator };
  }
}

/** Our KqlType for a Kusto type symbol (`dynamic(array)` and friends → dynamic; unknown → dynamic). */
export function kqlTypeOf(symbol: Kusto.Language.Symbols.TypeSymbol | Kusto.Language.Symbols.Symbol | null | undefined): KqlType {
  const name = symbol?.Name ?? '';
  const normalized = normalizeKqlType(name);
  if (normalized) return normalized;
  return 'dynamic';
}

/** Result columns of a tabular type symbol (TableSymbol or TupleSymbol); [] when it has none. */
export function columnsOf(symbol: Kusto.Language.Symbols.Symbol | null | undefined): ColumnDef[] {
  const cols = (symbol as Kusto.Language.Symbols.TableSymbol | null | undefined)?.Columns;
  return listToArray(cols).map((c) => ({ name: c.Name ?? '', type: kqlTypeOf(c.Type) }));
}

/** The bound result type of an expression node. */
export function resultType(node: KSyntaxElement): KqlType {
  return kqlTypeOf((node as Kusto.Language.Syntax.Expression).ResultType);
}

/** Name of the symbol class a node references (`ColumnSymbol`, `VariableSymbol`, `TableSymbol` …), '' when none. */
export function referencedKind(node: KSyntaxElement): string {
  const sym = (node as Kusto.Language.Syntax.SyntaxNode).ReferencedSymbol;
  if (!sym) return '';
  const full = (sym.constructor as unknown as { $$name?: string }).$$name ?? '';
  return full.slice(full.lastIndexOf('.') + 1);
}

/** The name a projection gives an unnamed expression (`tostring(a)` → `a`, `d.x` → `d_x`), null when Kusto would number it. */
export function projectionName(expr: KSyntaxElement): string | null {
  if (syntaxClass(expr) === 'SimpleNamedExpression') return (expr as Kusto.Language.Syntax.SimpleNamedExpression).Name?.SimpleName ?? null;
  return kusto().KustoFacts.GetExpressionResultName(expr as Kusto.Language.Syntax.Expression, null, null);
}
