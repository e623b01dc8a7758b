/**
 * The tolerant YAML loader every YAML adapter (sentinel, sigma, splunk) reads rule files with.
 *
 * Valid files are parsed strictly. A file the parser rejects is read document by document:
 * known structural faults are repaired and the document re-parsed (repair-yaml.ts); failing
 * that, its top-level keys are read one by one (read-top-level-keys.ts). Anything recovered
 * is flagged with a `warning` at the original error's line and column; a document nothing can
 * be read from gives an `error`. Adapters decide what a recovered mapping is worth.
 */
import { LineCounter, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import type { FileProblem } from '../rule.js';
import { repairsAt, type YamlErrorAt } from './repair-yaml.js';
import { readTopLevelKeys } from './read-top-level-keys.js';
import { MAX_FLOW_NESTING, MAX_YAML_ALIAS_COUNT, flowNestingOverflow } from './yaml-limits.js';

export interface LoadedRuleYaml {
  /** Every document of the file that is a mapping, in file order. */
  documents: Record<string, unknown>[];
  /** Warnings for what was repaired or lost, errors for documents that gave nothing. */
  problems: FileProblem[];
  /** True when any document needed a repair or the key-by-key fallback. */
  recovered: boolean;
}

/** Repairs tried on one document before falling back to key-by-key reading. */
const MAX_REPAIRS = 8;

/**
 * Parses the YAML documents of one rule file (`file` names it in problems). Never throws.
 * Empty documents (a trailing `---`) are skipped silently; a file with no mapping at all
 * always carries at least one `error` problem.
 */
export function loadRuleYaml(text: string, file: string): LoadedRuleYaml {
  let result: LoadedRuleYaml;
  try {
    result = loadDocuments(text, file);
  } catch (err) {
    // Parser limits (deep nesting → stack overflow) must cost one file, not the sync.
    result = { documents: [], problems: [problem(file, `YAML could not be read: ${(err as Error).message}`, 'error')], recovered: false };
  }
  if (result.documents.length === 0 && !result.problems.some((p) => p.severity === 'error')) {
    result.problems.push(problem(file, 'no YAML mapping in the file', 'error'));
  }
  return result;
}

function loadDocuments(text: string, file: string): LoadedRuleYaml {
  const tooDeep = flowNestingOverflow(text);
  if (tooDeep) {
    const reason = `YAML nests more than ${MAX_FLOW_NESTING} brackets or braces; not parsed`;
    return { documents: [], problems: [{ file, ...tooDeep, reason, severity: 'error' }], recovered: false };
  }
  const lineCounter = new LineCounter();
  const docs = parseAll(text, lineCounter);
  if (docs.every((d) => d.errors.length === 0)) return convertDocuments(docs, lineCounter, file, 0);
  // Some document is broken: handle each on its own so one bad document costs only itself.
  const out: LoadedRuleYaml = { documents: [], problems: [], recovered: false };
  for (const segment of splitDocuments(text.split('\n'))) {
    const r = loadBrokenCandidate(segment.lines, segment.firstLine, file);
    out.documents.push(...r.documents);
    out.problems.push(...r.problems);
    out.recovered ||= r.recovered;
  }
  return out;
}

function parseAll(text: string, lineCounter: LineCounter, uniqueKeys = true): Document.Parsed[] {
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys, prettyErrors: true });
  // An empty stream comes back as an `EmptyStream` array-like, not documents.
  return Array.isArray(docs) ? (docs as Document.Parsed[]) : [];
}

