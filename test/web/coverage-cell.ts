import assert from 'node:assert/strict';

/**
 * The `class` and accessible name of a technique's cell in a coverage page's HTML. The name is
 * the link's text with the tags dropped (hidden words included), which is what a screen reader
 * reads; `hrefStart` narrows to links carrying other filters (`/?source=sigma&amp;`).
 */
export function coverageCell(page: string, id: string, hrefStart = '/?'): { cls: string; label: string } {
  const start = hrefStart.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&');
  const m = new RegExp(`<a class="cell ([^"]+)" href="${start}technique=${id.replace('.', '\\.')}">(.*?)</a>`).exec(page);
  assert.ok(m, `cell ${id}`);
  const text = m[2]!.replace(/<[^>]+>/g, '');
  return { cls: m[1]!, label: text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&') };
}
