import { html, trusted, type Html } from '../views/html.js';
import { KQL, QUERY, SPL, TOML, YAML } from './languages.js';
import { tokenize, type Language, type Token } from './tokenize.js';

/**
 * Highlighted code as escaped HTML: one `<span class="line">` per line (so lint findings can
 * be marked on theirs), tokens as `<span class="t-…">`. Every piece of text goes through the
 * escaping `html` template; the only markup is ours.
 */

/** A note shown under one line of the code (a lint finding), with the column it points at. */
export interface LineMark {
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'note';
  text: string;
}

const LANGUAGES: Record<string, Language> = { kql: KQL, spl: SPL, yaml: YAML, sigma: YAML, toml: TOML, eql: QUERY, esql: QUERY, kuery: QUERY, lucene: QUERY, sql: QUERY };

/** The grammar for a rule's query language or file format; null: shown plain. */
export function grammarFor(language: string): Language | null {
  return LANGUAGES[language] ?? null;
}

/** Tokens split at line ends: one list of tokens per line. */
function lines(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    const parts = t.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) out.push([]);
      if (part) out[out.length - 1]!.push({ kind: t.kind, text: part });
    });
  }
  return out;
}

function tokenHtml(t: Token): Html {
  return t.kind === 'plain' ? html`${t.text}` : html`<span class="t-${t.kind}">${t.text}</span>`;
}

/** The `<code>` content for `text` in `language` (plain when no grammar), with marks under their lines. */
export function highlightCode(text: string, language: string, marks: LineMark[] = [], idPrefix = 'q'): Html {
  const grammar = grammarFor(language);
  const tokens: Token[] = grammar ? tokenize(text, grammar) : [{ kind: 'plain', text }];
  const byLine = new Map<number, LineMark[]>();
  for (const m of marks) byLine.set(m.line, [...(byLine.get(m.line) ?? []), m]);
  const all = lines(tokens);
  // A final line end closes the last line; it does not open an empty one.
  if (all.length > 1 && all[all.length - 1]!.length === 0) all.pop();
  const rendered = all.map((lineTokens, i) => {
    const n = i + 1;
    const found = byLine.get(n) ?? [];
    const worst = found.find((m) => m.severity === 'error') ?? found.find((m) => m.severity === 'warning') ?? found[0];
    const cls = worst ? ` lint lint-${worst.severity}` : '';
    const notes = found.map(
      (m) =>
        html`<span class="lint-mark lint-${m.severity}">${' '.repeat(Math.max(0, m.column - 1))}^ ${m.severity}: ${m.text}</span>`,
    );
    return html`<span class="line${cls}" id="${idPrefix}-L${n}">${lineTokens.map(tokenHtml)}</span>${notes.length ? html`\n${joinLines(notes)}` : ''}`;
  });
  return joinLines(rendered);
}

function joinLines(parts: Html[]): Html {
  return trusted(parts.map((p) => p.toString()).join('\n'));
}
