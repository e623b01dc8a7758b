/** Every `socfeed` command. A new command is one file under `commands/` and one line here. */
import type { Command } from './command.js';
import { coverageCommand } from './commands/coverage.js';
import { exportCommand } from './commands/export.js';
import { huntCommand } from './commands/hunt.js';
import { lintCommand } from './commands/lint.js';
import { problemsCommand } from './commands/problems.js';
import { sampleCommand } from './commands/sample.js';
import { searchCommand } from './commands/search.js';
import { serveCommand } from './commands/serve.js';
import { showCommand } from './commands/show.js';
import { startCommand } from './commands/start.js';
import { syncCommand } from './commands/sync.js';

export const COMMANDS: Command[] = [
  syncCommand,
  serveCommand,
  startCommand,
  searchCommand,
  showCommand,
  problemsCommand,
  sampleCommand,
  huntCommand,
  lintCommand,
  coverageCommand,
  exportCommand,
];
