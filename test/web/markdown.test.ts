import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/web/views/markdown.js';
import { XSS } from './sample-rule.js';

/** Every tag in rendered Markdown must be one Markdown makes, with no attribute but a safe link's. */
function assertSafe(out: string): void {
  for (const tag of out.match(/<[^>]*>/g) ?? []) {
    assert.match(tag, /^<\/?(p|em|strong|code|pre|ul|ol|li|br|blockquote|h[4-6]|table|thead|tbody|tr|th|td|hr)>$|^<a href="(https?:|mailto:)[^"]*"( title="[^"]*")? rel="noopener noreferrer">$|^<\/a>$/, tag);
  }
}

describe('Markdown in descriptions', () => {
  test('HTML in the text stays text', () => {
    const out = renderMarkdown(`${XSS.script} ${XSS.img} ${XSS.svg} <a href="javascript:alert(1)">x</a>`).toString();
    assertSafe(out);
    assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(out.includes('&lt;svg onload=alert(1)&gt;'));
  });

  test('links only to http, https and mailto, each with rel="noopener noreferrer"', () => {
    const out = renderMarkdown(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) [e](/relative) <javascript:alert(1)> ' +
        '[ok](https://example.com/a?b=1&c=2) <http://example.org> mailto:soc@example.com',
    ).toString();
    assertSafe(out);
    assert.deepEqual([...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]), ['https://example.com/a?b=1&amp;c=2', 'http://example.org', 'mailto:soc@example.com']);
    assert.ok(out.includes('[a](javascript:alert(1))'), 'a refused link stays as its text');
  });

  test('a title cannot break out of its attribute; images are not loaded', () => {
    const out = renderMarkdown('[t](https://e.com "x\\" onmouseover=\\"alert(1)") ![pic](https://e.com/p.png)').toString();
    assertSafe(out);
    assert.ok(!out.includes('<img'));
  });

  test('Markdown structure: emphasis, code, lists, line breaks; headings below the page’s own', () => {
    const out = renderMarkdown('# Title\n\nUse *care* with `cmd.exe`:\n\n1. one\n2. two\nstill two').toString();
    assertSafe(out);
    assert.equal(out, '<h4>Title</h4>\n<p>Use <em>care</em> with <code>cmd.exe</code>:</p>\n<ol>\n<li>one</li>\n<li>two<br>\nstill two</li>\n</ol>\n');
  });
});
