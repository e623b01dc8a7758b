/** `socfeed serve`: the web app over the catalog. */
import { SqliteCatalogStore } from '../../store/sqlite-store.js';
import { loadConfiguredAttack } from '../load-attack.js';
import { startWebServer } from '../../web/server.js';
import { loadTableSchemas } from '../../kql/schema/load-schemas.js';
import { COMMON_USAGE, parseCommandArgs, UsageError, type Command } from '../command.js';
import { commandConfig } from '../command-context.js';

const usage = `Usage: socfeed serve [--host 127.0.0.1] [--port 8080] [--schemas DIR]… [--config FILE] [--db FILE]

Serves the feed, rule pages, ATT&CK coverage and the JSON API over the catalog until
interrupted (Ctrl-C).

Options:
  --host HOST     address to listen on (default 127.0.0.1)
  --port PORT     port (default 8080; 0 picks a free one)
  --schemas DIR   table schemas (Sentinel format) for the rule pages' hunts (repeatable;
                  default: the configuration's "schemas"); without any, a hunt's synthetic
                  columns come from the query${COMMON_USAGE}`;

/** Options of serve that start reuses. */
export const SERVE_OPTIONS = {
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '8080' },
  schemas: { type: 'string', multiple: true },
} as const;

/** Starts the web server over the configured catalog and resolves when it was stopped by a signal. */
export async function serveUntilStopped(values: { config?: string; db?: string; host: string; port: string; schemas?: string[] }): Promise<number> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: not a port number: ${values.port}`);
  const config = commandConfig(values);
  const store = SqliteCatalogStore.open(config.db, { create: false });
  const attack = await loadConfiguredAttack(config);
  // --schemas wins; otherwise the configuration's schema folders (the ones lint binds against).
  const schemas = loadTableSchemas(values.schemas?.length ? values.schemas : (config.schemas ?? []));
  for (const p of schemas.problems) process.stderr.write(`schema: ${p}\n`);
  // The facet index is built on first use (~0.2 s on 9k rules): build it now, not on a user's first page.
  store.facets({});
  const server = await startWebServer({ store, attack, schemas: [...schemas.tables.values()], host: values.host, port });
  process.stdout.write(`socfeed: serving ${store.countRules()} rules on ${server.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  store.close();
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the feed, rule pages, coverage and JSON API',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, SERVE_OPTIONS, { min: 0, max: 0 });
    return serveUntilStopped(values);
  },
};
