/**
 * Binds a KQL query against table schemas for lint: parse and semantic diagnostics, with tables
 * the schemas do not know added as *open* tables (any column allowed) so that one unknown table
 * gives one finding instead of an error on every column it is followed by. Also reads the
 * query facts from the same syntax tree (one parse). Plain data out.
 */
import { kusto, listToArray } from '../kusto.js';
import { lineLocator } from '../analyze.js';
import { referencedSources, type ReferencedSource } from '../referenced-tables.js';
import type { TableSchema } from '../../schema/table-schema.js';
import { FactCollector } from './fact-collector.js';
import type { KqlQueryFacts } from './query-facts.js';

/** One diagnostic of Kusto's parser or binder, 1-based position. */
export interface BindDiagnostic {
  /** `syntax` from the parser, `semantic` from the binder. */
  stage: 'syntax' | 'semantic';
  /** Kusto's code (`KS142` unknown name in scalar position, `KS204` in tabular position, `KS211` unknown function). */
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** The name the message is about (`'X' does not refer to …`), when it names one. */
  name: string | null;
  line: number;
  column: number;
}

export interface BindResult {
  diagnostics: BindDiagnostic[];
  sources: ReferencedSource[];
  /** Tables the query reads that the schemas lack (bound as open tables). */
  unknownTables: string[];
  facts: Omit<KqlQueryFacts, 'syntaxErrors' | 'sources'>;
}

const stateCache = new WeakMap<readonly TableSchema[], Map<string, Kusto.Language.GlobalState>>();

function columnsOf(S: typeof Kusto.Language.Symbols, t: TableSchema): Kusto.Language.Symbols.ColumnSymbol[] {
  const scalar = (type: string) => S.ScalarTypes.GetSymbol(type) ?? (S.ScalarTypes.Dynamic as Kusto.Language.Symbols.ScalarSymbol);
  return t.columns.map((c) => new S.ColumnSymbol(c.name, scalar(c.type), null, null, null, null));
}

/** The global state with `tables` and, for each name of `open`, an open table; cached per schema set and open-name set. */
function stateFor(tables: readonly TableSchema[], open: string[]): Kusto.Language.GlobalState {
  const key = open.join('\u0000');
  let perSchemas = stateCache.get(tables);
  if (!perSchemas) stateCache.set(tables, (perSchemas = new Map()));
  const cached = perSchemas.get(key);
  if (cached) return cached;
  const K = kusto();
  const S = K.Symbols;
  const symbols: Kusto.Language.Symbols.Symbol[] = tables.map((t) => new S.TableSymbol.$ctor4(t.name, columnsOf(S, t)));
  for (const name of open) symbols.push(new S.TableSymbol.$ctor4(name, []).WithIsOpen(true)!);
  // Bridge.NET accepts a JS array where C# takes IEnumerable<Symbol>.
  const db = new S.DatabaseSymbol.$ctor1('socfeed', symbols as unknown as System.Collections.Generic.IEnumerable$1<Kusto.Language.Symbols.Symbol>, false);
  const state = K.GlobalState.Default!.WithDatabase(db)!;
  if (perSchemas.size > 256) perSchemas.clear();
  perSchemas.set(key, state);
  return state;
}

/** Parses and binds `query` against `tables`; never throws (a failure of the library becomes one diagnostic). */
export function bindCheck(query: string, tables: readonly TableSchema[]): BindResult {
  const sources = referencedSources(query);
  const known = new Set(tables.map((t) => t.name));
  const unknownTables = sources.filter((s) => s.kind === 'table' && !known.has(s.name)).map((s) => s.name);
  const locate = lineLocator(query);
  const emptyFacts = { columnsRead: [], columnsFiltered: [], predicates: [], timeBounds: [], thresholds: [], aggregations: [], joins: [], functionsCalled: [] };
  let code: Kusto.Language.KustoCode | null;
  try {
    code = kusto().KustoCode.ParseAndAnalyze(query, stateFor(tables, unknownTables));
  } catch (err) {
    const diag: BindDiagnostic = { stage: 'syntax', code: 'socfeed', severity: 'error', message: `Kusto.Language failed: ${(err as Error).message}`, name: null, line: 1, column: 1 };
    return { diagnostics: [diag], sources, unknownTables, facts: emptyFacts };
  }
  if (!code?.Syntax) return { diagnostics: [], sources, unknownTables, facts: emptyFacts };
  const diagnostics = listToArray(code.GetDiagnostics())
    .filter((d) => /^(error|warning)$/i.test(d.Severity ?? ''))
    .map((d): BindDiagnostic => ({
      // Kusto numbers parser diagnostics KS001–KS099; a few binder codes (KS176 "Query operator expected", KS198) are about syntax too.
      stage: /^KS0\d\d$/.test(d.Code ?? '') || /expected|unexpected|missing/i.test(d.Message ?? '') ? 'syntax' : 'semantic',
      code: d.Code ?? '',
      severity: (d.Severity ?? '').toLowerCase() === 'warning' ? 'warning' : 'error',
      message: d.Message ?? '',
      name: /^The (?:fuzzy )?name '([^']+)'/.exec(d.Message ?? '')?.[1] ?? null,
      ...locate(d.Start),
    }));
  let facts: BindResult['facts'] = emptyFacts;
  try {
    facts = new FactCollector(new Set(sources.map((s) => s.name)), locate).collect(code.Syntax);
  } catch {
    // Facts are a bonus for lint; the diagnostics stand on their own.
  }
  return { diagnostics, sources, unknownTables, facts };
}
