/**
 * Binds a KQL query against table schemas for lint: parse and semantic diagnostics, the tables
 * the schemas do not know (reported once each: Kusto types an unknown table as an error and
 * stays silent on the operators after it), and the query facts — all from one parse. Plain
 * data out.
 */
import { kusto, listToArray } from '../kusto.js';
import { lineLocator } from '../analyze.js';
import { globalStateFor } from '../global-state.js';
import { referencedSourcesOfSyntax, type ReferencedSource } from '../referenced-tables.js';
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
  /** Tables the query reads that the schemas lack. */
  unknownTables: string[];
  facts: Omit<KqlQueryFacts, 'syntaxErrors' | 'sources'>;
}

/** Parses and binds `query` against `tables`; never throws (a failure of the library becomes one diagnostic). */
export function bindCheck(query: string, tables: readonly TableSchema[]): BindResult {
  const known = new Set(tables.map((t) => t.name));
  let sources: ReferencedSource[] = [];
  let unknownTables: string[] = [];
  const locate = lineLocator(query);
  const emptyFacts = { columnsRead: [], columnsFiltered: [], predicates: [], timeBounds: [], thresholds: [], aggregations: [], joins: [], functionsCalled: [] };
  let code: Kusto.Language.KustoCode | null;
  try {
    // Kusto types an unknown table as an error and reports nothing on the operators after it, so
    // the one parse-and-bind gives both the sources and the diagnostics.
    code = kusto().KustoCode.ParseAndAnalyze(query, globalStateFor(tables));
  } catch (err) {
    const diag: BindDiagnostic = { stage: 'syntax', code: 'socfeed', severity: 'error', message: `Kusto.Language failed: ${(err as Error).message}`, name: null, line: 1, column: 1 };
    return { diagnostics: [diag], sources, unknownTables, facts: emptyFacts };
  }
  if (!code?.Syntax) return { diagnostics: [], sources, unknownTables, facts: emptyFacts };
  sources = referencedSourcesOfSyntax(code.Syntax);
  unknownTables = sources.filter((s) => s.kind === 'table' && !known.has(s.name)).map((s) => s.name);
  const unknown = new Set(unknownTables);
  const diagnostics = listToArray(code.GetDiagnostics())
    .filter((d) => /^(error|warning)$/i.test(d.Severity ?? ''))
    // Unknown tables are reported from `unknownTables`, once each.
    .filter((d) => !unknown.has(/^The (?:fuzzy )?name '([^']+)'/.exec(d.Message ?? '')?.[1] ?? ''))
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
