/** `socfeed sample`: writes realistic synthetic telemetry for a table with a known schema. */
import { writeFileSync } from 'node:fs';
import { COMMON_USAGE, UsageError, parseCommandArgs, type Command } from '../command.js';
import { loadTableSchemas } from '../../kql/schema/load-schemas.js';
import { generateSample } from '../../kql/sample/generate-sample.js';
import { parseDatetime } from '../../kql/io/parse-value.js';
import { writeNdjsonFile } from '../../kql/io/to-ndjson.js';
import { toCsv } from '../../kql/io/to-csv.js';
import { toJsonResult } from '../../kql/io/to-json.js';
import { formatOf } from '../../kql/io/load-telemetry.js';

const usage = `Usage: socfeed sample --table NAME --rows N --schemas DIR [--schemas DIR2] --out FILE
                      [--seed S] [--now ISO] [--window-days D]

Writes N realistic rows for table NAME (device names, IPs, URLs, process names, hashes,
accounts, ports, ActionType values, timestamps over the window ending at --now), the same
rows for the same seed. The table's columns come from its schema (Sentinel format) found in
the --schemas folders (later folders override earlier ones). The output format follows the
file name: .ndjson (or .jsonl), .json (an array of objects), .csv, each optionally .gz for NDJSON.

Options:
  --table NAME      the table to generate
  --rows N          how many rows
  --schemas DIR     a folder of table schemas (repeatable)
  --out FILE        where to write
  --seed S          seed (default 1)
  --now ISO         end of the time window (default 2026-05-25T23:00:00Z)
  --window-days D   days the timestamps spread over (default 7)${COMMON_USAGE}`;

export const sampleCommand: Command = {
  name: 'sample',
  summary: 'write synthetic telemetry for a table',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      {
        table: { type: 'string' },
        rows: { type: 'string' },
        seed: { type: 'string' },
        schemas: { type: 'string', multiple: true },
        out: { type: 'string' },
        now: { type: 'string' },
        'window-days': { type: 'string' },
      },
      { min: 0, max: 0 },
    );
    if (!values.table) throw new UsageError('--table is required');
    if (!values.out) throw new UsageError('--out is required');
    const rows = Number(values.rows);
    if (!values.rows || !Number.isInteger(rows) || rows < 0) throw new UsageError('--rows must be a whole number');
    if (!values.schemas?.length) throw new UsageError('--schemas is required (a folder of table schemas)');
    const now = values.now === undefined ? undefined : parseDatetime(values.now);
    if (now === null) throw new UsageError(`--now: not a datetime: ${values.now}`);
    const windowDays = values['window-days'] === undefined ? undefined : Number(values['window-days']);
    if (windowDays !== undefined && !(windowDays > 0)) throw new UsageError('--window-days must be a positive number');
    const format = formatOf(values.out);
    if (!format) throw new UsageError(`--out: use a .ndjson, .jsonl, .json or .csv file name (got ${values.out})`);

    const { tables } = loadTableSchemas(values.schemas);
    const schema = tables.get(values.table);
    if (!schema) throw new Error(`no schema for table ${values.table} in ${values.schemas.join(', ')}`);
    const seed = values.seed === undefined ? 1 : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
    const table = generateSample(schema, { rows, seed, now, windowDays });
    if (format === 'ndjson') writeNdjsonFile(table, values.out);
    else if (format === 'csv') writeFileSync(values.out, toCsv(table));
    else {
      const { columns, rows: data } = toJsonResult(table);
      writeFileSync(values.out, JSON.stringify(data.map((r) => Object.fromEntries(columns.map((c, k) => [c.name, r[k]])))));
    }
    process.stderr.write(`${rows} rows of ${values.table} written to ${values.out}\n`);
    return 0;
  },
};
