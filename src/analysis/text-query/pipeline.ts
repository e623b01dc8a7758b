/** Splits a piped query (ES|QL, SPL) into its commands at `|` outside quotes, backticks and brackets. */

export interface PipelineCommand {
  /** The command word (`where`, `stats`, `tstats`); '' for SPL's implicit leading search. */
  command: string;
  /** The text after the command word. */
  body: string;
  /** Offset of `body` in the whole text. */
  offset: number;
}

/** The commands of `text`; the first segment's command is its first word unless `implicitSearch` says it is a search. */
export function splitPipeline(text: string, implicitSearch = false): PipelineCommand[] {
  const segments: { start: number; end: number }[] = [];
  let quote: string | null = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && depth > 0) depth--;
    else if (c === '|' && depth === 0) {
      segments.push({ start, end: i });
      start = i + 1;
    }
  }
  segments.push({ start, end: text.length });
  return segments.map(({ start: s, end }, index) => {
    const raw = text.slice(s, end);
    const lead = raw.length - raw.trimStart().length;
    const word = /^[A-Za-z_-]+/.exec(raw.trimStart())?.[0] ?? '';
    if (index === 0 && implicitSearch && !/^(tstats|from|inputlookup|datamodel|search|mstats|makeresults|rest)$/i.test(word)) {
      return { command: '', body: raw, offset: s };
    }
    return { command: word, body: raw.slice(lead + word.length), offset: s + lead + word.length };
  });
}
