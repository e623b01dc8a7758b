import type { Context } from 'hono';
import { parseDatetime } from '../../kql/io/parse-value.js';
import { HUNT_LIMITS } from './hunt-limits.js';
import type { HuntRequest } from './run-hunt.js';

/**
 * Reads a hunt request from an HTTP request: JSON (`{"query","now","data","fileName","fileText","table"}`),
 * or a form (`multipart/form-data` with a `file` part, or urlencoded for synthetic data only),
 * so the same endpoint serves the page's script, plain HTML forms and scripts of the user's own.
 */

/** A request we refuse, with the HTTP status to answer. */
export class HuntRequestError extends Error {
  /** The query the request carried, when it had one (so a form can show it again). */
  query?: string;

  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** What a download button asks for: the full result as a file instead of the JSON answer. */
export type HuntDownload = 'csv' | 'json' | null;

/** The request's fields, whatever the body type. */
interface RawFields {
  query?: unknown;
  now?: unknown;
  data?: unknown;
  table?: unknown;
  download?: unknown;
  fileName?: unknown;
  file?: unknown;
}

/** The `now` field: ISO text (a `datetime-local` value has no zone and means UTC); empty means the current time. */
export function parseHuntNow(value: unknown, current: number = Date.now()): number {
  if (value === undefined || value === null || value === '') return current * 1000;
  if (typeof value !== 'string' || value.length > 64) throw new HuntRequestError(400, 'now: expected a datetime such as 2026-05-25T23:00:00Z');
  const micros = parseDatetime(value);
  if (micros === null) throw new HuntRequestError(400, `now: not a datetime: ${value}`);
  return micros;
}

function optionalString(fields: RawFields, name: keyof RawFields, max: number): string | undefined {
  const v = fields[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new HuntRequestError(400, `${name}: expected text`);
  if (v.length > max) throw new HuntRequestError(400, `${name}: longer than ${max} characters`);
  return v;
}

async function fieldsOf(c: Context): Promise<{ fields: RawFields; bytes: Uint8Array | null }> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HuntRequestError(400, 'the body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HuntRequestError(400, 'the body must be a JSON object');
    const fields = body as RawFields & { fileText?: unknown };
    if (fields.fileText !== undefined && typeof fields.fileText !== 'string') throw new HuntRequestError(400, 'fileText: expected text');
    const bytes = typeof fields.fileText === 'string' ? new TextEncoder().encode(fields.fileText) : null;
    return { fields, bytes };
  }
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    const form = await c.req.parseBody();
    const file = form['file'];
    if (file instanceof File && file.size > 0) {
      if (file.size > HUNT_LIMITS.maxUploadBytes) throw new HuntRequestError(413, `the file is larger than ${HUNT_LIMITS.maxUploadBytes / 1024 / 1024} MB`);
      return { fields: { ...form, fileName: file.name }, bytes: new Uint8Array(await file.arrayBuffer()) };
    }
    // An empty file input arrives as an empty File (or as '' from some clients): no upload.
    const { file: _ignored, ...rest } = form;
    return { fields: rest, bytes: null };
  }
  throw new HuntRequestError(415, 'send application/json, multipart/form-data or application/x-www-form-urlencoded');
}

/** The hunt and the download asked for; throws HuntRequestError for anything malformed. */
export async function readHuntRequest(c: Context): Promise<{ request: HuntRequest; download: HuntDownload }> {
  const { fields, bytes } = await fieldsOf(c);
  try {
    return validated(c, fields, bytes);
  } catch (err) {
    if (err instanceof HuntRequestError && typeof fields.query === 'string' && fields.query.length <= HUNT_LIMITS.maxQueryChars) {
      err.query = fields.query.replace(/\r\n?/g, '\n');
    }
    throw err;
  }
}

function validated(c: Context, fields: RawFields, bytes: Uint8Array | null): { request: HuntRequest; download: HuntDownload } {
  let query = optionalString(fields, 'query', HUNT_LIMITS.maxQueryChars);
  if (!query || !query.trim()) throw new HuntRequestError(400, 'query: the query is empty');
  // Form posts send a textarea's line ends as CRLF; positions in errors count lines either way.
  query = query.replace(/\r\n?/g, '\n');
  const nowMicros = parseHuntNow(fields.now);
  const data = optionalString(fields, 'data', 16) ?? (bytes ? 'upload' : 'synthetic');
  if (data !== 'synthetic' && data !== 'upload') throw new HuntRequestError(400, 'data: expected synthetic or upload');
  const downloadField = optionalString(fields, 'download', 8) ?? c.req.query('format') ?? c.req.query('download') ?? null;
  if (downloadField !== null && downloadField !== 'csv' && downloadField !== 'json') throw new HuntRequestError(400, 'download: expected csv or json');
  if (data === 'synthetic') return { request: { query, nowMicros, data: { kind: 'synthetic' } }, download: downloadField };
  if (!bytes) throw new HuntRequestError(400, 'file: choose a telemetry file to upload (NDJSON, JSON or CSV), or run on synthetic data');
  if (bytes.length > HUNT_LIMITS.maxUploadBytes) throw new HuntRequestError(413, `the file is larger than ${HUNT_LIMITS.maxUploadBytes / 1024 / 1024} MB`);
  const fileName = optionalString(fields, 'fileName', 255);
  if (!fileName) throw new HuntRequestError(400, 'fileName: the uploaded file needs a name ending in .ndjson, .jsonl, .json or .csv');
  const table = optionalString(fields, 'table', 128);
  return {
    request: { query, nowMicros, data: { kind: 'upload', upload: { fileName, bytes, ...(table ? { table } : {}) } } },
    download: downloadField,
  };
}
