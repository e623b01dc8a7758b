/** `socfeed hunt`: runs a KQL query (typed, from a file, or a catalog rule's) over local telemetry. */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { COMMON_USAGE, UsageError, parseCommandArgs, type Command } from '../command.js';
import { openCatalogForReading } from '../command-context.js';
import { QueryError, referencedTables, runQuery, type QueryResult, type TableSchema } from '../../kql/index.js';
import type { Table } from '../../kql/engine/column.js';
import { loadTableSchemas } from '../../kql/schema/load-schemas.js';
import { loadTelemetry } from '../../kql/io/load-telemetry.js';
import { parseDatetime } from '../../kql/io/parse-value.js';
import { toJson, toJsonResult } from '../../kql/io/to-json.js';
import { toNdjson } from '../../kql/io/to-ndjson.js';
import { toCsv } from '../../kql/io/to-csv.js';
import { toTableText } from '../../kql/io/to-table-text.js';

const FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const usage = `Usage: socfeed hunt (--query 'KQL' | --file Q.kql | --rule ID | --batch) [--data PATH…] [options]

Runs a KQL query over local telemetry with KQL's semantics. A table's name comes from its file
name (DeviceNetworkEvents.ndjson, DeviceNetworkEvents.2026-05-24.csv.gz); a folder loads every
file in it. Columns are typed by the --schemas folders where declared, inferred otherwise.

Options:
  --query TEXT        the query
  --file FILE         read the query from a file
  --rule ID           the query of a catalog rule (see socfeed search)
  --batch             read NDJSON queries on stdin ({"id","query","now"?}), write one result line each
  --data PATH         telemetry file or folder (repeatable)
  --table NAME=PATH   load PATH as table NAME (repeatable)
  --schemas DIR       folder of table schemas, Sentinel format (repeatable; later ones override)
  --now ISO           the instant now() returns (default: the current time)
  --format F          table | json | ndjson | csv (default table)
  --max-rows N        most rows any operator may materialize (default 50000000)
  --timeout SECONDS   time limit (default 60)

Exit codes: 0 success, 1 query or data error, 2 bad usage.${COMMON_USAGE}`;

export const huntCommand: Command = {
  name: 'hunt',
  summary: 'run a KQL query over local telemetry files',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      {
        query: { type: 'string' },
        file: { type: 'string' },
        rule: { type: 'string' },
        batch: { type: 'boolean' },
        data: { type: 'string', multiple: true },
        table: { type: 'string', multiple: true },
        schemas: { type: 'string', multiple: true },
        now: { type: 'string' },
        format: { type: 'string' },
        'max-rows': { type: 'string' },
        timeout: { type: 'string' },
      },
      { min: 0, max: 0 },
    );
    const sources = [values.query, values.file, values.rule, values.batch ? 'batch' : undefined].filter((v) => v !== undefined);
    if (sources.length !== 1) throw new UsageError('give exactly one of --query, --file, --rule, --batch');
    const format = (values.format ?? 'table') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const now = values.now === undefined ? undefined : parseDatetime(values.now);
    if (now === null) throw new UsageError(`--now: not a datetime: ${values.now}`);
    const maxRows = positiveNumber(values['max-rows'], '--max-rows');
    const timeout = positiveNumber(values.timeout, '--timeout');
    const tableAssignments: Record<string, string> = {};
    for (const t of values.table ?? []) {
      const eq = t.indexOf('=');
      if (eq <= 0) throw new UsageError(`--table expects NAME=PATH (got ${t})`);
      tableAssignments[t.slice(0, eq)] = t.slice(eq + 1);
    }

    const { tables: schemaMap, problems } = loadTableSchemas(values.schemas ?? []);
    for (const p of problems) process.stderr.write(`schema: ${p}\n`);
    // the query first (batch queries come later): files of a --data folder that it does not read are skipped
    const query = values.batch ? null : (values.query ?? (values.file ? readFileSync(values.file, 'utf8') : ruleQuery(values.rule!, values)));
    const read = query === null ? null : referencedTables(query);
    // a wildcard (`union *`, `Device*`) may read any file's table
    const readTables = read && !read.some((t) => t.includes('*')) ? new Set(read) : undefined;
    const loaded = await loadTelemetry(values.data ?? [], { schemas: schemaMap, tables: tableAssignments, readTables });
    for (const w of loaded.warnings) process.stderr.write(`data: ${w}\n`);
    const schemas = [...schemaMap.values()];
    const options = { now: now ?? undefined, schemas, maxRows, timeoutMs: timeout === undefined ? undefined : timeout * 1000 };

    if (query === null) return runBatch(loaded.tables, options);
    let result: QueryResult;
    try {
      result = runQuery(query, loaded.tables, options);
    } catch (err) {
      if (err instanceof QueryError) {
        process.stderr.write(`error: ${err.message}\n`);
        for (const d of err.diagnostics.slice(1)) process.stderr.write(`  line ${d.line}, column ${d.column}: ${d.message}\n`);
        return 1;
      }
      throw err;
    }
    process.stdout.write(render(result, format));
    return 0;
  },
};

function render(result: QueryResult, format: Format): string {
  const table = result.table;
  switch (format) {
    case 'json':
      return toJson(table) + '\n';
    case 'ndjson':
      return toNdjson(table);
    case 'csv':
      return toCsv(table);
    case 'table':
      return toTableText(table, { elapsedMs: result.stats.totalMs }) + '\n';
  }
}

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0)) throw new UsageError(`${flag} must be a positive number`);
  return n;
}

function ruleQuery(id: string, values: { config?: string; db?: string }): string {
  const store = openCatalogForReading(values);
  try {
    const rule = store.getRule(id);
    // a well-formed id the catalog lacks (or a rule in another language) fails with exit 1, as `show` does
    if (!rule) throw new Error(`no rule with id ${id} in the catalog`);
    if (rule.language !== 'kql') throw new Error(`rule ${id} is ${rule.language}, not KQL`);
    return rule.query;
  } finally {
    store.close();
  }
}

/** `--batch`: one JSON line in, one JSON line out; the engine and data load once. */
async function runBatch(tables: Map<string, Table>, options: { now?: number; schemas: TableSchema[]; maxRows?: number; timeoutMs?: number }): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failures = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let id: unknown = null;
    try {
      const request = JSON.parse(line) as { id?: unknown; query?: unknown; now?: unknown };
      id = request.id ?? null;
      if (typeof request.query !== 'string') throw new QueryError('data', 'each line needs a "query" string');
      const now = typeof request.now === 'string' ? parseDatetime(request.now) : null;
      const result = runQuery(request.query, tables, { ...options, now: now ?? options.now });
      const { columns, rows } = toJsonResult(result.table);
      process.stdout.write(JSON.stringify({ id, ok: true, columns, rows }) + '\n');
    } catch (err) {
      failures++;
      process.stdout.write(JSON.stringify({ id, ok: false, error: (err as Error).message }) + '\n');
    }
  }
  return failures ? 1 : 0;
}
