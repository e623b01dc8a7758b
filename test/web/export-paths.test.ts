import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportPath, exportUrl, rewriteLinks, rootPrefix } from '../../src/web/export/site-paths.js';
import { replaceServerOnly } from '../../src/web/export/needs-server.js';

const ORIGIN = 'https://socfeed-export.invalid';

test('app paths map to the export files; the feed keeps its query, other pages drop theirs', () => {
  assert.equal(exportPath('/'), 'index.html');
  assert.equal(exportPath('/?technique=T1219&amp;source=x'), 'index.html?technique=T1219&amp;source=x');
  assert.equal(exportPath('/rules/kql-a'), 'rules/kql-a.html');
  assert.equal(exportPath('/rules/kql-a#hunt'), 'rules/kql-a.html#hunt');
  // An id with a reserved character: the app encodes it once; the file keeps that name, so the link encodes it again.
  assert.equal(exportPath(`/rules/${encodeURIComponent('a/b c')}`), 'rules/a%252Fb%2520c.html');
  assert.equal(exportPath('/rules/x/hunt'), null, 'no file for a server action');
  assert.equal(exportPath('/coverage?source=SigmaHQ'), 'coverage.html');
  assert.equal(exportPath('/coverage/layer.json?source=SigmaHQ'), 'coverage/layer.json');
  assert.equal(exportPath('/coverage.csv'), 'coverage.csv');
  assert.equal(exportPath('/feed.atom?language=kql'), 'feed.atom');
  assert.equal(exportPath('/api/rules'), 'api/rules.json');
  assert.equal(exportPath('/api/rules/kql-a'), 'api/rules/kql-a.json');
  assert.equal(exportPath('/api/coverage'), 'api/coverage.json');
  assert.equal(exportPath('/assets/app.css?v=0123abcd'), 'assets/app.css');
  assert.equal(exportPath('/api/hunt'), null);
  assert.equal(rootPrefix('index.html'), '');
  assert.equal(rootPrefix('rules/x.html'), '../');
  assert.equal(rootPrefix('api/rules/x.json'), '../../');
});

test('links are rewritten relative to the page, or under a base URL; foreign links stay', () => {
  const page = '<a href="/">Feed</a><a href="/rules/kql-a">A</a><link href="/assets/app.css?v=1"><form action="/"><a href="https://github.com/x">up</a><a href="#query">q</a><a href="//cdn.example/x">cdn</a><a href="/api/hunt">h</a>';
  assert.equal(
    rewriteLinks(page, 'rules/kql-b.html', ORIGIN, null),
    '<a href="../index.html">Feed</a><a href="../rules/kql-a.html">A</a><link href="../assets/app.css"><form action="../index.html"><a href="https://github.com/x">up</a><a href="#query">q</a><a href="//cdn.example/x">cdn</a><a href="/api/hunt">h</a>',
  );
  const atom = `<link rel="self" href="${ORIGIN}/feed.atom?language=kql"/><link rel="alternate" href="${ORIGIN}/rules/kql-a"/>`;
  assert.equal(rewriteLinks(atom, 'feed.atom', ORIGIN, null), '<link rel="self" href="feed.atom"/><link rel="alternate" href="rules/kql-a.html"/>');
  assert.equal(
    rewriteLinks(atom, 'feed.atom', ORIGIN, 'https://example.org/socfeed'),
    '<link rel="self" href="https://example.org/socfeed/feed.atom"/><link rel="alternate" href="https://example.org/socfeed/rules/kql-a.html"/>',
  );
  assert.equal(exportUrl(`${ORIGIN}/?technique=T1219`, ORIGIN, 'https://example.org'), 'https://example.org/index.html?technique=T1219');
  assert.equal(exportUrl('https://attack.mitre.org/techniques/T1219/', ORIGIN, 'https://example.org'), 'https://attack.mitre.org/techniques/T1219/');
});

test('server-only parts become a note; a section keeps its heading; nesting is followed', () => {
  const html = [
    '<section id="query"><h2>Query</h2><pre>q</pre></section>',
    '<section id="hunt" data-needs-server aria-labelledby="hunt-title"><h2 id="hunt-title">Run this hunt</h2><form><section><p>inner</p></section></form><div>x</div></section>',
    '<section id="next"><h2>Next</h2></section>',
    '<form class="coverage-form" method="get" data-needs-server><select></select></form><p>after</p>',
  ].join('');
  const out = replaceServerOnly(html);
  const note = '<p class="needs-server">This part needs the socfeed server (<code>socfeed serve</code>); a static export cannot run it.</p>';
  assert.equal(
    out,
    [
      '<section id="query"><h2>Query</h2><pre>q</pre></section>',
      `<section id="hunt" aria-labelledby="hunt-title"><h2 id="hunt-title">Run this hunt</h2>${note}</section>`,
      '<section id="next"><h2>Next</h2></section>',
      `${note}<p>after</p>`,
    ].join(''),
  );
  assert.throws(() => replaceServerOnly('<div data-needs-server><p>never closed'), /never closed/);
});
