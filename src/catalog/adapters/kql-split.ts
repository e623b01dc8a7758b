/**
 * Splitting a KQL file that holds several queries written one after another without `;`
 * (reprise99's files give a Sentinel query and its Advanced Hunting twin, each under its own
 * comment). A file is split only when the whole text does not parse and the pieces parse
 * with fewer errors; a file that parses as one query stays one query, so its rule id is
 * unchanged. The decisions are documented in docs/field-mapping/kql.md.
 *
 * Where a new query may start: at the first code line after a gap (blank or comment-only
 * lines), when that line starts a statement (not `|` or another continuation), the code so
 * far has its brackets closed, and the previous code line does not leave the statement open
 * (`;` after a `let`, a trailing `,`, `|`, `(`, operator …).
 */
import { kqlSyntaxErrors } from '../../kql/frontend/syntax-errors.js';

/** One query of a file: its text (with the comments just above it) and where it sits. */
export interface KqlPiece {
  text: string;
  /** 1-based first line of the piece (its leading comments included) and last line. */
  line: number;
  endLine: number;
  /** The comment lines just above the piece's first code line, without `//`. */
  leadingComments: string[];
}

/** A continuation of the previous line rather than the start of a statement. */
const CONTINUES = /^(\||\)|\]|\}|,|\.|=|\+|-|\*|\/|<|>|!|and\b|or\b|on\b|by\b|with\b|kind\b|step\b|from\b|to\b|asc\b|desc\b|nulls\b|else\b|then\b)/i;
/** A line ending that leaves the statement open. */
const LEAVES_OPEN = /(;|,|\||\(|\[|\{|=|\+|-|\*|\/|<|>|\band|\bor|\bby|\bon)\s*$/i;

/** The queries of `text`: one piece (the whole text) unless splitting makes them parse. */
export function splitKqlQueries(text: string): KqlPiece[] {
  const lines = text.split('\n');
  const starts = candidateStarts(lines);
  const whole: KqlPiece = { text, line: 1, endLine: lines.length, leadingComments: [] };
  if (starts.length === 0) return [whole];
  const wholeErrors = kqlSyntaxErrors(text).length;
  if (wholeErrors === 0) return [whole];
  const pieces = piecesAt(lines, starts);
  const pieceErrors = pieces.reduce((n, p) => n + kqlSyntaxErrors(p.text).length, 0);
  return pieceErrors < wholeErrors ? pieces : [whole];
}

/** 0-based indexes of the lines where a new query may start (the first code line of a chunk). */
function candidateStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let depth = 0;
  let lastCode: string | null = null;
  let gap = false;
  let seenCode = false;
  for (let i = 0; i < lines.length; i++) {
    const code = codeOf(lines[i]!);
    if (code === '') {
      gap = true;
      continue;
    }
    if (seenCode && gap && depth === 0 && lastCode !== null && !LEAVES_OPEN.test(lastCode) && !CONTINUES.test(code)) starts.push(i);
    depth += bracketDelta(code);
    lastCode = code;
    gap = false;
    seenCode = true;
  }
  return starts;
}

/** The pieces between the start lines; each piece takes the comment lines just above its first code line. */
function piecesAt(lines: string[], starts: number[]): KqlPiece[] {
  const bounds = [0, ...starts.map((s) => leadingCommentStart(lines, s))];
  const firstCode = lines.findIndex((l) => codeOf(l) !== '');
  return bounds.map((from, k) => {
    const to = k + 1 < bounds.length ? bounds[k + 1]! : lines.length;
    const codeStart = k === 0 ? firstCode : starts[k - 1]!;
    const leading = lines
      .slice(leadingCommentStart(lines, codeStart), codeStart)
      .map((l) => l.trim())
      .filter((l) => l.startsWith('//'))
      .map((l) => l.replace(/^\/\/+\s*/, ''));
    return { text: lines.slice(from, to).join('\n').replace(/\s+$/, ''), line: from + 1, endLine: to, leadingComments: leading };
  });
}

/** The first line of the comment/blank run just above line `start` that holds comments (blank lines above it stay with the previous piece). */
function leadingCommentStart(lines: string[], start: number): number {
  let i = start;
  while (i > 0 && codeOf(lines[i - 1]!) === '') i--;
  // skip blank lines at the top of the gap
  while (i < start && lines[i]!.trim() === '') i++;
  return i;
}

/** The code of a line: without a trailing `//` comment (outside strings) and whitespace. */
function codeOf(line: string): string {
  return scan(line).code;
}

/** Opening minus closing brackets of a code line, strings skipped. */
function bracketDelta(code: string): number {
  return scan(code).delta;
}

/** One pass over a line outside string literals (`'…'`, `"…"`, verbatim `@'…'`): where a `//` comment starts, and the bracket balance. */
function scan(line: string): { code: string; delta: number } {
  let delta = 0;
  let quote: string | null = null;
  let verbatim = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && !verbatim) i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      verbatim = line[i - 1] === '@';
    } else if (c === '/' && line[i + 1] === '/') return { code: line.slice(0, i).trim(), delta };
    else if (c === '(' || c === '[' || c === '{') delta++;
    else if (c === ')' || c === ']' || c === '}') delta--;
  }
  return { code: line.trim(), delta };
}
