/** `socfeed export`: the whole site as static files. */
import { resolve } from 'node:path';
import { SqliteCatalogStore } from '../../store/sqlite-store.js';
import { exportSite } from '../../web/export/static-export.js';
import { COMMON_USAGE, parseCommandArgs, UsageError, type Command } from '../command.js';
import { commandConfig } from '../command-context.js';
import { loadConfiguredAttack } from '../load-attack.js';

const usage = `Usage: socfeed export --out DIR [--base-url URL]

Writes the site as static files into DIR: the feed (index.html, searching in the browser over
search-index.js), every rule page (rules/<id>.html), coverage.html, the JSON API as files
(api/rules.json, api/rules/<id>.json, api/coverage.json), the Atom feed (feed.atom), the
ATT&CK Navigator layer (coverage/layer.json) and coverage.csv. Links are relative, so the
folder works from any static web host and from file://. The hunt panel and the coverage
filters need the server; the export says so where they would be.

Options:
  --out DIR       folder to write (created if needed); an earlier export there is updated: its
                  files are overwritten, and those of rules no longer in the catalog removed
  --base-url URL  where the export will be served: absolute links in feed.atom and links in the
                  layer (without it, feed.atom links are relative and the layer has none)${COMMON_USAGE}`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the whole site as static files',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { out: { type: 'string' }, 'base-url': { type: 'string' } }, { min: 0, max: 0 });
    if (!values.out) throw new UsageError('give --out DIR');
    const baseUrl = values['base-url'] ?? null;
    if (baseUrl !== null && !/^https?:\/\/[^/\s]+/i.test(baseUrl)) throw new UsageError(`--base-url: not an http(s) URL: ${baseUrl}`);
    const config = commandConfig(values);
    const store = SqliteCatalogStore.open(config.db, { create: false });
    try {
      const attack = await loadConfiguredAttack(config);
      const outDir = resolve(values.out);
      const started = performance.now();
      const live = process.stderr.isTTY;
      const report = await exportSite({
        store,
        attack,
        outDir,
        baseUrl,
        onProgress: (done, total) => {
          if (live && (done % 100 === 0 || done === total)) process.stderr.write(`\rexport: ${done} / ${total} rule pages`);
        },
      });
      if (live) process.stderr.write('\n');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const removed = report.removed ? `, ${report.removed} stale files removed` : '';
      process.stdout.write(`exported ${report.rules} rules: ${report.files} files, ${(report.bytes / 1024 / 1024).toFixed(1)} MB in ${seconds} s to ${outDir}${removed}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
