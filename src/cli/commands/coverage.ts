/** `socfeed coverage`: the ATT&CK coverage as a Navigator layer and/or CSV file, as the web app serves them. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SqliteCatalogStore } from '../../store/sqlite-store.js';
import { loadCoverage } from '../../web/coverage/coverage-data.js';
import { coverageCsv } from '../../web/coverage/coverage-csv.js';
import { navigatorLayer } from '../../web/coverage/navigator-layer.js';
import { parseCoverageQuery } from '../../web/coverage/coverage-query.js';
import { COMMON_USAGE, parseCommandArgs, UsageError, type Command } from '../command.js';
import { commandConfig } from '../command-context.js';
import { loadConfiguredAttack } from '../load-attack.js';

const usage = `Usage: socfeed coverage (--layer FILE | --csv FILE)… [--source S] [--language L] [--kind K] [--status S] [--have TABLE]… [--base-url URL]

Writes the ATT&CK coverage of the catalog: an ATT&CK Navigator layer (format 4.5; score =
number of rules, with comments, metadata and links back to the rule pages) and/or a CSV with
one line per technique. The same files as /coverage/layer.json and /coverage.csv.

Options:
  --layer FILE    write the Navigator layer to FILE ("-" for stdout)
  --csv FILE      write the CSV to FILE ("-" for stdout)
  --source S      only rules of source S (repeatable, values ORed; also --language, --kind, --status)
  --language L    only rules in query language L
  --kind K        only rules of kind K (hunting, analytic …)
  --status S      only rules with status S (production, test …)
  --have TABLE    a table / log source you collect (repeatable): adds what runs on your data
  --base-url URL  where socfeed is served, for the layer's links (default http://127.0.0.1:8080)${COMMON_USAGE}`;

function write(target: string, text: string): void {
  if (target === '-') process.stdout.write(text);
  else writeFileSync(resolve(target), text);
}

export const coverageCommand: Command = {
  name: 'coverage',
  summary: 'write the ATT&CK coverage as a Navigator layer or CSV',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      {
        layer: { type: 'string' },
        csv: { type: 'string' },
        source: { type: 'string', multiple: true },
        language: { type: 'string', multiple: true },
        kind: { type: 'string', multiple: true },
        status: { type: 'string', multiple: true },
        have: { type: 'string', multiple: true },
        'base-url': { type: 'string', default: 'http://127.0.0.1:8080' },
      },
      { min: 0, max: 0 },
    );
    if (!values.layer && !values.csv) throw new UsageError('give --layer FILE and/or --csv FILE');
    if (values.layer === '-' && values.csv === '-') throw new UsageError('only one of --layer and --csv can go to stdout');
    const baseUrl = values['base-url'];
    if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) throw new UsageError(`--base-url: not an http(s) URL: ${baseUrl}`);
    // The same parser as the web page's query string, so both give the same answer.
    const params = new URLSearchParams();
    for (const name of ['source', 'language', 'kind', 'status', 'have'] as const) for (const v of values[name] ?? []) params.append(name, v);
    const query = parseCoverageQuery(params);

    const config = commandConfig(values);
    const store = SqliteCatalogStore.open(config.db, { create: false });
    try {
      const attack = await loadConfiguredAttack(config);
      const data = loadCoverage(store, attack, query, true);
      if (values.layer) {
        const layer = navigatorLayer(data, attack, { baseUrl, syncedAt: store.lastSync()?.finishedAt ?? null });
        write(values.layer, JSON.stringify(layer, null, 2) + '\n');
      }
      if (values.csv) write(values.csv, coverageCsv(data, attack));
      const covered = [...data.stats.keys()].filter((id) => attack.technique(id)).length;
      process.stderr.write(`coverage: ${covered} techniques and sub-techniques with at least one rule\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
