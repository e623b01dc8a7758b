/** `socfeed lint`: bind KQL rules against table schemas and report problems as text, JSON or SARIF. */
import { existsSync } from 'node:fs';
import { loadAttackKnowledgeBase, type AttackKnowledgeBase } from '../../attack/index.js';
import type { Rule } from '../../catalog/rule.js';
import { loadTableSchemas } from '../../kql/schema/load-schemas.js';
import { countFindings, formatFindingsText, lintKqlRule, toSarif, type LintFinding } from '../../lint/index.js';
import { rulesFromPaths } from '../../lint/rule-files.js';
import { COMMON_USAGE, parseCommandArgs, UsageError, type Command } from '../command.js';
import { commandConfig, openCatalogForReading } from '../command-context.js';

const usage = `Usage: socfeed lint [--schemas DIR]... [--format text|json|sarif] [--attack FILE] [PATH...]

Binds each KQL rule against table schemas and reports: syntax errors, unknown tables, unknown
columns, unknown functions (ASIM parsers and workspace functions named as such), no time
filter, \`has\` on terms shorter than 3 characters, and techniques without a matching tactic.
PATHs are rule files or folders (Sentinel YAML, .kql, Markdown; Sigma, Elastic and Splunk rules
get the ATT&CK check only); without PATH the rules of the catalog are linted.
Exits 1 when any finding is an error, or when a named rule file gives no rule (unreadable, broken
YAML, no query); files that are not rules by design (README, licence) are skipped.

Options:
  --schemas DIR     folder of table schemas, Sentinel format (repeatable; later ones override).
                    Without it tables and columns are not checked.
  --format FORMAT   text (default), json, or sarif (SARIF 2.1.0 for code scanning)
  --attack FILE     ATT&CK STIX bundle for the technique/tactic check (default: the configuration's)${COMMON_USAGE}`;

const VERSION = '0.1.0';

function loadAttack(values: { attack?: string; config?: string; db?: string }): AttackKnowledgeBase {
  if (values.attack) return loadAttackKnowledgeBase(values.attack);
  try {
    const location = commandConfig(values).attack;
    if (location.kind === 'file' && existsSync(location.path)) return loadAttackKnowledgeBase(location.path);
  } catch {
    // No usable configuration: lint without ATT&CK.
  }
  return loadAttackKnowledgeBase({ type: 'bundle', id: 'bundle--empty', objects: [] });
}

export const lintCommand: Command = {
  name: 'lint',
  summary: 'check KQL rules against table schemas (text, JSON or SARIF)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { schemas: { type: 'string', multiple: true }, format: { type: 'string' }, attack: { type: 'string' } },
      { min: 0, max: Number.MAX_SAFE_INTEGER },
    );
    const format = values.format ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not ${format}`);
    const schemaDirs = values.schemas ?? [];
    for (const dir of schemaDirs) if (!existsSync(dir)) throw new UsageError(`--schemas ${dir}: no such folder`);
    const loaded = loadTableSchemas(schemaDirs);
    for (const p of loaded.problems) process.stderr.write(`socfeed lint: schema: ${p}\n`);
    const attack = loadAttack(values);

    let rules: { rule: Rule; file: string }[];
    // A rule file that gives no rule (broken YAML, no query) fails the lint, as sync reports it as an error.
    let brokenFiles = 0;
    if (positionals.length > 0) {
      const read = rulesFromPaths(positionals, attack);
      for (const p of read.ignored) process.stderr.write(`socfeed lint: skipped ${p}\n`);
      for (const p of read.problems) process.stderr.write(`socfeed lint: error: ${p}\n`);
      brokenFiles = read.problems.length;
      rules = read.rules;
    } else {
      const store = openCatalogForReading(values);
      try {
        rules = store.getRules(store.allRuleIds()).map((rule) => ({ rule, file: rule.path }));
      } finally {
        store.close();
      }
    }

    const tables = [...loaded.tables.values()];
    const fileOf = new Map(rules.map(({ rule, file }) => [rule.id, file]));
    const findings: LintFinding[] = [];
    // Without schemas there is nothing to bind against: lint what the parse shows.
    for (const { rule } of rules) findings.push(...lintKqlRule(rule, { schemas: schemaDirs.length ? tables : null, attack }));

    if (format === 'json') {
      process.stdout.write(JSON.stringify(findings.map((f) => ({ ...f, file: fileOf.get(f.ruleId) ?? null })), null, 2) + '\n');
    } else if (format === 'sarif') {
      process.stdout.write(JSON.stringify(toSarif(findings, (id) => (fileOf.has(id) ? { uri: fileOf.get(id)! } : null), { version: VERSION }), null, 2) + '\n');
    } else {
      if (schemaDirs.length === 0) process.stderr.write('socfeed lint: no --schemas given: tables and columns are not checked\n');
      process.stdout.write(formatFindingsText(findings, (id) => fileOf.get(id) ?? id, rules.length));
      if (brokenFiles) process.stdout.write(`${brokenFiles} rule file${brokenFiles === 1 ? '' : 's'} gave no rule (see above)\n`);
    }
    return countFindings(findings).errors > 0 || brokenFiles > 0 ? 1 : 0;
  },
};
