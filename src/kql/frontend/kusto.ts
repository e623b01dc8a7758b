/// <reference path="../../../node_modules/@kusto/language-service-next/Kusto.Language.Bridge.d.ts" />
/**
 * The one place that loads Microsoft's Kusto.Language (Bridge.NET build of the C# parser and
 * binder from `@kusto/language-service-next`). The package defines a global `Kusto` when its
 * two scripts are `require`d in order; we load them once per process, lazily, and hand out the
 * `Kusto.Language` namespace. Only modules under `src/kql/frontend/` and `src/kql/plan/` may
 * touch its objects.
 */
import { createRequire } from 'node:module';

export type KustoLanguage = typeof Kusto.Language;
export type KSyntaxElement = Kusto.Language.Syntax.SyntaxElement;
export type KSyntaxNode = Kusto.Language.Syntax.SyntaxNode;
export type KExpression = Kusto.Language.Syntax.Expression;

let loaded: KustoLanguage | null = null;
let loadMillis = 0;

/** Loads Kusto.Language on first call (a few hundred ms) and returns it; later calls are free. */
export function kusto(): KustoLanguage {
  if (loaded) return loaded;
  const started = performance.now();
  const require = createRequire(import.meta.url);
  require(require.resolve('@kusto/language-service-next/bridge.min.js'));
  require(require.resolve('@kusto/language-service-next/Kusto.Language.Bridge.min.js'));
  loaded = (globalThis as unknown as { Kusto: typeof Kusto }).Kusto.Language;
  loadMillis = performance.now() - started;
  return loaded;
}

/** Milliseconds the first `kusto()` call spent loading the library (0 before it is loaded). */
export function kustoLoadMillis(): number {
  return loadMillis;
}

/** The Bridge.NET type name of a syntax element without its namespace (`PipeExpression`, `SeparatedElement$1$…`). */
export function syntaxClass(element: KSyntaxElement): string {
  // Bridge.NET stores the C# type name on the constructor.
  const full = (element.constructor as unknown as { $$name?: string }).$$name ?? '';
  const plain = full.startsWith('Kusto.Language.Syntax.') ? full.slice('Kusto.Language.Syntax.'.length) : full;
  return plain;
}

/** The children of a syntax element as a JS array (nulls for absent optional children are dropped). */
export function children(element: KSyntaxElement): KSyntaxElement[] {
  const out: KSyntaxElement[] = [];
  const n = element.ChildCount;
  for (let i = 0; i < n; i++) {
    const c = element.GetChild(i);
    if (c) out.push(c);
  }
  return out;
}

/** Converts a Bridge.NET read-only list to a JS array (null → []). */
export function listToArray<T>(list: System.Collections.Generic.IReadOnlyList$1<T> | null | undefined): T[] {
  if (!list) return [];
  // Bridge.NET hands some lists over as plain JS arrays.
  if (Array.isArray(list)) return [...(list as unknown as T[])];
  const out: T[] = [];
  const n = (list as unknown as { Count: number }).Count;
  for (let i = 0; i < n; i++) out.push(list.getItem(i));
  return out;
}

/** The elements of a separated syntax list (`a, b, c`) without their separators. */
export function separatedElements<T extends KSyntaxElement>(
  list: Kusto.Language.Syntax.SyntaxList$1<Kusto.Language.Syntax.SeparatedElement$1<T>> | null | undefined,
): T[] {
  if (!list) return [];
  // Bridge.NET hands some lists over as plain JS arrays.
  if (Array.isArray(list)) return [...(list as unknown as T[])];
  const out: T[] = [];
  const n = (list as unknown as { Count: number }).Count;
  for (let i = 0; i < n; i++) {
    const el = (list.getItem(i) as unknown as { Element: T | null }).Element;
    if (el) out.push(el);
  }
  return out;
}

/** The elements of a separated syntax list with the separator token after each (null after the last). */
export function separatedItems<T extends KSyntaxElement>(
  list: Kusto.Language.Syntax.SyntaxList$1<Kusto.Language.Syntax.SeparatedElement$1<T>> | null | undefined,
): { element: T; separator: Kusto.Language.Syntax.SyntaxToken | null }[] {
  if (!list) return [];
  if (Array.isArray(list)) return (list as unknown as T[]).map((element) => ({ element, separator: null }));
  const out: { element: T; separator: Kusto.Language.Syntax.SyntaxToken | null }[] = [];
  const n = (list as unknown as { Count: number }).Count;
  for (let i = 0; i < n; i++) {
    const item = list.getItem(i) as unknown as { Element: T | null; Separator: Kusto.Language.Syntax.SyntaxToken | null };
    if (item.Element) out.push({ element: item.Element, separator: item.Separator });
  }
  return out;
}

let syntaxOptions: Kusto.Language.ParseOptions | null = null;

/**
 * The trees of the last few queries parsed. Sync reads a rule's tables from its tree, then
 * enrichment reads the query's facts right after, in the same thread: the second parse of the
 * same text is then free. Syntax-only trees are only read by our walkers, never changed, so
 * sharing one is safe. Small: a rule file holds at most a handful of queries.
 */
const recentTrees = new Map<string, KSyntaxNode>();
const RECENT_TREES = 16;

/**
 * Parses a query into its syntax tree only, through Kusto's hand-written QueryParser.
 * `KustoCode.Parse` also builds the combinator grammar for the globals (seconds on first use)
 * and other editor state; table extraction over a whole corpus needs none of that.
 * The tree is shared with later callers parsing the same text: do not bind or change it.
 */
export function parseQuerySyntax(text: string): KSyntaxNode {
  const recent = recentTrees.get(text);
  if (recent) return recent;
  const K = kusto();
  syntaxOptions ??= K.ParseOptions.Default!.WithAlwaysProduceEndTokens(true);
  const tokens = K.Parsing.TokenParser.ParseTokens(text, syntaxOptions);
  const root = K.Parsing.QueryParser.ParseQuery(tokens, 0, syntaxOptions);
  if (!root) throw new Error('Kusto returned no syntax tree');
  // The tree wrapper sets parent links, which the walkers rely on.
  new K.Syntax.SyntaxTree(root, null, 0);
  if (recentTrees.size >= RECENT_TREES) recentTrees.delete(recentTrees.keys().next().value!);
  recentTrees.set(text, root);
  return root;
}
