import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { isAscii } from 'node:buffer';

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
export async function* readByteChunks(path: string): AsyncGenerator<Buffer> {
  const file = createReadStream(path, { highWaterMark: 1 << 22 });
  const stream: Readable = path.toLowerCase().endsWith('.gz') ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } finally {
    file.destroy();
  }
}

/**
 * Calls `onLine` for every line of a file (without `\n` / `\r\n`), splitting on bytes and
 * decoding each line on its own: an ASCII line becomes a one-byte string (latin1, a copy), so
 * one `®` in a block does not make the whole block a two-byte string that JSON.parse reads
 * more slowly. A UTF-8 BOM at the start is dropped.
 */
export async function forEachLine(path: string, onLine: (line: string) => void): Promise<void> {
  let carry: Buffer | null = null;
  let first = true;
  const emit = (buf: Buffer, start: number, end: number): void => {
    if (first) {
      first = false;
      if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
    }
    if (end > start && buf[end - 1] === 13) end--;
    onLine(buf.toString(isAscii(buf.subarray(start, end)) ? 'latin1' : 'utf8', start, end));
  };
  for await (const chunk of readByteChunks(path)) {
    let pos = 0;
    if (carry) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, nl)]);
      emit(joined, 0, joined.length);
      carry = null;
      pos = nl + 1;
    }
    let nl = chunk.indexOf(10, pos);
    while (nl >= 0) {
      emit(chunk, pos, nl);
      pos = nl + 1;
      nl = chunk.indexOf(10, pos);
    }
    if (pos < chunk.length) carry = Buffer.from(chunk.subarray(pos));
  }
  if (carry && carry.length > 0) emit(carry, 0, carry.length);
}
