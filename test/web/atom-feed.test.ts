import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loadAttackKnowledgeBase } from '../../src/attack/index.js';
import { startWebServer, type RunningWebServer } from '../../src/web/server.js';
import { ATTACK_BUNDLE } from '../helpers/shared.js';
import { launchChromium } from '../helpers/chromium.js';
import { coverageCatalog } from './coverage-catalog.js';
import type { HandBuiltCatalog } from './hand-built-catalog.js';

/**
 * `/feed.atom` over the hand-built catalog (times in coverage-catalog.ts). Well-formedness is
 * judged by a real XML parser, Chromium's DOMParser; the elements RFC 4287 requires are then
 * read from the parsed document.
 */

let catalog: HandBuiltCatalog;
let server: RunningWebServer;
let browser: Browser;
let page: Page;

const ATOM = 'http://www.w3.org/2005/Atom';

interface ParsedFeed {
  error: string | null;
  root: string;
  namespace: string | null;
  id: string[];
  title: string[];
  updated: string[];
  authors: string[];
  links: { rel: string | null; type: string | null; href: string | null }[];
  entries: {
    id: string[];
    title: string[];
    updated: string[];
    published: string[];
    authors: string[];
    links: { rel: string | null; type: string | null; href: string | null }[];
    summary: string | null;
    summaryType: string | null;
    content: string | null;
    contentType: string | null;
  }[];
}

