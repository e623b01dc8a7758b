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

/** Streams a file's lines (without their `\n` or `\r\n`), with 1-based line numbers. */
export async function* readLines(path: string): AsyncGenerator<[string, number]> {
  let rest = '';
  let lineNo = 0;
  for await (const chunk of readTextChunks(path)) {
    const text = rest.length > 0 ? rest + chunk : chunk;
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield [text.slice(start, end), ++lineNo];
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++lineNo];
}
