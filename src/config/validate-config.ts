/**
 * Turns parsed JSON into a `SocfeedConfig`, collecting every problem with the key it concerns
 * so one run of the user shows them all.
 */
import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_MAX_RULE_FILE_BYTES } from '../catalog/read-rule-file.js';
import type { SourceFormat } from '../catalog/rule.js';
import { ConfigError } from './config-error.js';
import {
  SOURCE_FORMATS,
  type AttackLocation,
  type SocfeedConfig,
  type SourceConfig,
  type SourceLocation,
} from './config-types.js';

/** The catalog file used when the configuration names none, relative to its folder. */
export const DEFAULT_DB_PATH = '.socfeed/catalog.db';

const TOP_KEYS = ['sources', 'attack', 'db', 'maxFileBytes', 'schemas', '$schema', 'comment'];
const SOURCE_KEYS = ['name', 'format', 'git', 'dir', 'paths', 'repo', 'ref', 'tags', 'manifest', 'comment'];
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Validates `raw` (parsed JSON); relative paths resolve against `baseDir`.
 * Throws `ConfigError` listing every bad key; never returns a partly valid configuration.
 */
export function validateConfig(raw: unknown, baseDir: string, origin: string): SocfeedConfig {
  const problems: string[] = [];
  if (!isPlainObject(raw)) throw new ConfigError(origin, ['(top level): must be a JSON object']);

  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) problems.push(`${key}: unknown key (expected one of ${TOP_KEYS.slice(0, 5).join(', ')})`);
  }

  const sources: SourceConfig[] = [];
  if (!Array.isArray(raw.sources)) {
    problems.push('sources: must be an array of sources');
  } else if (raw.sources.length === 0) {
    problems.push('sources: must list at least one source');
  } else {
    raw.sources.forEach((entry, i) => {
      const source = validateSource(entry, `sources[${i}]`, baseDir, problems);
      if (source) sources.push(source);
    });
    const seen = new Set<string>();
    sources.forEach((s) => {
      const key = s.name.toLowerCase();
      if (seen.has(key)) problems.push(`sources: the name "${s.name}" is used twice (names must be unique, ignoring case)`);
      seen.add(key);
    });
  }

  const attack = validateAttack(raw.attack, baseDir, problems);

  let db = resolve(baseDir, DEFAULT_DB_PATH);
  if (raw.db !== undefined) {
    if (typeof raw.db !== 'string' || raw.db.trim() === '') problems.push('db: must be a non-empty path');
    else db = resolve(baseDir, raw.db);
  }

  let maxFileBytes = DEFAULT_MAX_RULE_FILE_BYTES;
  if (raw.maxFileBytes !== undefined) {
    if (typeof raw.maxFileBytes !== 'number' || !Number.isInteger(raw.maxFileBytes) || raw.maxFileBytes < 1) {
      problems.push('maxFileBytes: must be a positive integer (bytes)');
    } else {
      maxFileBytes = raw.maxFileBytes;
    }
  }

  const schemas = stringList(raw.schemas, 'schemas', problems, { required: false }).map((dir) => resolve(baseDir, dir));

  if (problems.length > 0 || !attack) throw new ConfigError(origin, problems);
  return { sources, attack, db, maxFileBytes, schemas, origin };
}

function validateSource(entry: unknown, at: string, baseDir: string, problems: string[]): SourceConfig | null {
  if (!isPlainObject(entry)) {
    problems.push(`${at}: must be an object with name, format, git or dir, paths`);
    return null;
  }
  const before = problems.length;
  for (const key of Object.keys(entry)) {
    if (!SOURCE_KEYS.includes(key)) problems.push(`${at}.${key}: unknown key (expected one of ${SOURCE_KEYS.slice(0, 9).join(', ')})`);
  }

  const name = entry.name;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    problems.push(`${at}.name: must be a non-empty name of letters, digits, '.', '_' or '-'`);
  }
  const format = entry.format;
  if (typeof format !== 'string' || !(SOURCE_FORMATS as readonly string[]).includes(format)) {
    problems.push(`${at}.format: must be one of ${SOURCE_FORMATS.join(', ')}`);
  }

  let location: SourceLocation | null = null;
  if (entry.git !== undefined && entry.dir !== undefined) {
    problems.push(`${at}: give either "git" or "dir", not both`);
  } else if (entry.git !== undefined) {
    if (typeof entry.git !== 'string' || !/^(https?|file|ssh|git):\/\/\S+$|^[\w.-]+@[\w.-]+:\S+$/.test(entry.git)) {
      problems.push(`${at}.git: must be a git URL (https://…, file://…, ssh://… or user@host:path)`);
    } else {
      location = { kind: 'git', url: entry.git };
    }
  } else if (entry.dir !== undefined) {
    if (typeof entry.dir !== 'string' || entry.dir.trim() === '') problems.push(`${at}.dir: must be a folder path`);
    else location = { kind: 'dir', path: resolve(baseDir, entry.dir) };
  } else {
    problems.push(`${at}: needs "git" (a URL to clone) or "dir" (a local folder)`);
  }

  const paths = stringList(entry.paths, `${at}.paths`, problems, { required: true });
  for (const p of paths) {
    if (isAbsolute(p) || p.split('/').includes('..')) problems.push(`${at}.paths: "${p}" must stay inside the source (relative, no "..")`);
  }

  let repo: string | null = null;
  if (entry.repo !== undefined) {
    if (typeof entry.repo !== 'string' || !/^https:\/\/\S+$/.test(entry.repo)) problems.push(`${at}.repo: must be an https URL`);
    else repo = entry.repo.replace(/\/+$/, '').replace(/\.git$/, '');
  }
  let ref: string | null = null;
  if (entry.ref !== undefined) {
    if (typeof entry.ref !== 'string' || !/^[\w./-]+$/.test(entry.ref)) problems.push(`${at}.ref: must be a branch, tag or commit name`);
    else ref = entry.ref;
  }
  const tags = stringList(entry.tags, `${at}.tags`, problems, { required: false });

  let manifest: string | null = null;
  if (entry.manifest !== undefined) {
    if (typeof entry.manifest !== 'string' || entry.manifest.trim() === '') problems.push(`${at}.manifest: must be a file path`);
    else if (location?.kind !== 'dir') problems.push(`${at}.manifest: only "dir" sources take a manifest`);
    else manifest = resolve(location.path, entry.manifest);
  }

  if (problems.length > before || !location) return null;
  return {
    name: name as string,
    format: format as SourceFormat,
    location,
    paths,
    repo,
    ref,
    tags,
    manifest,
  };
}

function validateAttack(value: unknown, baseDir: string, problems: string[]): AttackLocation | null {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push('attack: must be the path or https URL of an ATT&CK STIX bundle');
    return null;
  }
  if (/^https:\/\//.test(value)) return { kind: 'url', url: value };
  if (/^[a-z]+:\/\//i.test(value)) {
    problems.push('attack: a URL must use https');
    return null;
  }
  return { kind: 'file', path: resolve(baseDir, value) };
}

function stringList(value: unknown, at: string, problems: string[], opts: { required: boolean }): string[] {
  if (value === undefined && !opts.required) return [];
  if (!Array.isArray(value) || (opts.required && value.length === 0)) {
    problems.push(`${at}: must be ${opts.required ? 'a non-empty' : 'an'} array of strings`);
    return [];
  }
  const bad = value.findIndex((v) => typeof v !== 'string' || v.trim() === '');
  if (bad !== -1) {
    problems.push(`${at}[${bad}]: must be a non-empty string`);
    return [];
  }
  return value as string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
