/**
 * Targeted repairs for the structural YAML faults real rule repositories ship with.
 *
 * Each repair looks at the line the parser complained about, recognises one known fault and
 * rewrites only the lines involved, never adding or removing lines, so every line number the
 * parser reports stays valid for the original file. A repair that does not recognise its fault
 * returns null; one that does not get the parser past the error is discarded by the loader.
 */

/** A parser error as far as repairs need it; line and column are 1-based. */
export interface YamlErrorAt {
  code: string;
  message: string;
  line: number;
  column: number;
}

/** A repaired text and a short description of what was changed (for the problem report). */
export interface Repair {
  lines: string[];
  description: string;
}

type RepairFn = (lines: string[], err: YamlErrorAt) => Repair | null;

const indentOf = (line: string): number => line.length - line.trimStart().length;
const isBlankOrComment = (line: string): boolean => /^\s*(#.*)?$/.test(line);

/**
 * A key of a sequence item's mapping written at the dash's column instead of the item's content
 * column (seen under `requiredDataConnectors` in the RMM hunting queries):
 * ```
 * requiredDataConnectors:
 *     - connectorId: MicrosoftThreatProtection
 *     dataTypes:            <- belongs to the item above
 *         - DeviceNetworkEvents
 * ```
 * The key and everything nested under it move to the item's content column.
 */
const misalignedSequenceItemKey: RepairFn = (lines, err) => {
  if (err.code !== 'BAD_INDENT') return null;
  const at = err.line - 1;
  const line = lines[at];
  if (line === undefined || !/^\s*[^\s#-][^:]*:(\s|$)/.test(line)) return null;
  const col = indentOf(line);
  let prev = at - 1;
  while (prev >= 0 && (isBlankOrComment(lines[prev]!) || indentOf(lines[prev]!) > col)) prev--;
  const dashLine = prev >= 0 ? lines[prev]! : '';
  const dash = /^(\s*)-(\s+)[^\s#]/.exec(dashLine);
  if (!dash || dash[1]!.length !== col) return null;
  const shift = ' '.repeat(1 + dash[2]!.length);
  const out = lines.slice();
  for (let i = at; i < out.length; i++) {
    const l = out[i]!;
    if (!isBlankOrComment(l)) {
      const ind = indentOf(l);
      // Stop at the parent's next key or the next sequence item; a further key at the dash
      // column is the same fault again and moves too.
      if (ind < col || (ind === col && /^\s*-(\s|$)/.test(l))) break;
    }
    if (l !== '') out[i] = shift + l;
  }
  return { lines: out, description: "moved a key written at its sequence item's dash column under that item" };
};

/** `name:Login spike` — a key with no space after its colon reads as one plain scalar. */
const missingSpaceAfterKeyColon: RepairFn = (lines, err) => {
  for (const at of [err.line - 1, err.line - 2]) {
    const line = lines[at];
    if (line === undefined) continue;
    // Not `http://`: a key followed by `//` is a URL, and `::` is not a key either.
    const m = /^(\s*(?:-\s+)?[A-Za-z_][\w.-]*):([^\s:/].*)$/.exec(line);
    if (!m) continue;
    const out = lines.slice();
    out[at] = `${m[1]}: ${m[2]}`;
    return { lines: out, description: "added the missing space after a key's colon" };
  }
  return null;
};

/** `id: %%GUID%%` — a plain scalar may not start with `%`, `@` or a backtick; quote it. */
const reservedIndicatorScalar: RepairFn = (lines, err) => {
  if (err.code !== 'BAD_SCALAR_START') return null;
  const at = err.line - 1;
  const line = lines[at];
  if (line === undefined) return null;
  const start = err.column - 1;
  if (!/[%@`]/.test(line.charAt(start))) return null;
  const value = line.slice(start).trimEnd();
  const out = lines.slice();
  out[at] = `${line.slice(0, start)}'${value.replace(/'/g, "''")}'`;
  return { lines: out, description: 'quoted a value that starts with a reserved character' };
};

/**
 * A quoted scalar whose continuation lines start at column 0 (Splunk macros and searches):
 * flow scalar continuations must be indented past their key. Indents them up to the closing quote.
 */
const unindentedQuotedContinuation: RepairFn = (lines, err) => {
  if (err.code !== 'MISSING_CHAR' || !/closing ['"]?quote/i.test(err.message)) return null;
  let at = err.line - 1;
  // The error may point at the end of the scalar; walk back to the line that opens the quote.
  while (at >= 0 && !/^\s*(?:-\s+)?[^\s#'"][^:]*:\s+['"]/.test(lines[at]!)) at--;
  if (at < 0) return null;
  const opener = lines[at]!;
  const quote = /:\s+(['"])/.exec(opener)![1]!;
  const pad = ' '.repeat(indentOf(opener) + 2);
  // `''` is an escaped quote inside single quotes, `\"` inside double quotes.
  const closes = (text: string): boolean =>
    quote === "'" ? text.replace(/''/g, '').includes("'") : /(^|[^\\])(\\\\)*"/.test(text);
  const out = lines.slice();
  let changed = false;
  for (let i = at + 1; i < out.length; i++) {
    const l = out[i]!;
    if (l !== '' && indentOf(l) <= indentOf(opener)) {
      out[i] = pad + l.trimStart();
      changed = true;
    }
    if (closes(l)) break;
  }
  if (!changed) return null;
  return { lines: out, description: 'indented the continuation lines of a quoted value' };
};

/** Tabs used as indentation: expand every leading tab to two spaces, consistently. */
const tabIndentation: RepairFn = (lines, err) => {
  if (err.code !== 'TAB_AS_INDENT') return null;
  let changed = false;
  const out = lines.map((l) => {
    const m = /^[ \t]*/.exec(l)![0];
    if (!m.includes('\t')) return l;
    changed = true;
    return m.replace(/\t/g, '  ') + l.slice(m.length);
  });
  return changed ? { lines: out, description: 'expanded tab indentation to spaces' } : null;
};

const REPAIRS: RepairFn[] = [
  misalignedSequenceItemKey,
  missingSpaceAfterKeyColon,
  reservedIndicatorScalar,
  unindentedQuotedContinuation,
  tabIndentation,
];

/**
 * Every repair that recognises the fault at `err`, in order of preference; empty when none
 * does. The caller keeps the first one that makes the parser move past the error.
 */
export function repairsAt(lines: string[], err: YamlErrorAt): Repair[] {
  return REPAIRS.map((repair) => repair(lines, err)).filter((r): r is Repair => r !== null);
}
