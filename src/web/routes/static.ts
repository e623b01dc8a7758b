import { Hono } from 'hono';
import { findAsset } from '../static-assets.js';

/** A year: asset URLs carry a content hash, so a changed file gets a new URL. */
const LONG_CACHE = 'public, max-age=31536000, immutable';

/** `/assets/<name>`: only the known files, by exact name, from memory (no file-system path is built). */
export function staticRoutes(): Hono {
  const app = new Hono();
  app.get('/assets/:name', (c) => {
    const asset = findAsset(c.req.param('name'));
    if (!asset) return c.text('Not found', 404);
    return c.body(new Uint8Array(asset.body), 200, { 'Content-Type': asset.contentType, 'Cache-Control': LONG_CACHE });
  });
  return app;
}