before(async () => {
  catalog = coverageCatalog();
  server = await startWebServer({ store: catalog.store, attack: loadAttackKnowledgeBase(ATTACK_BUNDLE), host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
  catalog?.dispose();
});

async function atom(query = ''): Promise<{ text: string; parsed: ParsedFeed; contentType: string }> {
  const res = await fetch(`${server.url}/feed.atom${query}`);
  assert.equal(res.status, 200);
  const text = await res.text();
  // A string, not a function: tsx would wrap a function's inner closures in a helper the page lacks.
  const parsed = (await page.evaluate(`(${PARSE_IN_PAGE})(${JSON.stringify(text)}, ${JSON.stringify(ATOM)})`)) as ParsedFeed;
  return { text, parsed, contentType: res.headers.get('content-type') ?? '' };
}

/** Runs in Chromium: parses the document with DOMParser and reads the Atom elements tests check. */
const PARSE_IN_PAGE = `(xml, ns) => {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  const children = (el, name) => [...el.children].filter((c) => c.localName === name && c.namespaceURI === ns);
  const texts = (el, name) => children(el, name).map((c) => c.textContent ?? '');
  const links = (el) => children(el, 'link').map((l) => ({ rel: l.getAttribute('rel'), type: l.getAttribute('type'), href: l.getAttribute('href') }));
  const authors = (el) => children(el, 'author').flatMap((a) => texts(a, 'name'));
  const first = (el, name) => children(el, name)[0] ?? null;
  const root = doc.documentElement;
  return {
    error: error ? error.textContent : null,
    root: root.localName,
    namespace: root.namespaceURI,
    id: texts(root, 'id'),
    title: texts(root, 'title'),
    updated: texts(root, 'updated'),
    authors: authors(root),
    links: links(root),
    entries: children(root, 'entry').map((e) => ({
      id: texts(e, 'id'),
      title: texts(e, 'title'),
      updated: texts(e, 'updated'),
      published: texts(e, 'published'),
      authors: authors(e),
      links: links(e),
      summary: first(e, 'summary')?.textContent ?? null,
      summaryType: first(e, 'summary')?.getAttribute('type') ?? null,
      content: first(e, 'content')?.textContent ?? null,
      contentType: first(e, 'content')?.getAttribute('type') ?? null,
    })),
  };
}`;

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

describe('Atom feed', () => {
  test('the parser used here does reject ill-formed XML', async () => {
    for (const bad of ['<feed><a></feed>', '<feed>\u0007</feed>', '<feed>&nbsp;</feed>']) {
      const parsed = (await page.evaluate(`(${PARSE_IN_PAGE})(${JSON.stringify(bad)}, ${JSON.stringify(ATOM)})`)) as ParsedFeed;
      assert.notEqual(parsed.error, null, bad);
    }
  });

  test('well-formed Atom 1.0 with every element RFC 4287 requires, newest change first', async () => {
    const { parsed, contentType } = await atom();
    assert.match(contentType, /^application\/atom\+xml; charset=utf-8/);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'feed');
    assert.equal(parsed.namespace, ATOM);
    // atom:feed: exactly one id, title, updated; an author (or one per entry); a self link is advised.
    assert.equal(parsed.id.length, 1);
    assert.match(parsed.id[0]!, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(parsed.title, ['socfeed: new and changed rules']);
    assert.deepEqual(parsed.updated, ['2026-12-03T10:00:00.000Z'], 'the newest change');
    assert.deepEqual(parsed.authors, ['socfeed']);
    assert.deepEqual(parsed.links, [
      { rel: 'self', type: 'application/atom+xml', href: `${server.url}/feed.atom` },
      { rel: 'alternate', type: 'text/html', href: `${server.url}/` },
    ]);
    assert.deepEqual(
      parsed.entries.map((e) => e.links.find((l) => l.rel === 'alternate')?.href),
      ['kql-b', 'kql-a', 'spl-g', 'sig-d', 'sig-c', 'ela-e', 'kql-f'].map((id) => `${server.url}/rules/${id}`),
    );
    const ids = new Set<string>();
    for (const e of parsed.entries) {
      assert.equal(e.id.length, 1);
      assert.match(e.id[0]!, /^urn:uuid:/);
      ids.add(e.id[0]!);
      assert.equal(e.title.length, 1);
      assert.equal(e.updated.length, 1);
      assert.match(e.updated[0]!, RFC3339);
      assert.match(e.published[0]!, RFC3339);
      assert.ok(e.authors.length >= 1, 'each entry names its author');
      assert.equal(e.links.filter((l) => l.rel === 'alternate' && l.type === 'text/html').length, 1);
      assert.equal(e.summaryType, 'text');
      assert.equal(e.contentType, 'html');
    }
    assert.equal(ids.size, 7, 'entry ids are distinct');
    const a = parsed.entries[1]!;
    assert.deepEqual([a.title[0], a.updated[0], a.published[0]], ['RMM A', '2026-12-02T09:00:00.000Z', '2026-11-01T08:00:00.000Z']);
    assert.match(a.summary!, /^Changed: Azure-Sentinel · kql · hunting · medium\nATT&CK: T1219 Remote Access Tools\./);
    assert.match(parsed.entries[0]!.summary!, /^Added: /);
    assert.deepEqual(a.authors, ['Someone']);
  });

  test('hostile text arrives as text: markup escaped, XML-forbidden characters dropped', async () => {
    const { text, parsed } = await atom();
    assert.ok(!text.includes('<script>') && !text.includes('<b>'), 'no raw markup in the document');
    const g = parsed.entries.find((e) => e.title[0]!.endsWith(' G'))!;
    assert.equal(g.title[0], 'Proxy <script>alert(1)</script> G', 'the title reads exactly as the rule names itself');
    const b = parsed.entries[0]!;
    assert.ok(b.summary!.endsWith('Beacons <b>bold</b> & "quoted"'));
    // type="html": the text is HTML in which the rule's own markup is escaped once more.
    assert.ok(b.content!.startsWith('<p>Beacons &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</p>'));
    const c = parsed.entries.find((e) => e.title[0] === 'PowerShell C')!;
    assert.ok(c.summary!.endsWith('Rings a bell  that XML 1.0 cannot carry'));
  });

  test("the feed's filters apply (language and technique), and the links carry them", async () => {
    const { parsed } = await atom('?language=kql&technique=T1219');
    assert.equal(parsed.error, null);
    assert.deepEqual(parsed.entries.map((e) => e.title[0]), ['RMM B', 'RMM A']);
    assert.deepEqual(parsed.title, ['socfeed: new and changed rules (language kql, technique T1219)']);
    assert.equal(parsed.links[0]!.href, `${server.url}/feed.atom?language=kql&technique=T1219`);
    assert.equal(parsed.links[1]!.href, `${server.url}/?language=kql&technique=T1219`);
    const all = await atom();
    assert.notEqual(parsed.id[0], all.parsed.id[0], 'another subscription, another feed id');
    const t1059 = await atom('?technique=t1059');
    assert.deepEqual(t1059.parsed.entries.map((e) => e.title[0]), ['Shells D', 'PowerShell C', 'Interpreter E'], 'a parent matches its sub-techniques');
    const none = await atom('?q=nothingmatchesthis');
    assert.equal(none.parsed.entries.length, 0);
    assert.deepEqual(none.parsed.updated, ['2026-12-03T12:30:00.000Z'], 'no entry: the last sync');
  });

  test('every page links the Atom feed in its head; the feed page links it visibly, with its filters', async () => {
    const coverage = await (await fetch(`${server.url}/coverage`)).text();
    assert.ok(coverage.includes('<link rel="alternate" type="application/atom+xml" title="socfeed: new and changed rules" href="/feed.atom">'));
    const feed = await (await fetch(`${server.url}/?language=kql`)).text();
    assert.ok(feed.includes('<link rel="alternate" type="application/atom+xml" title="socfeed: new and changed rules" href="/feed.atom?language=kql">'));
    assert.ok(feed.includes('<a href="/feed.atom?language=kql" type="application/atom+xml">Subscribe to these rules (Atom)</a>'));
  });
});
