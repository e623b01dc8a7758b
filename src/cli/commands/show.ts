/** `socfeed show`: one rule, readable or as JSON. */
import type { Rule } from '../../catalog/rule.js';
import { COMMON_USAGE, parseCommandArgs, type Command } from '../command.js';
import { openCatalogForReading } from '../command-context.js';

const usage = `Usage: socfeed show ID [--json]

Prints one rule of the catalog (ids as "socfeed search" lists them).

Options:
  --json          print the full rule record as JSON${COMMON_USAGE}`;

/** A rule as plain text for the terminal. */
export function formatRule(rule: Rule): string {
  const list = (values: string[]) => (values.length ? values.join(', ') : '—');
  const lines = [
    rule.name,
    '',
    `id:           ${rule.id}`,
    `source:       ${rule.source} (${rule.format}) ${rule.path}`,
    `link:         ${rule.url ?? '—'}`,
    `language:     ${rule.language}`,
    `kind:         ${rule.kind}`,
    `severity:     ${rule.severity ?? '—'}${rule.severityInferred ? ' (inferred)' : ''}`,
    `status:       ${rule.status ?? '—'}`,
    `tactics:      ${list(rule.tactics.map((t) => `${t.id} ${t.name}`))}`,
    `techniques:   ${list(rule.techniques.map((t) => `${t.id} ${t.name}`))}`,
    `data sources: ${list(rule.dataSources)}`,
    `tags:         ${list(rule.tags)}`,
    `authors:      ${list(rule.authors)}`,
    `first seen:   ${rule.firstSeen}   last changed: ${rule.lastChanged}   retrieved: ${rule.retrievedAt}`,
  ];
  if (rule.flags.length) lines.push(`flags:        ${rule.flags.join(', ')}`);
  for (const p of rule.problems) lines.push(`problem:      ${p.severity} ${p.line ? `line ${p.line}: ` : ''}${p.reason}`);
  lines.push('', rule.description.trim() || '(no description)', '', '--- query ---', rule.query.trim() || '(no query)');
  if (rule.falsePositives.length) lines.push('', '--- false positives ---', ...rule.falsePositives);
  if (rule.references.length) lines.push('', '--- references ---', ...rule.references);
  return lines.join('\n') + '\n';
}

export const showCommand: Command = {
  name: 'show',
  summary: 'print one rule',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, { min: 1, max: 1 });
    const store = openCatalogForReading(values);
    try {
      const rule = store.getRule(positionals[0]!);
      if (!rule) {
        process.stderr.write(`socfeed show: no rule with id ${positionals[0]}\n`);
        return 1;
      }
      const stored = values.json ? store.enrichment(rule.id) : null;
      process.stdout.write(values.json ? JSON.stringify({ ...rule, enrichment: stored?.enrichment ?? null, lint: stored?.lint ?? null }, null, 2) + '\n' : formatRule(rule));
      return 0;
    } finally {
      store.close();
    }
  },
};
