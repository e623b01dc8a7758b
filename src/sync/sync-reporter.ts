/** Progress of a sync for people: a live line per source on a terminal, plain lines otherwise. */
import type { SourceSyncSummary } from '../store/catalog-store.js';

/** What sync tells whoever watches it. */
export interface SyncReporter {
  /** Called while parsing; `done` of `total` files of the source handled. */
  progress(source: string, done: number, total: number): void;
  /** The source is finished (or failed: `summary.error`). */
  sourceDone(summary: SourceSyncSummary): void;
  /** A note that concerns the whole sync (ATT&CK download fell back to the cache …). */
  note(message: string): void;
}

/** Reports nothing (tests, library use). */
export const SILENT_REPORTER: SyncReporter = { progress() {}, sourceDone() {}, note() {} };

/** One line describing a finished source. */
export function formatSourceSummary(s: SourceSyncSummary): string {
  if (s.error) return `${s.source}: FAILED, previous rules kept: ${s.error}`;
  const commit = s.commit ? ` @ ${s.commit.slice(0, 12)}` : '';
  return (
    `${s.source}${commit}: ${s.filesRead} files, ${s.rules ?? 0} rules ` +
    `(+${s.added} added, ~${s.changed} changed, -${s.removed} removed, =${s.unchanged} unchanged), ` +
    `${s.ignored} ignored, ${s.failedFiles ?? 0} failed, ${s.problems} problems (${s.warnings ?? 0} warnings)`
  );
}

/**
 * A reporter writing to `out`. On a TTY the current source's line is redrawn as files are
 * parsed (at most every 100 ms); elsewhere only finished sources are written, one line each.
 */
export function streamReporter(out: NodeJS.WriteStream): SyncReporter {
  const live = out.isTTY === true;
  let lastDraw = 0;
  return {
    progress(source, done, total) {
      if (!live) return;
      const now = Date.now();
      if (done !== total && now - lastDraw < 100) return;
      lastDraw = now;
      out.write(`\r\x1b[2K${source}: ${done}/${total} files read`);
    },
    sourceDone(summary) {
      out.write(`${live ? '\r\x1b[2K' : ''}${formatSourceSummary(summary)}\n`);
    },
    note(message) {
      out.write(`${live ? '\r\x1b[2K' : ''}${message}\n`);
    },
  };
}
