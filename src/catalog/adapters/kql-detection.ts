/**
 * Deciding whether a piece of text is a KQL query without parsing KQL (parsing is the KQL
 * frontend's job, run later by sync). Used for unlabelled Markdown code blocks, `.txt` files
 * and files without an extension. The test is documented in docs/field-mapping/kql.md.
 */

/** Fence info strings that declare KQL. */
const KQL_INFO = new Set(['kql', 'kusto', 'csl']);

/**
 * Tabular operators that follow a pipe in a query. A pipe followed by one of these is what
 * separates KQL from prose, shell pipelines (`| grep`), Markdown tables (`| Timestamp |`) and
 * the placeholder of a template.
 */
const PIPED_OPERATOR =
  /\|\s*(where|project|project-away|project-keep|project-rename|project-reorder|extend|summarize|take|limit|top|top-nested|join|union|sort|order|distinct|count|parse|parse-where|parse-kv|mv-expand|mvexpand|mv-apply|render|invoke|lookup|make-series|evaluate|sample|sample-distinct|search|serialize|getschema|as|reduce|facet|fork|partition|scan|filter)\b/;

/** Zero-width characters pasted in from web pages (seen before queries upstream). */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** `text` without zero-width characters, which `trim()` does not remove. */
export function withoutZeroWidth(text: string): string {
  return text.replace(ZERO_WIDTH, '');
}

/** Statements that are a whole query on their own, with no pipe needed. */
const STANDALONE_QUERY = /^(print|datatable|range|externaldata|find|search|union)\b/;

/**
 * How a fenced block's info string classifies it: `kql` for KQL labels (`kql`, `kusto`,
 * `csl`, any case, extra words after the language ignored), `other` for any other language,
 * `none` for an unlabelled block.
 */
export function fenceLanguage(info: string): 'kql' | 'other' | 'none' {
  const lang = info.trim().split(/[\s{]/)[0]!.toLowerCase();
  if (lang === '') return 'none';
  return KQL_INFO.has(lang) ? 'kql' : 'other';
}

/**
 * True when `text` reads as a KQL query: its first line that is not blank or a `//` comment
 * starts like a query (a name, `let`, a parenthesis, `print`/`datatable`/… — not a pipe, a
 * Markdown table or an angle-bracket placeholder), and the text either pipes into a KQL
 * tabular operator (`| where`, `| summarize` …) or starts with a statement that stands alone
 * (`print`, `datatable`, `range`, `union`, `search`, `find`, `externaldata`).
 */
export function looksLikeKql(text: string): boolean {
  const code = withoutZeroWidth(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('//'));
  const first = code[0];
  if (first === undefined || !/^[A-Za-z_(]/.test(first)) return false;
  if (STANDALONE_QUERY.test(first)) return true;
  return PIPED_OPERATOR.test(code.join('\n'));
}
