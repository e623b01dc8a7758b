/** Syntax errors of a KQL text from the parser alone (no binding, no schemas): cheap enough to run over every file of a collection. */
import { kusto, listToArray, parseQuerySyntax } from './kusto.js';
import { lineLocator } from './analyze.js';

/** One syntax error, 1-based position. */
export interface KqlSyntaxProblem {
  message: string;
  line: number;
  column: number;
}

/** The parser's errors for `text`, in order; never throws (a parser failure is reported as an error at 1:1). */
export function kqlSyntaxErrors(text: string): KqlSyntaxProblem[] {
  try {
    const root = parseQuerySyntax(text);
    const locate = lineLocator(text);
    return listToArray(root.GetContainedDiagnostics(kusto().Syntax.DiagnosticsInclude.Syntactic))
      .filter((d) => (d.Severity ?? '').toLowerCase() === 'error')
      .map((d) => ({ message: d.Message ?? '', ...locate(d.Start) }));
  } catch (err) {
    return [{ message: `the parser failed: ${(err as Error).message}`, line: 1, column: 1 }];
  }
}
