/**
 * Search snippets made in JavaScript from the page's rows only: FTS5's snippet() re-tokenizes
 * every candidate column and cost ~2 ms per row, most of a search's time.
 */

const WORD = /[\p{L}\p{N}]+/gu;
const BEFORE = 6;
const AFTER = 12;

/** The words of a user's search text as the FTS query uses them (lower-case, diacritics dropped). */
export function searchWords(text: string | undefined): string[] {
  return [...new Set((text?.match(WORD) ?? []).map(fold))];
}

/**
 * A short excerpt of the field (among `fields`, in order of preference) holding the most
 * distinct search words, each word that starts with a search word wrapped in \u0001 … \u0002,
 * with `…` where text was cut. Undefined when no field contains a match.
 */
export function makeSnippet(fields: string[], words: string[]): string | undefined {
  if (words.length === 0) return undefined;
  let best: { text: string; tokens: RegExpMatchArray[]; first: number; score: number } | undefined;
  for (const text of fields) {
    const tokens = [...text.matchAll(WORD)];
    const hit = new Set<string>();
    let first = -1;
    tokens.forEach((t, i) => {
      const w = words.find((word) => fold(t[0]).startsWith(word));
      if (w) {
        hit.add(w);
        if (first === -1) first = i;
      }
    });
    if (hit.size > (best?.score ?? 0)) best = { text, tokens, first, score: hit.size };
  }
  if (!best) return undefined;
  const { text, tokens, first } = best;
  const from = Math.max(0, first - BEFORE);
  const to = Math.min(tokens.length - 1, first + AFTER);
  let out = from > 0 ? '…' : '';
  let at = tokens[from]!.index!;
  for (let i = from; i <= to; i++) {
    const t = tokens[i]!;
    out += text.slice(at, t.index!);
    out += words.some((w) => fold(t[0]).startsWith(w)) ? `\u0001${t[0]}\u0002` : t[0];
    at = t.index! + t[0].length;
  }
  return out + (to < tokens.length - 1 ? '…' : text.slice(at));
}

/** Lower case without diacritics, as the unicode61 tokenizer (remove_diacritics 2) folds. */
function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
