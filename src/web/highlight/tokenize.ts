/**
 * A small tokenizer for syntax highlighting: a language is an ordered list of rules, each a
 * sticky regular expression and the kind of token it makes (or a function choosing the kind
 * and length, for words). Text no rule matches is plain. Tokens only carry text and a kind:
 * escaping happens once, when they are rendered (render.ts), so no rule text becomes markup.
 */

/** Token kinds; each becomes a `t-<kind>` CSS class. */
export type TokenKind = 'plain' | 'com' | 'str' | 'num' | 'kw' | 'fn' | 'op' | 'key' | 'var' | 'mod' | 'sec' | 'lit';

export interface Token {
  kind: TokenKind;
  text: string;
}

/** What a rule decides for a match: a kind, and optionally a shorter length to keep. */
export type Classify = (match: string, text: string, end: number) => { kind: TokenKind; length?: number };

export interface TokenRule {
  /** Must carry the `y` (sticky) flag. */
  re: RegExp;
  kind: TokenKind | Classify;
}

/** A language: its rules, tried in order at each position. */
export type Language = readonly TokenRule[];

/** Splits `text` into tokens; adjacent plain characters are merged. Never throws, always consumes the whole text. */
export function tokenize(text: string, language: Language): Token[] {
  const out: Token[] = [];
  let plain = '';
  let pos = 0;
  const push = (kind: TokenKind, t: string) => {
    if (kind === 'plain') {
      plain += t;
      return;
    }
    if (plain) out.push({ kind: 'plain', text: plain });
    plain = '';
    out.push({ kind, text: t });
  };
  outer: while (pos < text.length) {
    for (const rule of language) {
      rule.re.lastIndex = pos;
      const m = rule.re.exec(text);
      if (!m || m[0].length === 0) continue;
      const decided = typeof rule.kind === 'function' ? rule.kind(m[0], text, pos + m[0].length) : { kind: rule.kind };
      const length = Math.max(1, Math.min(m[0].length, decided.length ?? m[0].length));
      push(decided.kind, m[0].slice(0, length));
      pos += length;
      continue outer;
    }
    push('plain', text[pos]!);
    pos++;
  }
  if (plain) out.push({ kind: 'plain', text: plain });
  return out;
}

/** A classifier for words: keywords (a set, matched case-sensitively or not), function calls (followed by `(`), else plain. */
export function words(keywords: ReadonlySet<string>, opts: { ignoreCase?: boolean; literals?: ReadonlySet<string>; compound?: RegExp } = {}): Classify {
  const norm = (w: string) => (opts.ignoreCase ? w.toLowerCase() : w);
  return (match, text, end) => {
    // A compound match (`mv-expand`, `has_any`) counts only when it is a keyword; otherwise its first word.
    let word = match;
    if (!keywords.has(norm(word)) && opts.compound) {
      const first = opts.compound.exec(match);
      if (first) word = first[0];
    }
    const after = text.slice(end - (match.length - word.length)).match(/^\s*\(/);
    if (keywords.has(norm(word))) return { kind: 'kw', length: word.length };
    if (opts.literals?.has(norm(word))) return { kind: 'lit', length: word.length };
    if (after) return { kind: 'fn', length: word.length };
    return { kind: 'plain', length: word.length };
  };
}
