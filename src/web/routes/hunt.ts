import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import type { WebDeps } from '../web-deps.js';
import { HUNT_LIMITS } from '../hunt/hunt-limits.js';
import { HuntRequestError, readHuntRequest, type HuntDownload } from '../hunt/hunt-request.js';
import { failure } from '../hunt/run-hunt.js';
import { HuntPool } from '../hunt/hunt-pool.js';
import { nowInputValue, type HuntPanelData } from '../views/hunt-panel.js';
import { notFoundPage } from '../views/not-found.js';
import { renderRulePage } from './rule.js';

/** A hunt that could not run is the query's or the data's fault: 422. */
function outcomeStatus(outcome: { ok: boolean }): 200 | 422 {
  return outcome.ok ? 200 : 422;
}

/** A download of a successful hunt, named after the first table. */
function downloadResponse(c: Context, table: string | undefined, file: string, download: Exclude<HuntDownload, null>): Response {
  const name = `hunt-${table ?? 'result'}.${download}`;
  return c.body(file, 200, {
    'Content-Type': download === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
  });
}

/**
 * `POST /api/hunt` (JSON answer, or a CSV / JSON file with `download`) and `POST /rules/<id>/hunt`
 * (the rule page with the result, for browsers without JavaScript). Bodies are size-limited
 * before they are read; hunts run on worker threads (hunt-pool.ts), at most
 * HUNT_LIMITS.maxConcurrent at once, so pages stay quick while a hunt runs.
 */
export function huntRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  const pool = new HuntPool([...(deps.schemas ?? new Map()).values()]);
  const limit = bodyLimit({
    maxSize: HUNT_LIMITS.maxBodyBytes,
    onError: (c) => c.json({ ok: false, error: { kind: 'request', message: `the request is larger than ${HUNT_LIMITS.maxBodyBytes / 1024 / 1024} MB` } }, 413),
  });
  const busy = () => failure('request', 'another hunt is running; try again in a moment');

  // Form posts only from our own pages (JSON from elsewhere is stopped by the browser's CORS preflight).
  const sameOrigin = csrf();

  app.post('/api/hunt', sameOrigin, limit, async (c) => {
    let parsed;
    try {
      parsed = await readHuntRequest(c);
    } catch (err) {
      if (err instanceof HuntRequestError) return c.json(failure('request', err.message), err.status);
      throw err;
    }
    const run = pool.run(parsed.request, parsed.download, parsed.download ? HUNT_LIMITS.maxDownloadRows : HUNT_LIMITS.maxResponseRows);
    if (!run) return c.json(busy(), 503);
    const { body, file } = await run;
    if (body.ok && parsed.download && file !== undefined) return downloadResponse(c, body.data.tables[0]?.name, file, parsed.download);
    return c.json(body, outcomeStatus(body));
  });

  app.post('/rules/:id/hunt', sameOrigin, limit, async (c) => {
    const id = c.req.param('id');
    if (!deps.store.getRule(id)) return c.html(notFoundPage(`No rule with id “${id}” in the catalog.`).toString(), 404);
    let panel: HuntPanelData;
    try {
      const { request } = await readHuntRequest(c);
      const run = pool.run(request, null, HUNT_LIMITS.maxResponseRows);
      const outcome = run ? (await run).body : busy();
      panel = {
        ruleId: id,
        query: request.query,
        now: nowInputValue(request.nowMicros),
        data: request.data.kind,
        ...(request.data.kind === 'upload' && request.data.upload.table ? { table: request.data.upload.table } : {}),
        outcome,
      };
    } catch (err) {
      if (!(err instanceof HuntRequestError)) throw err;
      const query = err.query ?? deps.store.getRule(id)!.query;
      panel = { ruleId: id, query, now: nowInputValue(Date.now() * 1000), data: 'synthetic', outcome: failure('request', err.message) };
    }
    const page = renderRulePage(deps, id, panel)!;
    return c.html(page.toString(), panel.outcome ? outcomeStatus(panel.outcome) : 200);
  });

  return app;
}
