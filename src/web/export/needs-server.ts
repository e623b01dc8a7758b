/**
 * Parts of a page only a running server can serve carry `data-needs-server` (the rule page's
 * hunt panel, the coverage page's filter form). The static export swaps each for a note; a
 * `<section>` keeps its heading so the page's table of contents still leads somewhere.
 */

const NOTE =
  '<p class="needs-server">This part needs the socfeed server (<code>socfeed serve</code>); a static export cannot run it.</p>';

/** The index just past the element that opens at `start` (same-name tags nested inside counted). */
function elementEnd(html: string, start: number, tag: string): number {
  const pattern = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  pattern.lastIndex = start;
  let depth = 0;
  for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  throw new Error(`static export: <${tag}> opened at offset ${start} is never closed`);
}

/** `html` with every `data-needs-server` element replaced by the note. */
export function replaceServerOnly(html: string): string {
  const opening = /<([a-z][a-z0-9]*)\b[^>]*\sdata-needs-server(?:=(?:"[^"]*"|'[^']*'))?[^>]*>/gi;
  let out = '';
  let at = 0;
  for (let m = opening.exec(html); m; m = opening.exec(html)) {
    if (m.index < at) continue;
    const tag = m[1]!.toLowerCase();
    const end = elementEnd(html, m.index, tag);
    const element = html.slice(m.index, end);
    let replacement = NOTE;
    if (tag === 'section') {
      const heading = /<h[1-6]\b[^>]*>[\s\S]*?<\/h[1-6]>/i.exec(element);
      const open = m[0].replace(/\sdata-needs-server(?:=(?:"[^"]*"|'[^']*'))?/i, '');
      replacement = `${open}${heading ? heading[0] : ''}${NOTE}</section>`;
    }
    out += html.slice(at, m.index) + replacement;
    at = end;
    opening.lastIndex = end;
  }
  return out + html.slice(at);
}
