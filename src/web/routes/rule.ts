import { Hono } from 'hono';
import type { WebDeps } from '../web-deps.js';
import { rulePageData } from '../rule-page-model.js';
import { rulePage } from '../views/rule.js';
import { notFoundPage } from '../views/not-found.js';

/** `/rules/<id>`: the reference page of one rule; 404 page for an unknown id. */
export function ruleRoutes({ store, attack }: WebDeps): Hono {
  const app = new Hono();
  app.get('/rules/:id', (c) => {
    const id = c.req.param('id');
    const rule = store.getRule(id);
    if (!rule) return c.html(notFoundPage(`No rule with id “${id}” in the catalog.`).toString(), 404);
    return c.html(rulePage(rulePageData(rule, attack, store.enrichment?.(id) ?? null)).toString());
  });
  return app;
}
