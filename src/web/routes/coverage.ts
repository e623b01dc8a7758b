import { Hono } from 'hono';
import { publicBase, type WebDeps } from '../web-deps.js';
import { coveragePage } from '../views/coverage.js';
import { parseCoverageQuery } from '../coverage/coverage-query.js';
import { loadCoverage } from '../coverage/coverage-data.js';
import { navigatorLayer } from '../coverage/navigator-layer.js';
import { coverageCsv } from '../coverage/coverage-csv.js';

/** `/coverage` (the matrix), `/coverage/layer.json` (ATT&CK Navigator layer), `/coverage.csv`; all take the same query. */
export function coverageRoutes(deps: WebDeps): Hono {
  const { store, attack } = deps;
  const app = new Hono();
  const query = (url: string) => parseCoverageQuery(new URL(url).searchParams);

  app.get('/coverage', (c) => {
    const data = loadCoverage(store, attack, query(c.req.url));
    // Options come from the unfiltered catalog so any value can be picked.
    const { source, language, kind, table } = store.facets({});
    return c.html(coveragePage({ ...data, options: { source, language, kind, table, status: store.statusCounts() } }).toString());
  });

  app.get('/coverage/layer.json', (c) => {
    const data = loadCoverage(store, attack, query(c.req.url), true);
    const layer = navigatorLayer(data, attack, { baseUrl: publicBase(deps, c.req.url), syncedAt: store.lastSync()?.finishedAt ?? null });
    c.header('Content-Disposition', 'attachment; filename="socfeed-layer.json"');
    return c.json(layer);
  });

  app.get('/coverage.csv', (c) => {
    const data = loadCoverage(store, attack, query(c.req.url), true);
    c.header('Content-Type', 'text/csv; charset=utf-8; header=present');
    c.header('Content-Disposition', 'attachment; filename="socfeed-coverage.csv"');
    return c.body(coverageCsv(data, attack));
  });
  return app;
}
