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
  private field = '';
  private inQuotes = false;
  private quoteSeen = false; // just saw a quote inside a quoted field (maybe the first of `""`)
  private afterCr = false;

  constructor(private readonly onRecord: (fields: string[]) => void) {}

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    let start = 0; // start of the unconsumed plain run within the chunk
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === 34) {
            this.field += '"';
            start = i + 1;
            continue;
          }
          this.inQuotes = false; // the quote closed the field; fall through to plain handling
        } else {
          if (c === 34) {
            this.field += chunk.slice(start, i);
            this.quoteSeen = true;
            start = i + 1;
          }
          continue;
        }
      }
      if (this.afterCr) {
        this.afterCr = false;
        if (c === 10) {
          start = i + 1;
          continue;
        }
      }
      if (c === 44) {
        this.fields.push(this.field + chunk.slice(start, i));
        this.field = '';
        start = i + 1;
      } else if (c === 10 || c === 13) {
        this.fields.push(this.field + chunk.slice(start, i));
        this.field = '';
        this.emit();
        this.afterCr = c === 13;
        start = i + 1;
      } else if (c === 34 && this.field.length === 0 && start === i) {
        this.inQuotes = true;
        start = i + 1;
      }
    }
    if (this.inQuotes && this.quoteSeen) return;
    this.field += chunk.slice(start);
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
