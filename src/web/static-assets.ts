import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/**
 * The static assets (one stylesheet, one small script), read once into memory and served by
 * name from a fixed list, so no request path ever reaches the file system. Each URL carries a
 * content hash, which lets responses be cached for a year.
 */

export interface Asset {
  name: string;
  contentType: string;
  body: Buffer;
  /** `/assets/<name>?v=<hash>` */
  url: string;
}

const CONTENT_TYPES = {
  'app.css': 'text/css; charset=utf-8',
  'feed.js': 'text/javascript; charset=utf-8',
  'coverage.js': 'text/javascript; charset=utf-8',
  'static-search.js': 'text/javascript; charset=utf-8',
  'hunt.js': 'text/javascript; charset=utf-8',
  'rule.js': 'text/javascript; charset=utf-8',
  'icon.svg': 'image/svg+xml',
} as const;

export type AssetName = keyof typeof CONTENT_TYPES;

/**
 * `src/web/assets/` when running from source; from `dist/web/` (tsc copies no CSS) the files
 * are found in the package's `src/web/assets/`.
 */
function assetDir(): string {
  const candidates = [new URL('./assets/', import.meta.url), new URL('../../src/web/assets/', import.meta.url)];
  for (const dir of candidates) {
    const path = fileURLToPath(dir);
    if (existsSync(`${path}app.css`)) return path;
  }
  throw new Error(`web assets not found (looked in ${candidates.map((c) => fileURLToPath(c)).join(', ')})`);
}

let loaded: Map<string, Asset> | null = null;

function loadAssets(): Map<string, Asset> {
  if (loaded) return loaded;
  const dir = assetDir();
  const assets = new Map<string, Asset>();
  for (const [name, contentType] of Object.entries(CONTENT_TYPES)) {
    const body = readFileSync(`${dir}${name}`);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    assets.set(name, { name, contentType, body, url: `/assets/${name}?v=${hash}` });
  }
  loaded = assets;
  return assets;
}

/** Every asset (the static export copies them all). */
export function allAssets(): Asset[] {
  return [...loadAssets().values()];
}

/** The asset of that exact name, or null (unknown names, `..`, slashes: all null). */
export function findAsset(name: string): Asset | null {
  return loadAssets().get(name) ?? null;
}

/** The versioned URL of a known asset; throws for a name not in the list (a bug in a view). */
export function assetUrl(name: AssetName): string {
  const asset = findAsset(name);
  if (!asset) throw new Error(`unknown web asset ${name}`);
  return asset.url;
}
