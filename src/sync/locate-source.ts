/** Where a source's files are on disk for this sync, and at which commit. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceConfig } from '../config/config-types.js';
import { readCommitManifest } from './commit-manifest.js';
import { checkoutGitSource } from './git-checkout.js';

export interface LocatedSource {
  root: string;
  /** The checked-out commit (git) or the configured ref (dir); null when neither is known. */
  commit: string | null;
  /** Per-file commits of a dir source with a manifest. */
  manifest: Map<string, string> | null;
}

/**
 * A dir source is used in place; a git source is cloned or fetched into
 * `<cacheDir>/sources/<name>`. Throws an Error naming the source when neither works.
 */
export async function locateSource(source: SourceConfig, cacheDir: string): Promise<LocatedSource> {
  if (source.location.kind === 'git') {
    const folder = join(cacheDir, 'sources', source.name);
    const checkout = await checkoutGitSource(source.name, source.location.url, source.ref, source.paths, folder);
    return { root: checkout.root, commit: checkout.commit, manifest: null };
  }
  const root = source.location.path;
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new Error(`folder of source ${source.name} not found: ${root}`);
  let manifest: Map<string, string> | null = null;
  if (source.manifest) {
    try {
      manifest = readCommitManifest(source.manifest);
    } catch (err) {
      throw new Error(`commit manifest of source ${source.name}: ${(err as Error).message}`);
    }
  }
  return { root, commit: source.ref, manifest };
}
