/** Turning ATT&CK's description Markdown into the short text a rule page shows. */

// ATT&CK cites sources as `(Citation: Source Name)`; names never contain `)` in the bundle.
const CITATION = /\s*\(Citation:[^)]*\)/g;

/** Removes every `(Citation: …)` marker and the space before it. */
export function removeCitations(text: string): string {
  return text.replace(CITATION, '');
}

/** First non-empty paragraph (blank-line separated) of a description, citations removed, trimmed; '' for ''. */
export function summarize(description: string): string {
  const clean = removeCitations(description);
  for (const paragraph of clean.split(/\r?\n[ \t]*\r?\n/)) {
    const text = paragraph.trim();
    if (text !== '') return text;
  }
  return '';
}
