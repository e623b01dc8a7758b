import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './shared.js';

/**
 * Copies the named screenshots from a test's temp folder to docs/screenshots, only when
 * SOCFEED_SCREENSHOTS=1: a normal test run never rewrites the tracked images.
 */
export function publishScreenshots(dir: string, names: readonly string[]): void {
  if (process.env.SOCFEED_SCREENSHOTS !== '1') return;
  const out = join(REPO_ROOT, 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  for (const name of names) copyFileSync(join(dir, name), join(out, name));
}
