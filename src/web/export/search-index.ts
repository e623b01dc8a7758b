import type { CatalogStore, RuleSummary } from '../../store/catalog-store.js';
import { ruleRow } from '../views/feed.js';

/**
 * The exported feed's search index: one entry per rule with the values its filters test, the
 * words its text search matches, and the feed row already rendered by the app's own view (so
 * the browser inserts markup the server escaped, and the row looks as it does when served).
 * Written as a classic script assigning a global: module scripts and fetch() do not work from
 * `file://` in Chromium.
 */

export interface SearchEntry {
  /** name, source, language, kind, severity */
  n: string;
  s: string;
  l: string;
  k: string;
  v: string | null;
  /** tactic ids, technique ids, tables, tags */
  ta: string[];
  te: string[];
  tb: string[];
  tg: string[];
  /** flagged (the rule carries problems) */
  f: boolean;
  /** last changed (ISO) */
  c: string;
  /** the searchable words, normalized, each preceded by a space (so ` word` finds a prefix) */
  w: string;
  /** the feed row's HTML */
  h: string;
}

/** Lower case, accents removed, words of letters and digits only: what both sides of the search compare. */
export function searchWords(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** One entry; `rewrite` turns the row's app links into the export's. */
export function searchEntry(r: RuleSummary, rewrite: (html: string) => string): SearchEntry {
  const words = searchWords([r.name, r.description, r.source, ...r.tags, ...r.dataSources, ...r.techniques.flatMap((t) => [t.id, t.name])].join(' '));
  return {
    n: r.name,
    s: r.source,
    l: r.language,
    k: r.kind,
    v: r.severity,
    ta: r.tactics.map((t) => t.id),
    te: r.techniques.map((t) => t.id),
    tb: r.dataSources,
    tg: r.tags,
    f: r.flags.length > 0,
    c: r.lastChanged,
    w: ` ${[...new Set(words)].join(' ')}`,
    h: rewrite(ruleRow(r).toString()),
  };
}

/** Every rule of the catalog, newest change first (the feed's default order). */
export function searchIndex(store: CatalogStore, rewrite: (html: string) => string): SearchEntry[] {
  const total = store.searchRules({}, { limit: 0, offset: 0 }).total;
  return store.searchRules({}, { limit: total, offset: 0, sort: 'changed' }).rules.map((r) => searchEntry(r, rewrite));
}

/** The index as the classic script the exported feed loads. */
export function searchIndexScript(entries: SearchEntry[]): string {
  // JSON is a JavaScript expression; U+2028/2029 are escaped for engines that predate ES2019.
  const json = JSON.stringify(entries).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
  return `// socfeed static export: the feed's search index (${entries.length} rules).\nwindow.SOCFEED_SEARCH_INDEX = ${json};\n`;
}
