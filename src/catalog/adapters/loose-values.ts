/**
 * Reading typed values out of parsed rule documents (YAML mappings, TOML tables), whose shape
 * nobody guarantees: a list may be a single string, a date may be a Date, a number or a string
 * in one of several spellings. Every reader returns an empty value instead of throwing.
 */

/** True for a plain key/value object (not null, not an array, not a Date). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The value as a record; anything else gives an empty record. */
export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A string, number or boolean as trimmed text; null, empty text and anything else give null. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * A list of texts from a list or a single scalar (`tags: attack.execution` is as good as a
 * one-item list). Empty items and non-scalar items are dropped; null gives [].
 */
export function textListOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    const text = textOf(item);
    if (text !== null) out.push(text);
  }
  return out;
}

/** Company-name suffixes that follow a comma without starting a new name (`Okta, Inc`). */
const NAME_SUFFIX = /^(inc|llc|ltd|corp|gmbh|co|s\.?a|b\.?v)\.?$/i;

/**
 * Like `textListOf`, but each text is also split at commas (`author: A, B` names two people);
 * a company suffix stays with its name (`Okta, Inc` is one).
 */
export function commaListOf(value: unknown): string[] {
  const out: string[] = [];
  for (const text of textListOf(value)) {
    for (const piece of text.split(',').map((s) => s.trim())) {
      if (piece === '') continue;
      if (NAME_SUFFIX.test(piece) && out.length > 0) out[out.length - 1] += `, ${piece}`;
      else out.push(piece);
    }
  }
  return out;
}

/** The items of a list, or the value itself as a one-item list; null gives []. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A rule date as ISO text: `2023/01/15`, `2023-01-15` and a Date (YAML timestamp, TOML date)
 * give `2023-01-15`; a full ISO timestamp is kept as written. Anything else gives null.
 */
export function isoDateOf(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  const text = textOf(value);
  if (text === null) return null;
  const day = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text);
  if (day) {
    const [, y, m, d] = day;
    const month = Number(m);
    const dayOfMonth = Number(d);
    if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return null;
    return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return text;
  return null;
}

/**
 * Text hard-wrapped for a source file (TOML multi-line strings, folded YAML) as one line per
 * paragraph: line breaks and the indentation after them become single spaces, blank lines
 * between paragraphs stay.
 */
export function unwrapText(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((para) => para.replace(/\s*\n\s*/g, ' ').trim())
    .filter((para) => para !== '')
    .join('\n\n');
}

/** The distinct items of a list, first occurrence kept, order otherwise unchanged. */
export function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** An object of the `[key, value]` pairs whose value is present (neither undefined nor null). */
export function presentEntries(pairs: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(pairs.filter(([, value]) => value !== undefined && value !== null));
}
