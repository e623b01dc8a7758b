import { test } from 'node:test';
import assert from 'node:assert/strict';
import { feedQueryString, feedUrl, parseFeedQuery, withoutValue } from '../../src/web/feed-query.js';
import type { RuleFilters } from '../../src/store/catalog-store.js';

test('a feed state survives the round trip through its URL', () => {
  const filters: RuleFilters = {
    text: 'addigy & "rmm"',
    source: ['Azure-Sentinel', 'SigmaHQ'],
    technique: ['T1219', 'T1059.001'],
    table: ['DeviceNetworkEvents'],
    tag: ['a b', '<x>'],
    flagged: true,
  };
  const qs = feedQueryString(filters, 'name', 3);
  assert.deepEqual(parseFeedQuery(new URLSearchParams(qs)), { filters, sort: 'name', page: 3 });
});

test('defaults are left out of URLs and filled in when parsing', () => {
  assert.equal(feedUrl({}), '/');
  assert.equal(feedUrl({ text: 'x' }, 'relevance', 1), '/?q=x');
  assert.equal(feedUrl({}, 'changed', 2), '/?page=2');
  assert.deepEqual(parseFeedQuery(new URLSearchParams('')), { filters: {}, sort: 'changed', page: 1 });
  assert.deepEqual(parseFeedQuery(new URLSearchParams('q=x')), { filters: { text: 'x' }, sort: 'relevance', page: 1 });
});

test('bad or hostile parameters are tamed', () => {
  const state = parseFeedQuery(
    new URLSearchParams('q=%20%20&page=-2&sort=drop&technique=t1219&technique=t1219&tactic=ta0011&source=&flagged=yes&bogus=1'),
  );
  assert.deepEqual(state, { filters: { technique: ['T1219'], tactic: ['TA0011'] }, sort: 'changed', page: 1 });
  // relevance needs a search text
  assert.equal(parseFeedQuery(new URLSearchParams('sort=relevance')).sort, 'changed');
  assert.equal(parseFeedQuery(new URLSearchParams('page=1e9')).page, 1);
  assert.equal(parseFeedQuery(new URLSearchParams('page=999999999')).page, 100_000);
  const many = new URLSearchParams(Array.from({ length: 80 }, (_, i) => `tag=t${i}`).join('&'));
  assert.equal(parseFeedQuery(many).filters.tag?.length, 50);
  assert.equal(parseFeedQuery(new URLSearchParams(`tag=${'x'.repeat(201)}`)).filters.tag, undefined);
});

test('removing one filter value keeps the others', () => {
  const filters: RuleFilters = { text: 'x', source: ['a', 'b'], flagged: true };
  assert.deepEqual(withoutValue(filters, 'source', 'a'), { text: 'x', source: ['b'], flagged: true });
  assert.deepEqual(withoutValue({ source: ['a'] }, 'source', 'a'), {});
  assert.deepEqual(withoutValue(filters, 'q'), { source: ['a', 'b'], flagged: true });
  assert.deepEqual(withoutValue(filters, 'flagged'), { text: 'x', source: ['a', 'b'] });
});
