/**
 * Parses and binds a KQL query with Kusto.Language against the tables in play, and reports its
 * diagnostics with line and column. The bound tree stays inside an opaque `AnalyzedQuery` that
 * only the plan builder opens.
 */
import { kusto, listToArray } from './kusto.js';
import { globalStateFor } from './global-state.js';
import type { TableSchema } from '../schema/table-schema.js';

/** One diagnostic of the parser or binder; lines and columns are 1-based, end exclusive. */
export interface QueryDiagnostic {
  message: string;
  severity: 'error' | 'warning' | 'suggestion' | 'information';
  /** Kusto's diagnostic code (`KS204` …). */
  code: string;
  /** `syntax` when the parser reported it, `semantic` when the binder did (unknown names, types). */
  phase: 'syntax' | 'semantic';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const CODE = Symbol('kusto-code');

/** A parsed and bound query; opaque outside the frontend and the plan builder. */
export interface AnalyzedQuery {
  readonly text: string;
  readonly [CODE]: Kusto.Language.KustoCode;
}

/** Parses and binds `text` against `tables`; never throws for a bad query (errors come back as diagnostics). */
export function analyzeQuery(text: string, options: { tables: readonly TableSchema[] }): {
  diagnostics: QueryDiagnostic[];
  code: AnalyzedQuery;
} {
  const K = kusto();
  const code = K.KustoCode.ParseAndAnalyze(text, globalStateFor(options.tables));
  if (!code) throw new Error('Kusto.Language returned no analysis');
  const locate = lineLocator(text);
  const syntaxKeys = new Set(listToArray(code.GetSyntaxDiagnostics()).map((d) => `${d.Start}:${d.Code}`));
  const diagnostics = listToArray(code.GetDiagnostics()).map((d): QueryDiagnostic => {
    const start = locate(d.Start);
    const end = locate(d.End);
    return {
      message: d.Message ?? '',
      severity: normalizeSeverity(d.Severity),
      code: d.Code ?? '',
      phase: syntaxKeys.has(`${d.Start}:${d.Code}`) ? 'syntax' : 'semantic',
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  });
  return { diagnostics, code: { text, [CODE]: code } };
}

/** The Kusto analysis inside an AnalyzedQuery (for `src/kql/plan/` only). */
export function kustoCodeOf(query: AnalyzedQuery): Kusto.Language.KustoCode {
  return query[CODE];
}

/** Maps a character offset to a 1-based line and column. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

function normalizeSeverity(severity: string | null): QueryDiagnostic['severity'] {
  switch ((severity ?? '').toLowerCase()) {
    case 'warning':
      return 'warning';
    case 'suggestion':
      return 'suggestion';
    case 'information':
      return 'information';
    default:
      return 'error';
  }
}
