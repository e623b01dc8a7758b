import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/**
 * Streams a file's text in chunks, gunzipping files whose name ends in `.gz`. Chunks are
 * large (1 MiB) to keep per-chunk overhead low; the whole file is never held in memory.
 */
export async function* readTextChunks(path: string): AsyncGenerator<string> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let stream: Readable = file;
  if (path.toLowerCase().endsWith('.gz')) stream = file.pipe(createGunzip({ chunkSize: 1 << 20 }));
  stream.setEncoding('utf8');
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      // A UTF-8 byte order mark is not part of the data.
      yield first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      first = false;
    }
  } finally {
    file.destroy();
  }
}

/** Streams a file's raw bytes, gunzipped when the name ends in `.gz`. */
async function* readByteChunks(path: string): AsyncGenerator<Buffer> {
  const file = createReadStream(path, { highWaterMark: 1 << 22 });
  const stream: Readable = path.toLowerCase().endsWith('.gz') ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } finally {
    file.destroy();
  }
}

/**
 * Streams a file's text in blocks that each end at a line break (the last may not): bytes
 * are cut at the last LF, which never falls inside a UTF-8 sequence, and decoded in one call.
 */
export async function* readLineBlocks(path: string): AsyncGenerator<string> {
  let carry: Buffer | null = null; // bytes after the last line break seen so far
  let first = true;
  const decode = (buf: Buffer, start: number, end: number): string => {
    let text = buf.toString('utf8', start, end);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    return text;
  };
  for await (const chunk of readByteChunks(path)) {
    let from = 0;
    if (carry) {
      // Finish the carried line with this chunk's first line; only that small part is copied.
      const firstNl = chunk.indexOf(10);
      if (firstNl < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      yield decode(Buffer.concat([carry, chunk.subarray(0, firstNl + 1)]), 0, carry.length + firstNl + 1);
      carry = null;
      from = firstNl + 1;
    }
    const lastNl = chunk.lastIndexOf(10);
    if (lastNl >= from) {
      yield decode(chunk, from, lastNl + 1);
      from = lastNl + 1;
    }
    if (from < chunk.length) carry = Buffer.from(chunk.subarray(from));
  }
  if (carry) yield decode(carry, 0, carry.length);
}

/** Streams a file's lines (without their `\n` or `\r\n`), with 1-based line numbers. */
export async function* readLines(path: string): AsyncGenerator<[string, number]> {
  let lineNo = 0;
  for await (const text of readLineBlocks(path)) {
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield [text.slice(start, end), ++lineNo];
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) {
      const rest = text.slice(start);
      yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++lineNo];
    }
  }
}
