/**
 * The corpus run: every KQL rule of the rule repositories is bound against the table schemas
 * and, when it binds cleanly, run on synthetic tables for the tables it reads. Prints how many
 * bound cleanly, failed to parse, named unknown tables or columns, ran, or stopped on an
 * unsupported feature (each feature named with the number of rules it blocks).
 *
 *   node --import tsx scripts/corpus-run.ts --corpus ../shared/corpus \
 *     --schemas ../shared/schemas/sentinel --schemas ../shared/schemas/defender [--rows 200] [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { globSync } from 'tinyglobby';
import { adapterFor } from '../src/catalog/adapters/index.js';
import type { SourceFormat } from '../src/catalog/rule.js';
import { analyzeQuery } from '../src/kql/frontend/analyze.js';
import { referencedTables } from '../src/kql/frontend/referenced-tables.js';
import { QueryError, runQuery, type Table } from '../src/kql/index.js';
import { loadTableSchemas } from '../src/kql/schema/load-schemas.js';
import { generateSample, DEFAULT_SAMPLE_NOW } from '../src/kql/sample/generate-sample.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    schemas: { type: 'string', multiple: true },
    rows: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
});
if (!values.corpus || !values.schemas?.length) {
  console.error('usage: corpus-run.ts --corpus DIR --schemas DIR [--schemas DIR …] [--rows N] [--json] [--verbose]');
  process.exit(2);
}

/** The KQL sources of the corpus: folder, adapter format and globs (as in config/shared-corpus.json). */
const SOURCES: { dir: string; format: SourceFormat; paths: string[] }[] = [
  { dir: 'azure-sentinel', format: 'sentinel', paths: ['Hunting Queries/**', 'Detections/**', 'Solutions/*/Analytic Rules/**', 'Solutions/*/Hunting Queries/**'] },
  { dir: 'rmm-tools', format: 'sentinel', paths: ['RMM/**/*.yaml'] },
  { dir: 'reprise99-sentinel-queries', format: 'kql', paths: ['**'] },
  { dir: 'm365-defender-hunting-queries', format: 'kql', paths: ['**'] },
];

interface RuleQuery {
  where: string;
  query: string;
}

function kqlRules(corpus: string): RuleQuery[] {
  const out: RuleQuery[] = [];
  for (const source of SOURCES) {
    const adapter = adapterFor(source.format);
    if (!adapter) continue;
    const root = join(corpus, source.dir);
    for (const path of globSync(source.paths, { cwd: root }).sort()) {
      if (!adapter.accepts(path)) continue;
      let text: string;
      try {
        text = readFileSync(join(root, path), 'utf8');
      } catch {
        continue;
      }
      const { rules } = adapter.parse({ path, text });
      for (const rule of rules) if (rule.language === 'kql' && rule.query.trim()) out.push({ where: `${source.dir}/${path}`, query: rule.query });
    }
  }
  return out;
}

const started = performance.now();
const { tables: schemaMap } = loadTableSchemas(values.schemas);
const schemas = [...schemaMap.values()];
const rows = Number(values.rows ?? 200);
const samples = new Map<string, Table>();
function sampleFor(name: string): Table | null {
  const schema = schemaMap.get(name);
  if (!schema) return null;
  let t = samples.get(name);
  if (!t) {
    t = generateSample(schema, { rows, seed: 7 });
    samples.set(name, t);
  }
  return t;
}

const rules = kqlRules(values.corpus);
const counts = { rules: rules.length, boundCleanly: 0, parseErrors: 0, unknownTablesOrColumns: 0, otherBindErrors: 0, ran: 0, unsupported: 0, failed: 0, limit: 0 };
const unsupported = new Map<string, number>();
const failures = new Map<string, number>();
const unknownTables = new Map<string, number>();
const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);

