/** `socfeed start`: sync, then serve — what `npm start` runs. */
import { COMMON_USAGE, parseCommandArgs, type Command } from '../command.js';
import { SERVE_OPTIONS, serveUntilStopped } from './serve.js';
import { syncWithSummary } from './sync.js';

const usage = `Usage: socfeed start [--host 127.0.0.1] [--port 8080] [--schemas DIR]… [--config FILE] [--db FILE]

Syncs every configured source (as "socfeed sync"), then serves the feed (as "socfeed serve").
A source that fails to sync keeps its previous rules and does not stop the server.

Options:
  --host HOST     address to listen on (default 127.0.0.1)
  --port PORT     port (default 8080)
  --schemas DIR   table schemas for the rule pages' hunts (repeatable)${COMMON_USAGE}`;

export const startCommand: Command = {
  name: 'start',
  summary: 'sync, then serve (what npm start runs)',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, SERVE_OPTIONS, { min: 0, max: 0 });
    const report = await syncWithSummary(values);
    if (!report.ok) process.stderr.write('socfeed: some sources failed to sync (see above); serving what the catalog holds\n');
    return serveUntilStopped(values);
  },
};
