/**
 * Rule files named on the command line → catalog rules, for `socfeed lint PATH…`: folders are
 * walked, each file goes to the adapter its name and content call for, and the rules are built
 * as sync builds them (ATT&CK normalized), keeping the file each came from.
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AttackKnowledgeBase } from '../attack/index.js';
import { adapterFor } from '../catalog/adapters/index.js';
import { readRuleFile } from '../catalog/read-rule-file.js';
import type { Rule, SourceFormat } from '../catalog/rule.js';
import type { SourceConfig } from '../config/config-types.js';
import { buildRule } from '../sync/build-rule.js';

const RULE_FILE = /\.(ya?ml|toml|kql|csl|md|txt)$/i;
const MAX_BYTES = 5 * 1024 * 1024;

/** The format a file is in, from its extension and (for YAML) its top-level keys. */
export function formatOfFile(path: string, text: string): SourceFormat {
  if (/\.toml$/i.test(path)) return 'elastic';
  if (/\.(kql|csl|md|txt)$/i.test(path)) return 'kql';
  if (/^detection:/m.test(text) && /^logsource:/m.test(text)) return 'sigma';
  if (/^search:/m.test(text)) return 'splunk';
  return 'sentinel';
}

function walk(path: string, out: string[]): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) if (!name.startsWith('.')) walk(join(path, name), out);
  } else if (RULE_FILE.test(path)) out.push(path);
}

/**
 * `path` relative to `cwd` when inside it, else absolute (POSIX separators): the adapters read a
 * leading ".." as a hidden folder and would skip the file.
 */
function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
  return (inside ? rel : resolve(cwd, path)).split(sep).join('/');
}

export interface FileRules {
  rules: { rule: Rule; file: string }[];
  /** Files that should have given a rule and did not (unreadable, broken, no query), with why. */
  problems: string[];
  /** Files that are not rules by design (README, licence, tooling), with why. */
  ignored: string[];
}

/** Every rule in `paths` (files or folders); file names in the result are relative to `cwd`, POSIX separators. */
export function rulesFromPaths(paths: string[], attack: AttackKnowledgeBase, cwd: string = process.cwd()): FileRules {
  const files: string[] = [];
  const problems: string[] = [];
  const ignored: string[] = [];
  for (const p of paths) {
    try {
      walk(p, files);
    } catch (err) {
      problems.push(`${p}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const rules: FileRules['rules'] = [];
  for (const abs of files) {
    const file = displayPath(abs, cwd);
    const read = readRuleFile(abs, file, { maxBytes: MAX_BYTES });
    if (!read.ok) {
      problems.push(`${file}: ${read.problem.reason}`);
      continue;
    }
    const format = formatOfFile(abs, read.text);
    const adapter = adapterFor(format);
    if (!adapter) {
      problems.push(`${file}: no ${format} adapter`);
      continue;
    }
    const source: SourceConfig = { name: 'local', format, location: { kind: 'dir', path: cwd }, paths: [], repo: null, ref: null, tags: [], manifest: null };
    try {
      const parsed = adapter.parse({ path: file, text: read.text });
      if (parsed.rules.length === 0 && parsed.ignored) ignored.push(`${file}: ${parsed.ignored}`);
      else if (parsed.rules.length === 0) problems.push(`${file}: ${parsed.problems[0]?.reason ?? 'no rule found'}`);
      for (const p of parsed.rules) rules.push({ rule: buildRule(p, { source, commit: null, attack }), file });
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  return { rules, problems, ignored };
}
