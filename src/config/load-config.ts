/** Finds, reads and validates the configuration a command runs with. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import type { SocfeedConfig } from './config-types.js';
import { DEFAULT_CONFIG_JSON } from './default-config.js';
import { validateConfig } from './validate-config.js';

/** The file looked for in the working directory when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = 'socfeed.config.json';

/**
 * Loads `configPath` (relative to `cwd`), or `socfeed.config.json` in `cwd` when it exists,
 * or else the built-in default (paths then resolve against `cwd`).
 * Throws `ConfigError` for a missing explicit file, bad JSON or invalid content.
 */
export function loadConfig(configPath: string | undefined, cwd: string = process.cwd()): SocfeedConfig {
  if (configPath === undefined) {
    const implicit = resolve(cwd, DEFAULT_CONFIG_FILE);
    if (!existsSync(implicit)) return validateConfig(DEFAULT_CONFIG_JSON, cwd, 'built-in default');
    return loadConfigFile(implicit);
  }
  return loadConfigFile(resolve(cwd, configPath));
}

/** Reads and validates one configuration file; relative paths in it resolve against its folder. */
export function loadConfigFile(file: string): SocfeedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return validateConfig(json, dirname(file), file);
}
