import { Hono } from 'hono';
import type { WebDeps } from '../web-deps.js';
import { filtersFromQuery, sortFromQuery } from '../feed-query.js';
import { parseCoverageQuery } from '../coverage/coverage-query.js';
import { loadCoverage } from '../coverage/coverage-data.js';
import { apiSummary } from '../api/snippet-json.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** A non-negative integer parameter, the fallback when absent, or null when malformed. */
function intParam(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value)) return null;
  return Number(value);
}

/** `/api/rules`, `/api/rules/<id>`, `/api/coverage`: the same data as the pages, as JSON. */
export function apiRoutes({ store, attack }: WebDeps): Hono {
  const app = new Hono();

  app.get('/api/rules', (c) => {
    const params = new URL(c.req.url).searchParams;
    const limit = intParam(c.req.query('limit'), DEFAULT_LIMIT);
    const offset = intParam(c.req.query('offset'), 0);
    if (limit === null || limit < 1 || limit > MAX_LIMIT) {
      return c.json({ error: `limit must be an integer from 1 to ${MAX_LIMIT}` }, 400);
    }
    if (offset === null) return c.json({ error: 'offset must be a non-negative integer' }, 400);
    const filters = filtersFromQuery(params);
    const result = store.searchRules(filters, { limit, offset, sort: sortFromQuery(params, filters) });
    return c.json({ total: result.total, limit, offset, rules: result.rules.map(apiSummary) });
  });

  app.get('/api/rules/:id', (c) => {
    const id = c.req.param('id');
    const rule = store.getRule(id);
    return rule ? c.json(rule) : c.json({ error: `no rule with id ${id}` }, 404);
  });

  app.get('/api/coverage', (c) => {
    const { query, matrix } = loadCoverage(store, attack, parseCoverageQuery(new URL(c.req.url).searchParams));
    return c.json({ attackVersion: attack.version, filters: query.filters, have: query.have, tactics: matrix.tactics });
  });

  return app;
}
