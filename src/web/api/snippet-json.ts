import type { RuleSummary } from '../../store/catalog-store.js';

/** A rule summary as the JSON API gives it: the snippet as plain text with match offsets. */
export type ApiRuleSummary = Omit<RuleSummary, 'snippet'> & {
  snippet?: string;
  /** [start, end) offsets (UTF-16 code units) of the words that matched the search, in `snippet`. */
  snippetMatches?: [number, number][];
};

/**
 * The store marks search matches in snippets with U+0001 … U+0002 (so the HTML view can escape
 * first and mark after); JSON clients should not have to know that convention, so the markers
 * become offsets. A summary without a snippet is returned unchanged; an unclosed marker runs to
 * the end of the snippet.
 */
export function apiSummary(rule: RuleSummary): ApiRuleSummary {
  if (rule.snippet === undefined) return rule;
  let text = '';
  const matches: [number, number][] = [];
  let open = -1;
  for (const ch of rule.snippet) {
    if (ch === '\u0001') open = text.length;
    else if (ch === '\u0002') {
      if (open >= 0) matches.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  if (open >= 0) matches.push([open, text.length]);
  return { ...rule, snippet: text, snippetMatches: matches };
}
