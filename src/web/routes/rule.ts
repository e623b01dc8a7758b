import { Hono } from 'hono';
import type { WebDeps } from '../web-deps.js';
import { rulePageData } from '../rule-page-model.js';
import { rulePage } from '../views/rule.js';
import { notFoundPage } from '../views/not-found.js';
import { nowInputValue, type HuntPanelData } from '../views/hunt-panel.js';
import type { Html } from '../views/html.js';

const HOUR_MICROS = 3_600_000_000;
/** Related rules shown on a rule page. */
const RELATED_SHOWN = 6;

/** The hunt panel's starting values for a KQL rule: its own query, "now" the start of the current hour (UTC). */
export function defaultHuntPanel(rule: { id: string; language: string; query: string }, nowMs: number = Date.now()): HuntPanelData | null {
  if (rule.language !== 'kql' || !rule.query.trim()) return null;
  const micros = Math.floor((nowMs * 1000) / HOUR_MICROS) * HOUR_MICROS;
  return { ruleId: rule.id, query: rule.query, now: nowInputValue(micros), data: 'synthetic' };
}

/** The rule page of `id` with that hunt panel (the default one when not given); null for an unknown id. */
export function renderRulePage({ store, attack }: WebDeps, id: string, hunt?: HuntPanelData): Html | null {
  const rule = store.getRule(id);
  if (!rule) return null;
  const data = rulePageData(rule, attack, store.enrichment?.(id) ?? null);
  const panel = defaultHuntPanel(rule);
  return rulePage({ ...data, hunt: panel ? (hunt ?? panel) : null, related: store.relatedRules?.(id, RELATED_SHOWN) ?? [] });
}

/** `/rules/<id>`: the reference page of one rule; 404 page for an unknown id. */
export function ruleRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  app.get('/rules/:id', (c) => {
    const id = c.req.param('id');
    const page = renderRulePage(deps, id);
    if (!page) return c.html(notFoundPage(`No rule with id “${id}” in the catalog.`).toString(), 404);
    return c.html(page.toString());
  });
  return app;
}
