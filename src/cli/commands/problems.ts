/** `socfeed problems`: the files of the last sync that could not be read fully. */
import { COMMON_USAGE, parseCommandArgs, type Command } from '../command.js';
import { openCatalogForReading } from '../command-context.js';

const usage = `Usage: socfeed problems [--json]

Lists the problems of the last sync: files that gave no rule ("error") and rules kept but
flagged ("warning"), with the line and column where known.

Options:
  --json          print the problems as a JSON array${COMMON_USAGE}`;

export const problemsCommand: Command = {
  name: 'problems',
  summary: 'list the problems of the last sync',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } }, { min: 0, max: 0 });
    const store = openCatalogForReading(values);
    try {
      const problems = store.problems();
      if (values.json) {
        process.stdout.write(JSON.stringify(problems, null, 2) + '\n');
        return 0;
      }
      for (const p of problems) {
        const at = p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : '';
        process.stdout.write(`${p.severity}\t${p.source}\t${p.file}${at}\t${p.reason}\n`);
      }
      const errors = problems.filter((p) => p.severity === 'error').length;
      process.stderr.write(`${problems.length} problems (${errors} errors, ${problems.length - errors} warnings)\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
