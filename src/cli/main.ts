#!/usr/bin/env node
/** socfeed command-line entry point: dispatches to the command named by the first argument. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/config-error.js';
import { UsageError, type Command } from './command.js';
import { COMMANDS } from './registry.js';

const HELP = `socfeed: a self-hosted detection-content feed

Usage: socfeed <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "socfeed <command> --help" for the options of one command.
Exit codes: 0 success, 1 failure, 2 bad usage.
`;

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    process.stdout.write(target ? target.usage + '\n' : HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`socfeed: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  return runCommand(command, rest);
}

async function runCommand(command: Command, argv: string[]): Promise<number> {
  const beforeSeparator = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (beforeSeparator.includes('--help') || beforeSeparator.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`socfeed ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`socfeed ${command.name}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`socfeed ${command.name}: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.SOCFEED_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}

// Run only when executed, not when imported (tests import `main`).
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  // `socfeed search | head`: a closed pipe ends the output, not with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  process.exitCode = await main(process.argv.slice(2));
}
