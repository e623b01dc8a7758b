/** Lists the files a source's globs select. */
import { glob } from 'tinyglobby';

/**
 * Files under `root` matching `patterns`, relative POSIX paths, sorted (so ids, counts and
 * progress are the same from run to run). Dot files and folders (`.git`) are never matched.
 */
export async function listSourceFiles(root: string, patterns: string[]): Promise<string[]> {
  const files = await glob(patterns, { cwd: root, onlyFiles: true, dot: false, followSymbolicLinks: false, expandDirectories: false });
  return files.sort();
}
