/**
 * A Markdown file cut into what the KQL adapter needs: headings, fenced code blocks and the
 * prose between them, each with its line number. Only the CommonMark rules that matter for
 * rule collections are followed (ATX headings, ``` and ~~~ fences); that is enough to never
 * mistake code for prose or prose for code.
 */

export interface MarkdownHeading {
  kind: 'heading';
  level: number;
  text: string;
  /** 1-based line. */
  line: number;
}

export interface MarkdownCodeBlock {
  kind: 'code';
  /** The fence's info string (`kql`, `Kusto`, `` for none), trimmed. */
  info: string;
  /** The block's content lines joined with `\n`, without the fences. */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** 1-based line of the closing fence (or the last line when the file ends inside the block). */
  endLine: number;
}

export interface MarkdownProse {
  kind: 'prose';
  /** Consecutive non-heading, non-code lines (blank lines included), joined with `\n`. */
  text: string;
  line: number;
}

export type MarkdownPart = MarkdownHeading | MarkdownCodeBlock | MarkdownProse;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
// `#Title` without a space is not a CommonMark heading, but rule collections write it so.
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|(?=[^#\s]))(.*?)[ \t#]*$/;

/** The parts of a Markdown text in order. A fence left open runs to the end of the file. */
export function markdownParts(text: string): MarkdownPart[] {
  const lines = text.split('\n');
  const parts: MarkdownPart[] = [];
  let prose: string[] = [];
  let proseLine = 0;
  const flushProse = (): void => {
    if (prose.some((l) => l.trim() !== '')) parts.push({ kind: 'prose', text: prose.join('\n'), line: proseLine });
    prose = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    // A backtick fence's info string may not contain backticks (that is inline code).
    if (fence && !(fence[1]!.startsWith('`') && fence[2]!.includes('`'))) {
      flushProse();
      const marker = fence[1]!;
      const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !close.test(lines[j]!)) body.push(lines[j++]!);
      parts.push({ kind: 'code', info: fence[2]!.trim(), code: body.join('\n'), line: i + 1, endLine: Math.min(j + 1, lines.length) });
      i = j;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushProse();
      parts.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]!.trim(), line: i + 1 });
      continue;
    }
    if (prose.length === 0) proseLine = i + 1;
    prose.push(line);
  }
  flushProse();
  return parts;
}
