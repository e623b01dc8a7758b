/**
 * A hook for the atomicity tests: when the environment variable `name` holds a number of
 * milliseconds, announce the moment on stderr and block for that long, so a test can SIGKILL
 * the process at a known point. Does nothing otherwise.
 */
export function pauseForTest(name: string, moment: string): void {
  const ms = Number(process.env[name] ?? 0);
  if (!(ms > 0)) return;
  process.stderr.write(`socfeed-test: paused ${moment}\n`);
  // A synchronous sleep: the point is to hold the process exactly here.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
