/**
 * Reads one candidate rule file safely: size checked before reading, binary and invalid UTF-8
 * rejected, BOM stripped and line endings normalized, so adapters only ever see clean text.
 */
import { readFileSync, statSync } from 'node:fs';
import type { FileProblem } from './rule.js';

/** Default upper bound for one rule file; real rules are a few KB, the largest corpus files ~100 KB. */
export const DEFAULT_MAX_RULE_FILE_BYTES = 5 * 1024 * 1024;

export interface ReadRuleFileOptions {
  /** Files larger than this are skipped without being read. */
  maxBytes: number;
}

export type ReadRuleFileResult = { ok: true; text: string } | { ok: false; problem: FileProblem };

/**
 * Reads `absPath` as UTF-8 rule text; `relPath` names the file in problems.
 * Never throws: an unreadable, oversize, binary, non-UTF-8 or empty file gives `ok: false`
 * with an `error` problem. A UTF-8 BOM is dropped and CRLF / lone CR become LF.
 */
export function readRuleFile(absPath: string, relPath: string, opts: ReadRuleFileOptions): ReadRuleFileResult {
  const fail = (reason: string, line?: number, column?: number): ReadRuleFileResult => ({
    ok: false,
    problem: { file: relPath, reason, severity: 'error', ...(line !== undefined ? { line, column } : {}) },
  });

  let bytes: Buffer;
  try {
    const st = statSync(absPath);
    if (!st.isFile()) return fail('not a regular file');
    if (st.size > opts.maxBytes) {
      return fail(`file is ${formatBytes(st.size)}, over the ${formatBytes(opts.maxBytes)} limit for a rule file; skipped unread`);
    }
    bytes = readFileSync(absPath);
  } catch (err) {
    return fail(`cannot read file: ${(err as Error).message}`);
  }
  // The file may have grown between stat and read.
  if (bytes.length > opts.maxBytes) {
    return fail(`file is ${formatBytes(bytes.length)}, over the ${formatBytes(opts.maxBytes)} limit for a rule file`);
  }

  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = lineColumnAt(bytes, nul);
    return fail(`binary file (NUL byte at offset ${nul}), not rule text`, line, column);
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Only on the failure path: find where, since the decoder's error does not say.
    const badOffset = firstInvalidUtf8Offset(bytes);
    if (badOffset === -1) return fail('invalid UTF-8');
    const { line, column } = lineColumnAt(bytes, badOffset);
    return fail(`invalid UTF-8 at byte offset ${badOffset}`, line, column);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail(bytes.length === 0 ? 'empty file' : 'file holds only whitespace');
  return { ok: true, text };
}

/** Human-readable byte count (`50.0 MB`, `5.0 MB`, `812 B`). */
function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** 1-based line and column (in bytes) of byte `offset`. */
function lineColumnAt(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offset of the first byte that breaks UTF-8, or -1 when the buffer is valid.
 * Follows RFC 3629 (no overlongs, no surrogates, nothing above U+10FFFF), as TextDecoder does.
 */
function firstInvalidUtf8Offset(b: Buffer): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const second = b[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || x < 0x80 || x > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
