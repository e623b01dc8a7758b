/**
 * Last-resort reading of a YAML mapping the parser rejects even after repairs: the document is
 * cut at every line that starts in column 0 (each top-level key with its nested lines and block
 * scalars) and each piece is parsed on its own, so one broken key costs only that key.
 */
import { parseDocument } from 'yaml';
import { MAX_YAML_ALIAS_COUNT } from './yaml-limits.js';

/** A top-level key that could not be read, with the 1-based line it starts on. */
export interface LostKey {
  key: string;
  line: number;
  reason: string;
}

export interface TopLevelKeys {
  value: Record<string, unknown>;
  lost: LostKey[];
}

/**
 * Reads the top-level keys of `lines` (a document's lines; `firstLine` is the 1-based file line
 * of `lines[0]`) one piece at a time. Pieces that still fail are listed in `lost`; an empty
 * `value` means nothing could be read.
 */
export function readTopLevelKeys(lines: string[], firstLine: number): TopLevelKeys {
  const value: Record<string, unknown> = {};
  const lost: LostKey[] = [];
  for (const piece of splitTopLevel(lines)) {
    const line = firstLine + piece.start;
    const head = piece.lines[0]!;
    const key = /^("[^"]*"|'[^']*'|[^:]*?):/.exec(head)?.[1] ?? head.slice(0, 40);
    const parsed = parsePiece(piece.lines) ?? parsePiece(withSpaceAfterKeyColon(piece.lines));
    if (!parsed) {
      lost.push({ key, line, reason: 'not readable as YAML' });
      continue;
    }
    for (const [k, v] of Object.entries(parsed)) {
      if (k in value) lost.push({ key: k, line, reason: 'duplicate key, first value kept' });
      else value[k] = v;
    }
  }
  return { value, lost };
}

/** Pieces of consecutive lines, each starting at a column-0 line that is not a comment. */
function splitTopLevel(lines: string[]): { start: number; lines: string[] }[] {
  const pieces: { start: number; lines: string[] }[] = [];
  lines.forEach((l, i) => {
    if (/^[^\s#]/.test(l)) pieces.push({ start: i, lines: [l] });
    else if (pieces.length > 0) pieces.at(-1)!.lines.push(l);
  });
  return pieces;
}

/** One piece as a mapping, or null when it is not valid YAML or not a mapping. */
function parsePiece(lines: string[]): Record<string, unknown> | null {
  const doc = parseDocument(lines.join('\n'), { uniqueKeys: false });
  if (doc.errors.length > 0) return null;
  try {
    const v: unknown = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** `name:Login spike` → `name: Login spike` on the piece's first line (not `http://`). */
function withSpaceAfterKeyColon(lines: string[]): string[] {
  const m = /^([A-Za-z_][\w.-]*):([^\s:/].*)$/.exec(lines[0]!);
  return m ? [`${m[1]}: ${m[2]}`, ...lines.slice(1)] : lines;
}