/** One document's lines, parsed strictly, then after repairs, then key by key. */
function loadBrokenCandidate(lines: string[], firstLine: number, file: string): LoadedRuleYaml {
  const warnings: FileProblem[] = [];
  let current = lines;
  let uniqueKeys = true;
  let firstError: YamlErrorAt | null = null;
  for (let attempt = 0; attempt <= MAX_REPAIRS; attempt++) {
    const lineCounter = new LineCounter();
    const docs = parseAll(current.join('\n'), lineCounter, uniqueKeys);
    const yamlError = docs.flatMap((d) => d.errors)[0];
    if (!yamlError) {
      const r = convertDocuments(docs, lineCounter, file, firstLine - 1);
      return { documents: r.documents, problems: [...warnings, ...r.problems], recovered: warnings.length > 0 };
    }
    const err = errorAt(yamlError);
    firstError ??= err;
    const at = { file, line: firstLine - 1 + err.line, column: err.column };
    if (err.code === 'DUPLICATE_KEY' && uniqueKeys) {
      // As PyYAML (which upstream tooling uses) does: the last value wins.
      uniqueKeys = false;
      warnings.push({ ...at, reason: `YAML error "${err.message}"; kept the last value of the repeated key`, severity: 'warning' });
      continue;
    }
    const fix = repairsAt(current, err).find((r) => movesPastError(r.lines, err, uniqueKeys));
    if (!fix) break;
    warnings.push({ ...at, reason: `YAML error "${err.message}"; repaired: ${fix.description}`, severity: 'warning' });
    current = fix.lines;
  }

  const fallback = readTopLevelKeys(current, firstLine);
  const origin = firstError!;
  const at = { file, line: firstLine - 1 + origin.line, column: origin.column };
  if (Object.keys(fallback.value).length === 0) {
    return { documents: [], problems: [{ ...at, reason: `YAML error: ${origin.message}`, severity: 'error' }], recovered: false };
  }
  const problems: FileProblem[] = [
    { ...at, reason: `YAML error "${origin.message}"; read the top-level keys one by one instead`, severity: 'warning' },
    ...fallback.lost.map((l): FileProblem => ({
      file,
      line: l.line,
      reason: `top-level key "${l.key}": ${l.reason}`,
      severity: 'warning',
    })),
  ];
  return { documents: [fallback.value], problems, recovered: true };
}

/** True when `lines` parse without error, or fail somewhere other than at `err`. */
function movesPastError(lines: string[], err: YamlErrorAt, uniqueKeys: boolean): boolean {
  const next = parseAll(lines.join('\n'), new LineCounter(), uniqueKeys).flatMap((d) => d.errors)[0];
  if (!next) return true;
  const at = errorAt(next);
  return at.line !== err.line || at.code !== err.code;
}

/** Parsed documents to plain values; `lineOffset` maps document lines back to file lines. */
function convertDocuments(docs: Document.Parsed[], lineCounter: LineCounter, file: string, lineOffset: number): LoadedRuleYaml {
  const out: LoadedRuleYaml = { documents: [], problems: [], recovered: false };
  docs.forEach((doc, i) => {
    const pos = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]);
    const at = { file, line: pos.line + lineOffset, column: pos.col };
    for (const w of doc.warnings) {
      const e = errorAt(w);
      out.problems.push({ file, line: e.line + lineOffset, column: e.column, reason: `YAML warning: ${e.message}`, severity: 'warning' });
    }
    if (doc.contents === null) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    } catch (err) {
      const reason =
        err instanceof ReferenceError && /alias/i.test(err.message)
          ? `YAML aliases expand beyond the limit of ${MAX_YAML_ALIAS_COUNT} (an alias bomb, "billion laughs"); document ${i + 1} not read`
          : `YAML document ${i + 1} could not be read: ${(err as Error).message}`;
      out.problems.push({ ...at, reason, severity: 'error' });
      return;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out.documents.push(value as Record<string, unknown>);
    } else if (value !== null) {
      const what = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
      out.problems.push({ ...at, reason: `YAML document ${i + 1} is ${what}, not a mapping`, severity: 'error' });
    }
  });
  return out;
}

/** The lines of each document between `---` / `...` markers, with the 1-based line of the first. */
function splitDocuments(lines: string[]): { lines: string[]; firstLine: number }[] {
  const segments: { lines: string[]; firstLine: number }[] = [{ lines: [], firstLine: 1 }];
  lines.forEach((l, i) => {
    if (/^(---|\.\.\.)(\s|$)/.test(l)) segments.push({ lines: [], firstLine: i + 2 });
    else segments.at(-1)!.lines.push(l);
  });
  return segments.filter((s) => s.lines.some((l) => !/^\s*(#.*)?$/.test(l)));
}

/** A yaml error's code, first message line (without its position suffix) and position. */
function errorAt(e: YAMLError): YamlErrorAt {
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
  return { code: e.code, message, line: pos.line, column: pos.col };
}

function problem(file: string, reason: string, severity: FileProblem['severity']): FileProblem {
  return { file, reason, severity };
}
