import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { HTTPException } from 'hono/http-exception';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { CatalogStore } from '../store/catalog-store.js';
import type { AttackKnowledgeBase } from '../attack/index.js';
import { feedRoutes } from './routes/feed.js';
import { ruleRoutes } from './routes/rule.js';
import { coverageRoutes } from './routes/coverage.js';
import { apiRoutes } from './routes/api.js';
import { atomRoutes } from './routes/atom.js';
import { staticRoutes } from './routes/static.js';
import { messagePage, notFoundPage } from './views/not-found.js';
import { withUnfilteredCache } from './unfiltered-cache.js';
import { huntRoutes } from './routes/hunt.js';
import type { TableSchema } from '../kql/index.js';

export interface WebAppOptions {
  store: CatalogStore;
  attack: AttackKnowledgeBase;
  /** See `WebDeps.publicUrl`. */
  publicUrl?: string | null;
  /** Table schemas for hunts (synthetic telemetry, typing uploads); without them columns are inferred from the query. */
  schemas?: TableSchema[];
}

export interface WebServerOptions extends WebAppOptions {
  /** Defaults to 127.0.0.1: the feed is a local tool unless the user says otherwise. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
}

export interface RunningWebServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

/** The Hono app serving the feed, rule pages, coverage, the JSON API and the assets. */
export function createWebApp({ store, attack, publicUrl, schemas = [] }: WebAppOptions): Hono {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      xFrameOptions: 'DENY',
      // Served over plain HTTP on localhost: HSTS would only confuse a browser.
      strictTransportSecurity: false,
    }),
  );
  const deps = {
    store: withUnfilteredCache(store),
    attack,
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    schemas: new Map(schemas.map((s) => [s.name, s])),
  };
  app.route('/', feedRoutes(deps));
  app.route('/', ruleRoutes(deps));
  app.route('/', huntRoutes(deps));
  app.route('/', coverageRoutes(deps));
  app.route('/', apiRoutes(deps));
  app.route('/', atomRoutes(deps));
  app.route('/', staticRoutes());
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: `no API route ${c.req.path}` }, 404)
      : c.html(notFoundPage(`No page at ${c.req.path}.`).toString(), 404),
  );
  app.onError((err, c) => {
    // Middleware refusals (CSRF 403 …) carry their own response.
    if (err instanceof HTTPException) return err.getResponse();
    console.error(`web: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return c.req.path.startsWith('/api/')
      ? c.json({ error: 'internal error' }, 500)
      : c.html(messagePage('Server error', 'Something went wrong on our side; the error is in the server log.').toString(), 500);
  });
  return app;
}

/** Starts the web app on host:port (127.0.0.1 unless given); resolves once it listens. */
export function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  const app = createWebApp(opts);
  const hostname = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port: opts.port }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive connections would hold close() open until they time out.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
