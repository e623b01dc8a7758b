/** `socfeed sync`: fetch or update every configured source and update the catalog. */
import { runSync, type SyncReport } from '../../sync/run-sync.js';
import { streamReporter } from '../../sync/sync-reporter.js';
import { COMMON_USAGE, parseCommandArgs, type Command } from '../command.js';
import { commandConfig } from '../command-context.js';

const usage = `Usage: socfeed sync [--full] [--config FILE] [--db FILE]

Fetches or updates every configured source (git sources: shallow sparse clone, then fetch;
dir sources: read in place) and updates the catalog incrementally, in one transaction.
Progress per source goes to stderr; the summary to stdout.

Options:
  --full          parse every file again, even those unchanged since the last sync${COMMON_USAGE}`;

/** Runs a sync with progress on stderr and the summary on stdout; true when every source synced. */
export async function syncWithSummary(values: { config?: string; db?: string; full?: boolean }): Promise<SyncReport> {
  const config = commandConfig(values);
  process.stderr.write(`socfeed sync: ${config.sources.length} sources from ${config.origin} into ${config.db}\n`);
  const started = Date.now();
  const report = await runSync(config, { full: values.full ?? false, reporter: streamReporter(process.stderr) });
  process.stdout.write(formatSyncTotals(report, Date.now() - started));
  return report;
}

/** The closing summary of a sync: totals over every source. */
export function formatSyncTotals(report: SyncReport, ms: number): string {
  const sum = (k: 'filesRead' | 'added' | 'changed' | 'removed' | 'unchanged' | 'ignored' | 'problems' | 'rules' | 'failedFiles') =>
    report.sources.reduce((n, s) => n + (s[k] ?? 0), 0);
  const failed = report.sources.filter((s) => s.error).map((s) => s.source);
  return (
    `Synced ${report.sources.length - failed.length}/${report.sources.length} sources in ${(ms / 1000).toFixed(1)} s: ` +
    `${sum('filesRead')} files → ${sum('rules')} rules (+${sum('added')} added, ~${sum('changed')} changed, ` +
    `-${sum('removed')} removed, =${sum('unchanged')} unchanged), ${sum('ignored')} ignored, ` +
    `${sum('failedFiles')} failed files, ${sum('problems')} problems (socfeed problems)\n` +
    (failed.length ? `Failed sources (previous rules kept): ${failed.join(', ')}\n` : '')
  );
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'fetch or update the configured sources and update the catalog',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { full: { type: 'boolean' } }, { min: 0, max: 0 });
    const report = await syncWithSummary(values);
    return report.ok ? 0 : 1;
  },
};