for (const rule of rules) {
  const { diagnostics } = analyzeQuery(rule.query, { tables: schemas });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.some((d) => d.phase === 'syntax')) {
    counts.parseErrors++;
    const first = errors.find((d) => d.phase === 'syntax')!;
    if (values.verbose) console.error(`parse: ${rule.where}: line ${first.line}, column ${first.column}: ${first.message}`);
    continue;
  }
  if (errors.length) {
    const missing = referencedTables(rule.query).filter((t) => !schemaMap.has(t));
    for (const t of missing) bump(unknownTables, t);
    if (missing.length || errors.some((d) => /does not refer to any known/.test(d.message))) counts.unknownTablesOrColumns++;
    else counts.otherBindErrors++;
    if (values.verbose) console.error(`bind: ${rule.where}: ${errors[0]!.message}`);
    continue;
  }
  const tables = referencedTables(rule.query).map(sampleFor).filter((t): t is Table => t !== null);
  try {
    runQuery(rule.query, tables, { now: DEFAULT_SAMPLE_NOW, schemas, timeoutMs: 20_000, maxRows: 5_000_000 });
    counts.boundCleanly++;
    counts.ran++;
  } catch (err) {
    if (err instanceof QueryError && err.kind === 'semantic' && !err.message.startsWith('union isfuzzy')) {
      // bound again as Kusto binds it once the data is known (fuzzy union legs over tables with
      // no schema dropped, bag_unpack / pivot given the schema of the sample data), the query
      // names a column that is not there (as Kusto would fail on such data)
      counts.boundCleanly++;
      counts.failed++;
      bump(failures, `bound against the data (fuzzy legs dropped, bag_unpack/pivot schema from the sample), a name is unknown: ${err.message.replace(/^line \d+, column \d+: The name /, '').replace(/ does not refer to any known column, table, variable or function\./, '').slice(0, 60)}`);
      if (values.verbose) console.error(`run: ${rule.where}: ${err.message}`);
      continue;
    }
    if (err instanceof QueryError && err.kind === 'semantic') {
      // a `union isfuzzy=true` whose every leg reads a table with no schema: Kusto rejects it
      counts.unknownTablesOrColumns++;
      for (const t of referencedTables(rule.query).filter((t) => !schemaMap.has(t))) bump(unknownTables, t);
      if (values.verbose) console.error(`bind: ${rule.where}: ${err.message}`);
      continue;
    }
    counts.boundCleanly++;
    if (err instanceof QueryError && err.kind === 'unsupported') {
      counts.unsupported++;
      bump(unsupported, err.feature ?? err.message);
      if (values.verbose) console.error(`unsupported: ${rule.where}: ${err.message}`);
    } else if (err instanceof QueryError && err.kind === 'limit') {
      counts.limit++;
      bump(failures, `limit: ${err.message}`);
    } else {
      counts.failed++;
      bump(failures, (err as Error).message.replace(/\d+/g, 'N').slice(0, 120));
      if (values.verbose) console.error(`run: ${rule.where}: ${(err as Error).stack}`);
    }
  }
}

const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]);
const summary = {
  ...counts,
  seconds: Math.round((performance.now() - started) / 100) / 10,
  unsupportedFeatures: Object.fromEntries(sorted(unsupported)),
  runtimeFailures: Object.fromEntries(sorted(failures)),
  unknownTables: Object.fromEntries(sorted(unknownTables).slice(0, 30)),
};
if (values.json) console.log(JSON.stringify(summary, null, 2));
else {
  console.log(`KQL rules: ${counts.rules} (in ${summary.seconds} s)`);
  console.log(`  parse errors:               ${counts.parseErrors}`);
  console.log(`  unknown tables or columns:  ${counts.unknownTablesOrColumns}`);
  console.log(`  other binding errors:       ${counts.otherBindErrors}`);
  console.log(`  bound cleanly:              ${counts.boundCleanly}`);
  console.log(`    ran:                      ${counts.ran}`);
  console.log(`    unsupported feature:      ${counts.unsupported}`);
  console.log(`    stopped by a limit:       ${counts.limit}`);
  console.log(`    failed:                   ${counts.failed}`);
  for (const [f, n] of sorted(unsupported)) console.log(`  unsupported  ${String(n).padStart(4)}  ${f}`);
  for (const [f, n] of sorted(failures)) console.log(`  failure      ${String(n).padStart(4)}  ${f}`);
  for (const [t, n] of sorted(unknownTables).slice(0, 15)) console.log(`  no schema    ${String(n).padStart(4)}  ${t}`);
}
