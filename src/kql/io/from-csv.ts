import type { TableBuilder } from './table-builder.js';
import type { FileReport } from './from-ndjson.js';
import { readTextChunks } from './read-text.js';

/**
 * Streams an RFC 4180 CSV file (optionally `.gz`) into a table builder. The first record is
 * the header. Fields may be quoted; quoted fields may hold commas, CR/LF and doubled quotes
 * (`""` → `"`). Records end with LF or CRLF; a final record without a newline counts; blank
 * lines are skipped. A record with more fields than the header is loaded up to the header's
 * width and counted in a warning.
 */
export async function loadCsvInto(builder: TableBuilder, path: string): Promise<FileReport> {
  let header: string[] | null = null;
  let rows = 0;
  let ragged = 0;
  let record = 1;
  builder.location = () => `${path}: record ${record}`;
  const onRecord = (fields: string[]): void => {
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (!header) {
      header = fields.map((f, i) => f.trim() || `Column${i + 1}`);
      return;
    }
    record++;
    if (fields.length > header.length) ragged++;
    builder.addTextRecord(header, fields);
    rows++;
  };
  const parser = new CsvParser(onRecord);
  for await (const chunk of readTextChunks(path)) parser.push(chunk);
  parser.end();
  const warnings =
    ragged > 0 ? [`${path}: ${ragged} record${ragged === 1 ? '' : 's'} had more fields than the header; extra fields ignored`] : [];
  return { rows, warnings };
}

/** An incremental RFC 4180 parser: feed text chunks, receive records. */
export class CsvParser {
  private fields: string[] = [];
  field = '';
  inQuotes = false;
  quoteSeen = false; // just saw a quote inside a quoted field (maybe the first of `""`)
  afterCr = false;

  constructor(private readonly onRecord: (fields: string[]) => void) {}

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    // State lives in locals during the loop (written back at the end) to keep the loop tight.
    let { field, inQuotes, quoteSeen, afterCr } = this;
    let start = 0; // start of the unconsumed run within the chunk
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (chunk.charCodeAt(i) === 34) {
            field += '"';
            start = i + 1;
            continue;
          }
          inQuotes = false; // that quote closed the field: handle this character as plain text
        } else {
          const q = chunk.indexOf('"', i);
          if (q < 0) {
            i = n;
            break;
          }
          field += chunk.slice(start, q);
          quoteSeen = true;
          start = q + 1;
          i = q;
          continue;
        }
      }
      const c = chunk.charCodeAt(i);
      if (c > 44) continue; // not a comma, quote, CR or LF
      if (afterCr) {
        afterCr = false;
        if (c === 10) {
          start = i + 1;
          continue;
        }
      }
      if (c === 44) {
        this.fields.push(copyOut(field + chunk.slice(start, i)));
        field = '';
        start = i + 1;
      } else if (c === 10 || c === 13) {
        this.fields.push(copyOut(field + chunk.slice(start, i)));
        field = '';
        this.emit();
        afterCr = c === 13;
        start = i + 1;
      } else if (c === 34 && field.length === 0 && start === i) {
        inQuotes = true;
        start = i + 1;
      }
    }
    if (!(inQuotes && quoteSeen) && start < n) field += chunk.slice(start);
    Object.assign(this, { field, inQuotes, quoteSeen, afterCr });
  }

  /** Flushes the last record (one without a trailing newline). */
  end(): void {
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.inQuotes = false;
    }
    if (this.field.length > 0 || this.fields.length > 0) {
      this.fields.push(this.field);
      this.field = '';
      this.emit();
    }
  }

  private emit(): void {
    const fields = this.fields;
    this.fields = [];
    this.onRecord(fields);
  }
}

/**
 * A field's text detached from the chunk it was cut from: V8 keeps substrings of 13+
 * characters as views into their parent, and a dictionary holding such views would keep
 * every 1 MiB chunk of the file alive.
 */
function copyOut(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}
