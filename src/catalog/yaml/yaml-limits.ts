/**
 * Alias expansions allowed while turning a rule's YAML into values. Rule files in the corpus
 * use no aliases at all; a small cap rejects an alias bomb ("billion laughs") after a few
 * milliseconds instead of letting it expand.
 */
export const MAX_YAML_ALIAS_COUNT = 50;

/**
 * Deepest `[` / `{` nesting handed to the parser. The yaml package turns deep recursion into an
 * error up to a point, but ten thousand unclosed `[` exhaust the process; no rule comes close.
 */
export const MAX_FLOW_NESTING = 256;

/**
 * 1-based line and column where `text` first opens more than MAX_FLOW_NESTING brackets or
 * braces, counting every one (quotes and block scalars included: a real rule never has
 * hundreds unclosed), or null when it stays below.
 */
export function flowNestingOverflow(text: string): { line: number; column: number } | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_NESTING) return { line, column: i - lineStart + 1 };
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return null;
}
