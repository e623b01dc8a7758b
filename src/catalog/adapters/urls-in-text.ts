/** Pulling reference links out of free text (rule descriptions, Markdown, comments). */

const URL = /\bhttps?:\/\/[^\s<>"'`\\]+/g;

/**
 * The http(s) URLs in `text`, in order of appearance, each once. Trailing punctuation that
 * ends the sentence (`.`, `,`, `;`, `:`, `!`, `?`) and closing brackets with no opening one in
 * the URL (Markdown `[x](url)`, prose in parentheses) are not part of the link.
 */
export function urlsInText(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(URL)) {
    const url = trimUrlEnd(match[0]);
    if (url.length > 'https://'.length && !out.includes(url)) out.push(url);
  }
  return out;
}

function trimUrlEnd(url: string): string {
  let u = url;
  for (;;) {
    const last = u.at(-1);
    if (last !== undefined && '.,;:!?*'.includes(last)) u = u.slice(0, -1);
    else if (last === ')' && count(u, '(') < count(u, ')')) u = u.slice(0, -1);
    else if (last === ']' && count(u, '[') < count(u, ']')) u = u.slice(0, -1);
    else return u;
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}
