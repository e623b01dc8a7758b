import { Hono } from 'hono';
import { publicBase, type WebDeps } from '../web-deps.js';
import { feedQueryString, filtersFromQuery, FILTER_PARAMS } from '../feed-query.js';
import { atomFeed } from '../atom/atom-feed.js';

/** Entries per document: readers poll often, so the newest changes are what matters. */
const ATOM_ENTRIES = 50;

/** `/feed.atom`: the newest changed rules as Atom, with the feed's filters as query parameters. */
export function atomRoutes(deps: WebDeps): Hono {
  const { store } = deps;
  const app = new Hono();
  app.get('/feed.atom', (c) => {
    const filters = filtersFromQuery(new URL(c.req.url).searchParams);
    const page = store.searchRules(filters, { limit: ATOM_ENTRIES, offset: 0, sort: 'changed' });
    const rules = store.getRules(page.rules.map((r) => r.id));
    const base = publicBase(deps, c.req.url) ?? '';
    const qs = feedQueryString(filters);
    const filterText = [
      ...(filters.text ? [`search “${filters.text}”`] : []),
      ...FILTER_PARAMS.flatMap((name) => (filters[name]?.length ? [`${name} ${filters[name]!.join(' or ')}`] : [])),
    ].join(', ');
    const body = atomFeed({
      rules,
      selfUrl: `${base}/feed.atom${qs}`,
      alternateUrl: `${base}/${qs}`,
      ruleUrl: (id) => `${base}/rules/${encodeURIComponent(id)}`,
      filterText,
      fallbackUpdated: store.lastSync()?.finishedAt ?? null,
      identity: `${base}/feed.atom${qs}`,
    });
    return c.body(body, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });
  return app;
}
