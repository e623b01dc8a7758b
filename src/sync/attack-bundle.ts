/** Finds the ATT&CK bundle a sync uses: a local file, or a download kept in the cache. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttackLocation } from '../config/config-types.js';

const DOWNLOAD_TIMEOUT_MS = 120_000;

export interface AttackBundleFile {
  path: string;
  /** sha256 of the file: rules are re-derived when ATT&CK changes. */
  sha256: string;
  /** Set when a download failed and an earlier copy from the cache is used. */
  warning?: string;
}

/**
 * The local path of the configured bundle. A URL is downloaded over https into
 * `<cacheDir>/attack/`; when the download fails a cached copy is used with a warning, and
 * without one the Error says how to configure a local file instead. `preferCache` skips the
 * download when a copy is cached (serving needs no fresh copy).
 */
export async function resolveAttackBundle(
  location: AttackLocation,
  cacheDir: string,
  opts: { preferCache?: boolean } = {},
): Promise<AttackBundleFile> {
  if (location.kind === 'file') {
    if (!existsSync(location.path)) throw new Error(`ATT&CK bundle not found: ${location.path} (the "attack" key of the configuration)`);
    return { path: location.path, sha256: sha256File(location.path) };
  }
  const folder = join(cacheDir, 'attack');
  const file = join(folder, `${createHash('sha256').update(location.url).digest('hex').slice(0, 12)}.json`);
  if (opts.preferCache && existsSync(file)) return { path: file, sha256: sha256File(file) };
  try {
    const response = await fetch(location.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    const body = Buffer.from(await response.arrayBuffer());
    mkdirSync(folder, { recursive: true });
    writeFileSync(`${file}.part`, body);
    renameSync(`${file}.part`, file);
    return { path: file, sha256: sha256File(file) };
  } catch (err) {
    const reason = describeFetchError(err);
    if (existsSync(file)) {
      return { path: file, sha256: sha256File(file), warning: `could not download ATT&CK from ${location.url} (${reason}); using the copy cached at ${file}` };
    }
    throw new Error(
      `could not download the ATT&CK bundle from ${location.url} (${reason}) and no copy is cached; ` +
        'set "attack" in the configuration to a local enterprise-attack.json',
    );
  }
}

function describeFetchError(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
