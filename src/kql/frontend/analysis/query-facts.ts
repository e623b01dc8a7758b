/**
 * What a KQL query looks for, read from Kusto.Language's syntax tree without any schema:
 * the tables and functions it reads, the columns it reads and filters on, the literal values
 * each filter compares against (with the operator and negation), its time window, numeric
 * thresholds, aggregation keys and joins. Plain data: nothing here holds a Kusto object.
 */
import { kusto, listToArray, parseQuerySyntax } from '../kusto.js';
import { lineLocator } from '../analyze.js';
import { referencedSourcesOfSyntax, type ReferencedSource } from '../referenced-tables.js';
import { FactCollector } from './fact-collector.js';

/** One comparison the query makes: `RemoteUrl has_any ('a', 'b')`, `isempty(X)`, `not(A == 1)`. */
export interface KqlPredicate {
  /** Column or expression compared (`RemoteUrl`, `AdditionalFields.Foo`); null when none could be named. */
  field: string | null;
  /** Operator as written (`has_any`, `!has`, `==`, `in~`, `matches regex`, `isempty`, `between`). */
  operator: string;
  /** Literal values compared against, let-bound names and `dynamic([...])` lists resolved. */
  values: string[];
  /** True for `!has`-style operators and anything under `not(...)` (the two cancel). */
  negated: boolean;
  /** `where` for a filter of rows; `other` inside `extend`, `countif` … */
  clause: 'where' | 'other';
  /** The comparison's text, whitespace collapsed. */
  text: string;
  line: number;
  column: number;
}

/** A bound of the time window: `Timestamp > ago(7d)`, `between (now(-5d)..now())`. */
export interface KqlTimeBound {
  column: string | null;
  operator: string;
  /** Offset from now of the lower bound in ms (negative: in the past); null when not relative to now. */
  fromMs: number | null;
  /** Offset from now of the upper bound in ms, when given. */
  toMs: number | null;
  text: string;
}

/** A numeric comparison, usually on an aggregate: `where Count > 10`. */
export interface KqlThreshold {
  field: string;
  operator: string;
  value: number;
  text: string;
}

/** One `summarize`: what it computes and what it groups by. */
export interface KqlAggregation {
  aggregates: string[];
  keys: string[];
}

/** One `join` or `lookup`. */
export interface KqlJoin {
  operator: 'join' | 'lookup';
  kind: string | null;
  /** Tables read by the right side (through `let` names too). */
  tables: string[];
  /** The `on` clause items as written. */
  on: string[];
}

/** A parse error, 1-based position. */
export interface KqlSyntaxError {
  message: string;
  line: number;
  column: number;
}

/** Everything `kqlQueryFacts` reads out of one query. */
export interface KqlQueryFacts {
  syntaxErrors: KqlSyntaxError[];
  sources: ReferencedSource[];
  /** Names the query reads as columns, in order of first use (declared names excluded). */
  columnsRead: string[];
  /** Columns compared in `where` clauses. */
  columnsFiltered: string[];
  predicates: KqlPredicate[];
  timeBounds: KqlTimeBound[];
  thresholds: KqlThreshold[];
  aggregations: KqlAggregation[];
  joins: KqlJoin[];
  /** Functions called by name (built-in and others), lower-cased, without duplicates. */
  functionsCalled: string[];
}

/** Reads the facts of a KQL query; never throws (a query that fails to parse yields what could be read, with its errors). */
export function kqlQueryFacts(query: string): KqlQueryFacts {
  const empty: KqlQueryFacts = {
    syntaxErrors: [],
    sources: [],
    columnsRead: [],
    columnsFiltered: [],
    predicates: [],
    timeBounds: [],
    thresholds: [],
    aggregations: [],
    joins: [],
    functionsCalled: [],
  };
  const locate = lineLocator(query);
  let root: Kusto.Language.Syntax.SyntaxNode;
  try {
    // Syntax only: the full KustoCode.Parse also builds the grammar and editor state (seconds per process).
    root = parseQuerySyntax(query);
  } catch (err) {
    return { ...empty, syntaxErrors: [{ message: `the parser failed: ${(err as Error).message}`, line: 1, column: 1 }] };
  }
  // One parse serves both the sources and the facts.
  const sources = referencedSourcesOfSyntax(root);
  const syntaxErrors = listToArray(root.GetContainedDiagnostics(kusto().Syntax.DiagnosticsInclude.Syntactic))
    .filter((d) => (d.Severity ?? '').toLowerCase() === 'error')
    .map((d) => ({ message: d.Message ?? '', ...locate(d.Start) }));
  try {
    const facts = new FactCollector(new Set(sources.map((s) => s.name)), locate).collect(root);
    return { ...empty, ...facts, sources, syntaxErrors };
  } catch (err) {
    // A walker bug must not lose the rule: report it like a parse problem.
    return { ...empty, sources, syntaxErrors: [...syntaxErrors, { message: `analysis failed: ${(err as Error).message}`, line: 1, column: 1 }] };
  }
}
