/** What a CLI command is, and the argument parsing every command shares. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** One `socfeed <name>` command. Add a file under `commands/` and one line in `registry.ts`. */
export interface Command {
  name: string;
  /** One line for `socfeed --help`. */
  summary: string;
  /** Full help text, printed by `--help` and after a usage error. */
  usage: string;
  /** Exit code: 0 success, 1 failure, 2 bad usage. */
  run(argv: string[]): Promise<number>;
}

/** Bad command-line arguments: exit code 2 with the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Options every command takes (`--help` is answered by main before the command runs). */
export const COMMON_OPTIONS = {
  config: { type: 'string' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** Help lines for the common options, appended to each command's usage. */
export const COMMON_USAGE = `

Common options:
  --config FILE   configuration file (default: ./socfeed.config.json, else the built-in public repositories)
  --db FILE       catalog database (default: the "db" of the configuration, .socfeed/catalog.db)
  -h, --help      show this help`;

/**
 * Parses `argv` strictly against the common options plus `options`. Throws `UsageError` for
 * an unknown option, a missing value, or the wrong number of positionals.
 */
export function parseCommandArgs<O extends OptionSpecs>(argv: string[], options: O, positionals: { min: number; max: number }) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as { config?: string; db?: string; help?: boolean } & ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>['values'];
  const n = parsed.positionals.length;
  if (n < positionals.min) throw new UsageError(`missing argument${positionals.min - n > 1 ? 's' : ''}`);
  if (n > positionals.max) throw new UsageError(`unexpected argument: ${parsed.positionals[positionals.max]}`);
  return { values, positionals: parsed.positionals };
}
