/**
 * Keeps a shallow, sparse checkout of a git source in the cache: only the configured paths,
 * only the newest commit of the ref, updated by a fetch on every sync.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Ten minutes: a first sparse clone of a large repository over a slow line. */
const GIT_TIMEOUT_MS = 10 * 60 * 1000;

export interface GitCheckout {
  /** Folder holding the checked-out files. */
  root: string;
  /** The commit checked out. */
  commit: string;
}

/**
 * Clones (first time) or fetches (later) `url` at `ref` (default branch when null) into
 * `folder`, sparse on `patterns` (gitignore-style, as the config's globs are), and checks the
 * fetched commit out. Throws an Error naming the source, the git step and git's message.
 */
export async function checkoutGitSource(name: string, url: string, ref: string | null, patterns: string[], folder: string): Promise<GitCheckout> {
  const git = async (step: string, args: string[]) => {
    try {
      const { stdout } = await run('git', ['-C', folder, '-c', 'advice.detachedHead=false', ...args], {
        timeout: GIT_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
        // Never wait for a password prompt: a sync runs unattended.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo' },
      });
      return stdout.trim();
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      const detail = (e.stderr ?? '').trim().split('\n').filter(Boolean).slice(-3).join(' / ') || e.message;
      throw new Error(`git ${step} failed for source ${name} (${url}): ${detail}`);
    }
  };

  if (!existsSync(join(folder, '.git'))) {
    mkdirSync(folder, { recursive: true });
    await git('init', ['init', '--quiet']);
    await git('remote add', ['remote', 'add', 'origin', url]);
  } else {
    await git('remote set-url', ['remote', 'set-url', 'origin', url]);
  }
  // Blobs outside the sparse patterns are never downloaded (partial clone); the config may
  // have changed its paths since the last sync, so the patterns are set every time.
  await git('config', ['config', 'remote.origin.promisor', 'true']);
  await git('config', ['config', 'remote.origin.partialclonefilter', 'blob:none']);
  await git('sparse-checkout', ['sparse-checkout', 'set', '--no-cone', ...patterns]);
  await git('fetch', ['fetch', '--quiet', '--depth', '1', '--filter=blob:none', 'origin', ref ?? 'HEAD']);
  await git('checkout', ['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD']);
  const commit = await git('rev-parse', ['rev-parse', 'HEAD']);
  return { root: folder, commit };
}
