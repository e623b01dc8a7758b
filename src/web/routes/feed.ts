import { Hono } from 'hono';
import type { WebDeps } from '../web-deps.js';
import { PAGE_SIZE, parseFeedQuery } from '../feed-query.js';
import { feedPage } from '../views/feed.js';

/** `/`: the feed, its whole state in the query string. */
export function feedRoutes({ store }: WebDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const state = parseFeedQuery(new URL(c.req.url).searchParams);
    const result = store.searchRules(state.filters, {
      limit: PAGE_SIZE,
      offset: (state.page - 1) * PAGE_SIZE,
      sort: state.sort,
    });
    const facets = store.facets(state.filters);
    return c.html(feedPage({ state, result, facets, pageSize: PAGE_SIZE }).toString());
  });
  return app;
}
