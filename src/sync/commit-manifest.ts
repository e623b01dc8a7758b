/** Per-file commit manifests: for folders assembled from several upstream commits. */
import { readFileSync } from 'node:fs';

/**
 * Reads a TSV manifest whose lines are `path<TAB>commit[<TAB>…]` (paths relative to the
 * source root, POSIX). Blank lines and lines starting with `#` are skipped; a line without a
 * 7–40 hex-digit commit is an error naming the line. Throws when the file cannot be read.
 */
export function readCommitManifest(file: string): Map<string, string> {
  const commits = new Map<string, string>();
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [path, commit] = line.split('\t');
    if (!path || !commit || !/^[0-9a-f]{7,40}$/i.test(commit.trim())) {
      throw new Error(`${file}:${i + 1}: expected "path<TAB>commit", got ${JSON.stringify(line.slice(0, 120))}`);
    }
    commits.set(path, commit.trim().toLowerCase());
  });
  return commits;
}
