/** `socfeed search`: the catalog from the terminal. */
import type { RuleFilters } from '../../store/catalog-store.js';
import { COMMON_USAGE, parseCommandArgs, UsageError, type Command } from '../command.js';
import { openCatalogForReading } from '../command-context.js';

const usage = `Usage: socfeed search [TEXT…] [--source S] [--technique T] [--language L] [--limit N | --all] [--json]

Full-text search over rule names, descriptions, queries and tags (every word must match, as a
prefix). Empty TEXT matches every rule. Filters may be repeated (values are ORed).

Options:
  --source S      only rules of source S (e.g. Azure-Sentinel)
  --technique T   only rules for ATT&CK technique T (T1219; a technique matches its sub-techniques)
  --language L    only rules in query language L (kql, sigma, eql, esql, spl …)
  --limit N       at most N rules (default 50)
  --all           every matching rule
  --json          print full rule records as a JSON array${COMMON_USAGE}`;

export const searchCommand: Command = {
  name: 'search',
  summary: 'search the catalog (full text and filters)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        source: { type: 'string', multiple: true },
        technique: { type: 'string', multiple: true },
        language: { type: 'string', multiple: true },
        limit: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      { min: 0, max: Infinity },
    );
    if (values.all && values.limit !== undefined) throw new UsageError('give either --limit or --all, not both');
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit: not a whole number: ${values.limit}`);

    const filters: RuleFilters = {
      text: positionals.join(' '),
      source: values.source,
      technique: values.technique,
      language: values.language,
    };
    const store = openCatalogForReading(values);
    try {
      const sort = filters.text?.trim() ? 'relevance' : 'name';
      const first = store.searchRules(filters, { limit: values.all ? 0 : limit, offset: 0, sort });
      const page = values.all ? store.searchRules(filters, { limit: first.total, offset: 0, sort }) : first;
      if (values.json) {
        const records = store.getRules(page.rules.map((r) => r.id)).map((rule) => {
          const stored = store.enrichment(rule.id);
          return { ...rule, enrichment: stored?.enrichment ?? null, lint: stored?.lint ?? null };
        });
        process.stdout.write(JSON.stringify(records, null, 2) + '\n');
        return 0;
      }
      for (const r of page.rules) {
        const techniques = r.techniques.map((t) => t.id).join(',');
        process.stdout.write(`${r.id}\t${r.name}\t[${r.source} · ${r.language}${techniques ? ' · ' + techniques : ''}]\n`);
      }
      process.stderr.write(`${page.rules.length} of ${page.total} matching rules${page.rules.length < page.total ? ' (--limit N or --all for more)' : ''}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
