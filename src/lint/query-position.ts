/**
 * Where a rule's query sits in its file, so a position in the query becomes a position in the
 * file (a YAML block scalar is indented; a Markdown block starts after its fence).
 */

/** Maps a 1-based query line/column to the file; null when the query text cannot be found in the raw file. */
export function queryToFile(raw: string, query: string): ((line: number, column: number) => { line: number; column: number }) | null {
  const queryLines = query.split('\n');
  const first = queryLines.findIndex((l) => l.trim() !== '');
  if (first < 0) return null;
  const rawLines = raw.split('\n');
  const needle = queryLines[first]!.trim();
  for (let i = 0; i < rawLines.length; i++) {
    const at = rawLines[i]!.indexOf(needle);
    if (at < 0) continue;
    // The next non-empty query line must follow too, when there is one, so a repeated first line does not mislead.
    const next = queryLines.slice(first + 1).find((l) => l.trim() !== '');
    if (next !== undefined && !rawLines.slice(i + 1, i + 4).some((l) => l.includes(next.trim()))) continue;
    const lineShift = i - first;
    const colShift = at - queryLines[first]!.indexOf(needle);
    // A single-line `query: T | where …` only shifts the first line's columns.
    return (line, column) => ({ line: line + lineShift, column: column + (colShift > 0 ? colShift : 0) });
  }
  return null;
}
