import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AttackKnowledgeBase } from '../../attack/index.js';
import type { CatalogStore } from '../../store/catalog-store.js';
import { createWebApp } from '../server.js';
import { allAssets } from '../static-assets.js';
import type { NavigatorLayer } from '../coverage/navigator-layer.js';
import { replaceServerOnly } from './needs-server.js';
import { searchIndex, searchIndexScript } from './search-index.js';
import { exportUrl, rewriteLinks, ruleFileName } from './site-paths.js';

/**
 * `socfeed export`: the whole site as static files, made by requesting the real app's routes
 * (no second set of views) and rewriting what a static host cannot do: links become relative
 * file paths, server-only parts become a note, module scripts go (they do not run from
 * file://), a CSP meta tag stands in for the header, and the feed searches in the browser.
 */

export interface ExportOptions {
  store: CatalogStore;
  attack: AttackKnowledgeBase;
  outDir: string;
  /**
   * Where the export will be served (`https://example.org/socfeed`), for the links that should
   * be absolute: the Atom feed's and the layer's. Null: relative Atom links and no layer links.
   * Pages always link relatively.
   */
  baseUrl: string | null;
  /** Called after each rule page. */
  onProgress?: (done: number, total: number) => void;
}

export interface ExportReport {
  rules: number;
  files: number;
  bytes: number;
  /** Files of the previous export into the same folder that this one no longer has (rules removed since), deleted. */
  removed: number;
}

/** Lists the files an export wrote, so the next export into the folder can remove the ones it no longer writes. */
export const MANIFEST = 'socfeed-export.json';

/** The origin the app is told it lives at; its absolute links are rewritten from it. */
const ORIGIN = 'https://socfeed-export.invalid';

/**
 * The served CSP without what a meta tag cannot carry (frame-ancestors is ignored there, with a
 * console error). `'self'` also covers file:// pages' own files in Chromium.
 */
export const EXPORT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

const MODULE_SCRIPT = /<script type="module" src="[^"]*"><\/script>\n?/g;

/** Writes the export into `outDir` (created if needed; other files in it are left alone). */
export async function exportSite(opts: ExportOptions): Promise<ExportReport> {
  const base = opts.baseUrl?.replace(/\/+$/, '') ?? null;
  const app = createWebApp({ store: opts.store, attack: opts.attack, publicUrl: ORIGIN });
  const report: ExportReport = { rules: 0, files: 0, bytes: 0, removed: 0 };
  const written = new Set<string>();

  const get = async (path: string): Promise<string> => {
    const res = await app.request(`${ORIGIN}${path}`);
    if (res.status !== 200) throw new Error(`static export: ${path} answered HTTP ${res.status}`);
    return res.text();
  };
  const write = (file: string, body: string | Uint8Array) => {
    const target = join(opts.outDir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
    written.add(file);
    report.files++;
    report.bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  };
  const page = async (path: string, file: string, extraHead = '') => {
    let text = replaceServerOnly(await get(path)).replace(MODULE_SCRIPT, '');
    text = text.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`);
    if (extraHead) text = text.replace('</head>', `${extraHead}\n</head>`);
    // Pages stay relative even with a base URL, so the folder also works from file://.
    write(file, rewriteLinks(text, file, ORIGIN, null));
  };

  await page('/', 'index.html', '<script src="/assets/static-search.js" data-index="search-index.js" defer></script>');
  write('search-index.js', searchIndexScript(searchIndex(opts.store, (row) => rewriteLinks(row, 'index.html', ORIGIN, null))));
  await page('/coverage', 'coverage.html');

  const ids = opts.store.allRuleIds();
  for (const [i, id] of ids.entries()) {
    const segment = encodeURIComponent(id);
    await page(`/rules/${segment}`, `rules/${ruleFileName(id)}.html`);
    write(`api/rules/${ruleFileName(id)}.json`, await get(`/api/rules/${segment}`));
    report.rules++;
    opts.onProgress?.(i + 1, ids.length);
  }

  write('api/rules.json', JSON.stringify(await allRulesJson(get)));
  write('api/coverage.json', await get('/api/coverage'));
  write('coverage.csv', await get('/coverage.csv'));
  write('coverage/layer.json', JSON.stringify(exportLayer(JSON.parse(await get('/coverage/layer.json')) as NavigatorLayer, base), null, 2) + '\n');
  write('feed.atom', rewriteLinks(await get('/feed.atom'), 'feed.atom', ORIGIN, base));
  for (const asset of allAssets()) write(`assets/${asset.name}`, new Uint8Array(asset.body));
  report.removed = removeStale(opts.outDir, written);
  writeFileSync(join(opts.outDir, MANIFEST), JSON.stringify({ generator: 'socfeed export', files: [...written].sort() }, null, 1) + '\n');
  return report;
}

/**
 * Deletes the files the previous export listed in its manifest and this one did not write.
 * Only listed files are touched, so nothing else in the folder is ever deleted.
 */
function removeStale(outDir: string, written: Set<string>): number {
  const manifest = join(outDir, MANIFEST);
  if (!existsSync(manifest)) return 0;
  let previous: unknown;
  try {
    previous = (JSON.parse(readFileSync(manifest, 'utf8')) as { files?: unknown }).files;
  } catch {
    return 0; // not ours, or damaged: leave the folder alone
  }
  if (!Array.isArray(previous)) return 0;
  let removed = 0;
  for (const file of previous) {
    // A manifest names files inside the folder; anything else is not from us.
    if (typeof file !== 'string' || written.has(file) || file.split('/').some((part) => part === '..' || part === '') || file.startsWith('/')) continue;
    const target = join(outDir, file);
    if (existsSync(target)) {
      rmSync(target, { force: true });
      removed++;
    }
  }
  return removed;
}

/** `/api/rules` in full: the route's pages (500 rules each) joined. */
async function allRulesJson(get: (path: string) => Promise<string>): Promise<{ total: number; rules: unknown[] }> {
  const rules: unknown[] = [];
  let total = 0;
  for (let offset = 0; offset === 0 || offset < total; offset += 500) {
    const page = JSON.parse(await get(`/api/rules?limit=500&offset=${offset}&sort=name`)) as { total: number; rules: unknown[] };
    total = page.total;
    rules.push(...page.rules);
    if (page.rules.length === 0) break;
  }
  return { total, rules };
}

/** The layer's links pointed at the export under `base`; without a base they go (the format wants absolute URLs). */
function exportLayer(layer: NavigatorLayer, base: string | null): NavigatorLayer {
  if (!base) {
    delete layer.links;
    for (const t of layer.techniques) delete t.links;
    return layer;
  }
  const map = (url: string) => exportUrl(url, ORIGIN, base) ?? url;
  if (layer.links) layer.links = layer.links.map((l) => ({ ...l, url: map(l.url) }));
  for (const t of layer.techniques) {
    if (t.links) t.links = t.links.map((l) => ('url' in l ? { ...l, url: map(l.url) } : l));
  }
  return layer;
}
