/**
 * Where each URL of the web app lives in a static export, and the rewriting of a page's links to
 * those files. Static hosts and `file://` serve files, not routes: `/rules/<id>` becomes
 * `rules/<id>.html`, `/` becomes `index.html`, and every link is made relative to the page
 * holding it, so the site works from any folder.
 */

/**
 * The export's file for an app path (with its query and fragment), relative to the export's
 * root; null for a path the export has no file for. The feed keeps its query (the exported
 * feed filters in the browser); other pages exist once, unfiltered, so theirs is dropped.
 */
export function exportPath(url: string): string | null {
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
  const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt) : '';
  if (path === '/' || path === '') return `index.html${query}${fragment}`;
  const fixed: Record<string, string> = {
    '/coverage': 'coverage.html',
    '/coverage/layer.json': 'coverage/layer.json',
    '/coverage.csv': 'coverage.csv',
    '/feed.atom': 'feed.atom',
    '/api/rules': 'api/rules.json',
    '/api/coverage': 'api/coverage.json',
  };
  if (fixed[path]) return `${fixed[path]}${fragment}`;
  let m = /^\/rules\/([^/]+)$/.exec(path);
  if (m) return `rules/${fileSegment(m[1]!)}.html${fragment}`;
  m = /^\/api\/rules\/([^/]+)$/.exec(path);
  if (m) return `api/rules/${fileSegment(m[1]!)}.json`;
  m = /^\/assets\/([^/]+)$/.exec(path);
  if (m) return `assets/${m[1]}`;
  return null;
}

/**
 * A URL path segment as the export names the file: the segment as the app encodes it
 * (`encodeURIComponent` of the id, so no `/` or `..` can appear), and in links its `%` escaped
 * again, because a browser decodes a link once before it looks for the file.
 */
function fileSegment(segment: string): string {
  return segment.replaceAll('%', '%25');
}

/** The file name on disk for a rule id (see `fileSegment`). */
export function ruleFileName(id: string): string {
  return encodeURIComponent(id);
}

/** `../` enough times to reach the export root from a file at `file` (`rules/x.html` → `../`). */
export function rootPrefix(file: string): string {
  return '../'.repeat(file.split('/').length - 1);
}

const LINK_ATTRIBUTE = /\b(href|src|action|formaction)="([^"]*)"/g;

/**
 * Rewrites the links of an exported document. `origin` is the absolute URL the app was told it
 * lives at (its absolute links start with it); `base` is where the export will be served, or
 * null to make every link relative to `file`.
 */
export function rewriteLinks(text: string, file: string, origin: string, base: string | null): string {
  const prefix = rootPrefix(file);
  const target = (url: string): string | null => {
    const local = url.startsWith(origin) ? url.slice(origin.length) || '/' : url.startsWith('/') && !url.startsWith('//') ? url : null;
    if (local === null) return null;
    const mapped = exportPath(local);
    if (mapped === null) return null;
    return base ? `${base}/${mapped}` : `${prefix}${mapped}`;
  };
  return text.replace(LINK_ATTRIBUTE, (whole, name: string, url: string) => {
    const next = target(url);
    return next === null ? whole : `${name}="${next}"`;
  });
}

/** The same mapping for one absolute URL outside markup (the Navigator layer's links); null when it has no file. */
export function exportUrl(url: string, origin: string, base: string): string | null {
  if (!url.startsWith(origin)) return url;
  const mapped = exportPath(url.slice(origin.length) || '/');
  return mapped === null ? null : `${base}/${mapped}`;
}
