/**
 * The indices an ES|QL query reads, from its source command (`FROM logs-aws.cloudtrail-*,
 * logs-azure.* METADATA _id`). ES|QL rules carry no `index` field: the query is the only place
 * that names their data. A light extraction: the first `FROM` at the start of a line.
 */

const SOURCE_COMMAND = /^\s*from\s+([^|\n]+)/im;

/** The index patterns of the query's `FROM` command, in order; none found gives []. */
export function esqlSourceIndices(query: string): string[] {
  const match = SOURCE_COMMAND.exec(query);
  if (!match) return [];
  const sources = match[1]!.split(/\s+metadata\s/i)[0]!;
  return sources
    .split(',')
    .map((s) => s.trim().replace(/^["'`]|["'`]$/g, ''))
    .filter((s) => /^[\w.*:-]+$/.test(s));
}
