import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { rulePage, type RulePageData } from '../../src/web/views/rule.js';
import { feedPage, ruleRow } from '../../src/web/views/feed.js';
import { coveragePage, shadeOf, type CoverageCell } from '../../src/web/views/coverage.js';
import { notFoundPage } from '../../src/web/views/not-found.js';
import { markedSnippet, shorten } from '../../src/web/views/html.js';
import type { Facets } from '../../src/store/catalog-store.js';
import { sampleRule, summaryOf, XSS } from './sample-rule.js';
import { coverageCell } from './coverage-cell.js';

const ALL = Object.values(XSS);

/**
 * No payload survives as markup. Escaped text never holds a raw `<`, so every `<tag …>` left
 * in the page is one we wrote: none may be an img/svg/iframe, carry an on* attribute or a
 * javascript: link, and the only scripts are our own module files.
 */
function assertInert(page: string): void {
  for (const tag of page.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    const name = /^<([a-zA-Z]+)/.exec(tag)![1].toLowerCase();
    assert.ok(!['img', 'svg', 'iframe', 'object', 'embed'].includes(name), `unexpected tag ${tag}`);
    const attributes = tag.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(attributes, /\son\w+\s*=/i, `event handler in ${tag}`);
    assert.doesNotMatch(tag, /(href|src)="\s*javascript:/i, `javascript: URL in ${tag}`);
    if (name === 'script') assert.match(tag, /^<script type="module" src="\/assets\/(feed|coverage|hunt|rule)\.js\?v=[0-9a-f]+">$/);
  }
  assert.doesNotMatch(page, /<script>/);
}

function pageData(overrides: Partial<RulePageData> = {}): RulePageData {
  return { rule: sampleRule(), hypothesis: 'A sample hypothesis.', dataSourceNotes: [], techniques: [], ...overrides };
}

function emptyFacets(): Facets {
  return { source: [], language: [], kind: [], severity: [], confidence: [], tactic: [], technique: [], table: [], tag: [] };
}

describe('rule page view', () => {
  test('every rule field carrying a payload shows as escaped text', () => {
    let i = 0;
    const p = () => ALL[i++ % ALL.length];
    const rule = sampleRule({
      name: XSS.script,
      description: `${XSS.img} and ${XSS.svg}`,
      query: XSS.script,
      raw: XSS.svg,
      path: XSS.img,
      upstreamId: p(),
      status: XSS.attr,
      kind: XSS.img,
      source: XSS.svg,
      dataSources: [XSS.img],
      tags: [XSS.script, XSS.attr],
      authors: [XSS.svg],
      references: [XSS.img, 'javascript:alert(1)'],
      falsePositives: [XSS.script],
      commit: XSS.attr,
      flags: [XSS.img],
      problems: [{ file: XSS.svg, line: 2, column: 3, reason: XSS.script, severity: 'warning' }],
      tactics: [{ id: XSS.attr, shortname: 'x', name: XSS.img }],
      techniques: [{ id: 'T1219', name: XSS.svg, known: true }],
      url: 'javascript:alert(1)',
      created: XSS.img,
    });
    const page = rulePage(
      pageData({
        rule,
        hypothesis: XSS.script,
        dataSourceNotes: [XSS.img],
        techniques: [
          {
            id: 'T1219',
            name: XSS.svg,
            known: true,
            tactics: [XSS.script],
            summary: XSS.img,
            url: 'javascript:alert(1)',
            mitigations: [{ id: 'M1', name: XSS.svg }],
            groups: [{ id: 'G1', name: XSS.img }],
          },
        ],
      }),
    ).toString();
    assertInert(page);
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'script payload shown as text');
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'), 'img payload shown as text');
    assert.ok(page.includes('&lt;svg onload=alert(1)&gt;'), 'svg payload shown as text');
    assert.ok(page.includes('&quot; onmouseover=&quot;alert(1)'), 'attribute breakout shown as text');
    assert.ok(page.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt; · socfeed</title>'));
    // javascript: links become plain text.
    assert.ok(page.includes('no https link to the original'));
    assert.ok(page.includes('<li>javascript:alert(1)</li>'));
  });

  test('only https rule URLs become links', () => {
    for (const url of ['http://example.com/x', 'data:text/html,<b>x</b>', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', '//evil.example/x']) {
      const page = rulePage(pageData({ rule: sampleRule({ url }) })).toString();
      assert.ok(!page.includes('View the original file'), `no original link for ${url}`);
      assert.ok(page.includes('no https link to the original'));
      assertInert(page);
    }
    const ok = rulePage(pageData()).toString();
    assert.ok(ok.includes('<a href="https://github.com/Azure/Azure-Sentinel/blob/abc123/Hunting%20Queries/sample.yaml" rel="noopener noreferrer">View the original file</a>'));
  });

  test('sections with nothing to say say so', () => {
    const rule = sampleRule({
      description: '',
      query: '',
      raw: '',
      dataSources: [],
      references: [],
      falsePositives: [],
      tactics: [],
      techniques: [],
      url: null,
      commit: null,
    });
    const page = rulePage({ rule, hypothesis: null, dataSourceNotes: [], techniques: [] }).toString();
    assert.ok(page.includes('No hypothesis yet:'));
    assert.ok(page.includes('No query: the rule file holds none.'));
    assert.ok(page.includes('No rule definition'));
    assert.ok(page.includes('No data source declared or found in the query.'));
    assert.ok(page.includes('The rule names no ATT&amp;CK technique.'));
    assert.ok(page.includes('The rule names no ATT&amp;CK tactic.'));
    assert.ok(page.includes('No references declared in the rule file.'));
    assert.ok(page.includes('No false positives declared in the rule file.'));
    assert.ok(page.includes('The rule file gives no description.'));
    assert.ok(!page.includes('id="problems"'), 'no Problems section for a clean rule');
  });

  test('shows the reference-page parts: headings, badges, provenance, confidence', () => {
    const page = rulePage(
      pageData({
        rule: sampleRule({ references: ['https://example.com/a'], falsePositives: ['Admins using the tool'] }),
        techniques: [
          {
            id: 'T1219',
            name: 'Remote Access Tools',
            known: true,
            tactics: ['Command and Control'],
            summary: 'Adversaries may use remote access tools.',
            url: 'https://attack.mitre.org/techniques/T1219',
            mitigations: [{ id: 'M1037', name: 'Filter Network Traffic' }],
            groups: [{ id: 'G0001', name: 'Some Group' }],
          },
        ],
      }),
    ).toString();
    for (const h of ['Hunt Hypothesis', 'Query', 'Rule Definition', 'Required Data Sources', 'ATT&amp;CK Context', 'References', 'False Positive Guidance', 'Original Source']) {
      assert.ok(page.includes(`-title">${h}</h2>`), `section ${h}`);
    }
    assert.ok(page.includes('pulled from an open-source repository and enriched'));
    assert.ok(page.includes('not yet assessed'));
    assert.ok(page.includes('medium (inferred)'));
    assert.ok(page.includes('href="/?technique=T1219"'));
    assert.ok(page.includes('Filter Network Traffic'));
    assert.ok(page.includes('<a href="https://example.com/a" rel="noopener noreferrer">https://example.com/a</a>'));
    assert.ok(page.includes('<li>Admins using the tool</li>'));
    assert.ok(page.includes('<time datetime="2026-12-03T12:30:00.000Z">2026-12-03 12:30 UTC</time>'));
  });

  test('the query is highlighted with its lint findings marked; the description is Markdown; related rules link', () => {
    const lint = [{ ruleId: 'r-0001', code: 'no-time-filter' as const, severity: 'warning' as const, message: 'The query sets no time window', line: 2, column: 3, fileLine: null, fileColumn: null }];
    const page = rulePage(
      pageData({
        rule: sampleRule({ description: 'Looks for **Addigy** agents; see [docs](https://addigy.com/docs) and [bad](javascript:alert(1)).' }),
        lint,
        related: [{ id: 'sigma/x y', name: `Other ${XSS.script}`, source: 'SigmaHQ', language: 'sigma', shared: 2 }],
      }),
    ).toString();
    assertInert(page);
    assert.ok(page.includes('<span class="line lint lint-warning" id="q-L2"><span class="t-op">|</span> <span class="t-kw">where</span>'));
    assert.ok(page.includes('<span class="lint-mark lint-warning">  ^ warning: The query sets no time window (no-time-filter)</span>'));
    assert.ok(page.includes('1 lint finding is marked under its line; see <a href="#lint">Lint</a>.'));
    assert.ok(page.includes('<button type="button" class="copy secondary" data-copy="query-code" aria-describedby="query-code-copied" hidden>Copy</button>'));
    assert.ok(page.includes('<p>Looks for <strong>Addigy</strong> agents; see <a href="https://addigy.com/docs" rel="noopener noreferrer">docs</a> and [bad](javascript:alert(1)).</p>'));
    assert.ok(page.includes('<li><a href="/rules/sigma%2Fx%20y">Other &lt;script&gt;alert(1)&lt;/script&gt;</a> <span class="badge b-source">SigmaHQ</span>'));
    assert.ok(page.includes('2 shared techniques'));
  });

  test('a flagged rule lists its problems first', () => {
    const rule = sampleRule({
      flags: ['recovered-yaml'],
      problems: [{ file: 'a.yaml', line: 7, column: 3, reason: 'bad indentation', severity: 'warning' }],
    });
    const page = rulePage(pageData({ rule })).toString();
    assert.ok(page.includes('<code>a.yaml:7:3</code> bad indentation'));
    assert.ok(page.indexOf('id="problems"') < page.indexOf('id="hypothesis"'));
    assert.ok(page.includes('>flagged</a>'));
  });

  test('an unknown technique says ATT&CK does not know it', () => {
    const page = rulePage(
      pageData({ techniques: [{ id: 'T9999', name: 'T9999', known: false, tactics: [], summary: null, url: null, mitigations: [], groups: [] }] }),
    ).toString();
    assert.ok(page.includes('ATT&amp;CK does not know this technique id'));
  });
});

describe('feed view', () => {
  test('search snippets: escaped first, then marked', () => {
    assert.equal(markedSnippet('a \u0001<b>x</b>\u0002 b').toString(), 'a <mark>&lt;b&gt;x&lt;/b&gt;</mark> b');
    assert.equal(markedSnippet('stray \u0001 open').toString(), 'stray  open');
    assert.equal(markedSnippet('\u0002<i>\u0001').toString(), '&lt;i&gt;');
  });

  test('shorten cuts at a word and adds an ellipsis', () => {
    assert.equal(shorten('alpha beta gamma delta', 14), 'alpha beta…');
    assert.equal(shorten('abcdefghijklmnop', 10), 'abcdefghij…');
    assert.equal(shorten('  short\n text ', 50), 'short text');
  });

  test('a row escapes the rule and marks flagged rules', () => {
    const rule = sampleRule({ name: XSS.img, description: XSS.script, tags: [XSS.svg], flags: ['recovered-yaml'] });
    const row = ruleRow(summaryOf(rule)).toString();
    assertInert(row);
    assert.ok(row.includes('class="rule flagged"'));
    assert.ok(row.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(row.includes('href="/rules/r-0001"'));
  });

  test('the page escapes the search text, facet values and chips; pagination keeps filters', () => {
    const rule = sampleRule();
    const facets = emptyFacets();
    facets.tag = [{ value: XSS.attr, label: XSS.attr, count: 3 }];
    facets.source = [{ value: 'Azure-Sentinel', label: 'Azure-Sentinel', count: 60 }];
    facets.technique = [{ value: 'T1219', label: 'T1219 Remote Access Tools', count: 2 }];
    facets.tactic = [{ value: 'TA0011', label: 'Command and Control', count: 2 }];
    const page = feedPage({
      state: { filters: { text: XSS.attr, source: ['Azure-Sentinel'], tag: [XSS.img] }, sort: 'relevance', page: 2 },
      result: { total: 60, rules: [summaryOf(rule, `x \u0001${XSS.script}\u0002`)] },
      facets,
      pageSize: 25,
    }).toString();
    assertInert(page);
    assert.ok(page.includes('value="&quot; onmouseover=&quot;alert(1)"'));
    assert.ok(page.includes('<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>'));
    // The selected tag that no facet lists still shows, checked, so it can be removed.
    assert.ok(page.includes('name="tag" value="&lt;img src=x onerror=alert(1)&gt;" checked'));
    assert.ok(page.includes('name="source" value="Azure-Sentinel" checked'));
    assert.ok(page.includes('<span class="opt">T1219 Remote Access Tools</span>'), 'id not repeated');
    assert.ok(page.includes('<span class="opt">TA0011 Command and Control</span>'), 'id added to a bare name');
    // Next page link keeps q, source, tag.
    const next = /href="([^"]*)" rel="next"/.exec(page);
    assert.ok(next, 'has a next link');
    const params = new URLSearchParams(next[1].replaceAll('&amp;', '&').slice(2));
    assert.equal(params.get('q'), XSS.attr);
    assert.deepEqual(params.getAll('source'), ['Azure-Sentinel']);
    assert.deepEqual(params.getAll('tag'), [XSS.img]);
    assert.equal(params.get('page'), '3');
    assert.ok(page.includes('Page 2 of 3'));
  });

  test('confidence is a facet; the yes/no filters show their counts; a confidence filter is a removable chip', () => {
    const facets = { ...emptyFacets(), confidence: [{ value: 'high', label: 'high', count: 7 }], flagged: 4, problems: 11 };
    const page = feedPage({ state: { filters: { confidence: ['high'] }, sort: 'changed', page: 1 }, result: { total: 7, rules: [] }, facets, pageSize: 25 }).toString();
    assert.ok(page.includes('<legend>Confidence</legend>'));
    assert.ok(page.includes('<input type="checkbox" name="confidence" value="high" checked> <span class="opt">high</span> <span class="count">7</span>'));
    assert.ok(page.includes('<span class="opt">Only flagged rules</span> <span class="count">4</span>'));
    assert.ok(page.includes('<span class="opt">Only rules with lint problems</span> <span class="count">11</span>'));
    assert.ok(page.includes('href="/" aria-label="Remove filter Confidence: high"'));
  });

  test('an empty result explains itself', () => {
    const empty = feedPage({ state: { filters: {}, sort: 'changed', page: 1 }, result: { total: 0, rules: [] }, facets: emptyFacets(), pageSize: 25 }).toString();
    assert.ok(empty.includes('The catalog is empty'));
    const none = feedPage({ state: { filters: { text: 'zzz' }, sort: 'relevance', page: 1 }, result: { total: 0, rules: [] }, facets: emptyFacets(), pageSize: 25 }).toString();
    assert.ok(none.includes('No rules match these filters.'));
  });
});

describe('coverage view', () => {
  const cell = (id: string, name: string, count: number, extra: Partial<CoverageCell> = {}): CoverageCell => ({
    id, name, count, confidence: null, runnable: 0, status: null, subtechniques: [], ...extra,
  });
  const options = { source: [{ value: 'Azure-Sentinel', label: 'Azure-Sentinel', count: 9 }], language: [], kind: [], table: [], status: [] };
  const matrix = (cells: CoverageCell[]) => ({ tactics: [{ id: 'TA0011', shortname: 'command-and-control', name: 'Command and Control', techniques: cells }] });

  test('cells link to the filtered feed, shaded by count, sub-techniques folded', () => {
    const page = coveragePage({
      matrix: matrix([
        cell('T1219', 'Remote Access Tools', 180, { subtechniques: [cell('T1219.001', 'IDE Tunneling', 0)] }),
        cell('T1071', 'Application Layer Protocol', 0),
      ]),
      query: { filters: { source: ['Azure-Sentinel'] }, have: null, shade: 'count' },
      options,
    }).toString();
    assert.ok(page.includes('class="cell s4" href="/?source=Azure-Sentinel&amp;technique=T1219"'));
    assert.ok(page.includes('class="cell s0" href="/?source=Azure-Sentinel&amp;technique=T1071"'));
    assert.match(page, /<details><summary>1 sub-techniques, 0 covered<\/summary><ul><li><a class="cell s0" href="[^"]*technique=T1219.001"/);
    assert.ok(page.includes('1 of 2 techniques have at least one rule'));
    assert.ok(page.includes('<option value="Azure-Sentinel" selected>'));
    assert.ok(page.includes('href="/coverage/layer.json?source=Azure-Sentinel" download="socfeed-layer.json"'));
    assert.ok(page.includes('href="/coverage.csv?source=Azure-Sentinel" download="socfeed-coverage.csv"'));
    assert.deepEqual([0, 1, 4, 5, 19, 20, 99, 100, 868].map(shadeOf), [0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  test('the data view says in words what each shade means, and keeps chosen tables checked', () => {
    const page = coveragePage({
      matrix: matrix([
        cell('T1219', 'Remote Access Tools', 3, { runnable: 2, status: 'runnable' }),
        cell('T1071', 'Application Layer Protocol', 1, { status: 'missing-data' }),
        cell('T1090', 'Proxy', 0, { status: 'none' }),
      ]),
      query: { filters: {}, have: ['DeviceNetworkEvents', `Gone${XSS.script}`], shade: 'data' },
      options: { ...options, table: [{ value: 'DeviceNetworkEvents', label: 'DeviceNetworkEvents', count: 4 }, { value: 'SigninLogs', label: 'SigninLogs', count: 2 }] },
    }).toString();
    assertInert(page);
    assert.deepEqual(coverageCell(page, 'T1219'), { cls: 'd-runnable', label: 'T1219 Remote Access Tools: 3 rules, 2 runnable' });
    assert.deepEqual(coverageCell(page, 'T1071'), { cls: 'd-missing', label: 'T1071 Application Layer Protocol: 1 rule, needs data' });
    assert.deepEqual(coverageCell(page, 'T1090'), { cls: 'd-none', label: 'T1090 Proxy: 0 rules' });
    assert.ok(page.includes('covered by rules you can run: 1</li>'));
    assert.ok(page.includes('covered only by rules needing data you do not have: 1</li>'));
    assert.ok(page.includes('not covered: 1</li>'));
    assert.ok(page.includes('<input type="checkbox" name="have" value="DeviceNetworkEvents" checked>'));
    assert.ok(page.includes('<input type="checkbox" name="have" value="SigninLogs">'));
    assert.ok(page.includes('value="Gone&lt;script&gt;alert(1)&lt;/script&gt;" checked>'), 'a chosen table the catalog lacks stays checked, escaped');
    assert.ok(page.includes('<details class="have" open>'));
  });
});

test('not-found page escapes what it names', () => {
  const page = notFoundPage(`No rule with id ${XSS.script}`).toString();
  assertInert(page);
  assert.ok(page.includes('No rule with id &lt;script&gt;'));
});

test('a feed row shows a few badges of each list and counts the rest; the rule page shows all', () => {
  const rule = sampleRule({ tags: ['t1', 't2', 't3', 't4', 't5', 't6'], dataSources: ['a', 'b', 'c', 'd'] });
  const row = ruleRow(summaryOf(rule)).toString();
  assert.ok(row.includes('>t4</span>'));
  assert.ok(!row.includes('>t5</span>'));
  assert.ok(row.includes('<span class="badge b-more" title="t5, t6">+2 tags</span>'));
  assert.ok(row.includes('<span class="badge b-more" title="d">+1 data source</span>'));
  const page = rulePage(pageData({ rule })).toString();
  assert.ok(page.includes('>t6</a>') && !page.includes('b-more'));
});
