/**
 * The limits of a hunt run from the web: the server is a shared, local tool, so a hunt must
 * stay small in input, time, memory and output whatever the user sends.
 */
export const HUNT_LIMITS = {
  /** Largest uploaded telemetry file. */
  maxUploadBytes: 20 * 1024 * 1024,
  /** Largest request body (the upload plus the form's other fields). */
  maxBodyBytes: 21 * 1024 * 1024,
  /** Longest query text, in characters. */
  maxQueryChars: 64 * 1024,
  /** The engine's time limit. */
  timeoutMs: 10_000,
  /** Most rows any operator may materialize. */
  maxOperatorRows: 5_000_000,
  /** Rows sent back for display; the row count is always the full one. */
  maxResponseRows: 1_000,
  /** Rows a CSV or JSON download carries at most. */
  maxDownloadRows: 100_000,
  /** Synthetic rows generated per table. */
  syntheticRows: 2_000,
  /** Hunts running at once; more are refused (each holds its tables in memory). */
  maxConcurrent: 2,
} as const;

/** The fixed seed of synthetic telemetry: the same query and "now" always see the same rows. */
export const SYNTHETIC_SEED = 'socfeed-hunt';
