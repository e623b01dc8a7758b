import { Hono } from 'hono';
import type { WebDeps } from '../web-deps.js';
import type { RuleFilters } from '../../store/catalog-store.js';
import { filtersFromQuery } from '../feed-query.js';
import { coverageMatrix } from '../coverage-model.js';
import { coveragePage } from '../views/coverage.js';

/** The coverage page filters by source, language and kind only (a technique filter would empty the matrix). */
export function coverageFilters(params: URLSearchParams): RuleFilters {
  const all = filtersFromQuery(params);
  const filters: RuleFilters = {};
  if (all.source) filters.source = all.source;
  if (all.language) filters.language = all.language;
  if (all.kind) filters.kind = all.kind;
  return filters;
}

/** `/coverage`: the ATT&CK matrix shaded by rule count. */
export function coverageRoutes({ store, attack }: WebDeps): Hono {
  const app = new Hono();
  app.get('/coverage', (c) => {
    const filters = coverageFilters(new URL(c.req.url).searchParams);
    const matrix = coverageMatrix(attack, store.coverage(filters));
    // Options come from the unfiltered catalog so any value can be picked.
    const { source, language, kind } = store.facets({});
    return c.html(coveragePage({ matrix, filters, facets: { source, language, kind } }).toString());
  });
  return app;
}
