import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './call.js';
import { termsOf } from '../../../src/kql/engine/functions/string-terms.js';

// Rules from "String operators" (learn.microsoft.com/kusto/query/datatypes-string-operators) and
// "has operator": terms are maximal runs of ASCII alphanumerics; has = RHS is a whole term.

describe('terms', () => {
  test('the docs example splits on punctuation', () => {
    assert.deepEqual(termsOf('Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun'), [
      'Kusto',
      'ad67d136',
      'c1db',
      '4f9f',
      '88ef',
      'd94f3b6b0b5a',
      'KustoExplorerQueryRun',
    ]);
  });
  test('underscore is not alphanumeric, so it separates terms', () => {
    assert.deepEqual(termsOf('foo_bar'), ['foo', 'bar']);
  });
});

describe('has', () => {
  test('docs examples', () => {
    assert.equal(call('has', ['North America', 'america']), true);
    assert.equal(call('!has', ['North America', 'amer']), true);
    assert.equal(call('has_cs', ['North America', 'America']), true);
    assert.equal(call('has_cs', ['North America', 'america']), false);
    assert.equal(call('!has_cs', ['North America', 'amer']), true);
  });
  test('multi-term right side must start and end on term boundaries', () => {
    assert.equal(call('has', ['prod.addigy.com', 'addigy.com']), true);
    assert.equal(call('has', ['xaddigy.com', 'addigy.com']), false);
    assert.equal(call('has', ['addigy.community', 'addigy.com']), false);
    assert.equal(call('has', ['a.addigy.com.evil', 'addigy.com']), true);
  });
  test('hyphen and underscore separate terms', () => {
    assert.equal(call('has', ['go-agent', 'agent']), true);
    assert.equal(call('has', ['foo_bar', 'bar']), true);
    assert.equal(call('has', ['foobar', 'bar']), false);
  });
  test('a later occurrence on boundaries still matches', () => {
    assert.equal(call('has', ['xagent agent', 'agent']), true);
  });
  test('leading or trailing separator in the right side needs no boundary there', () => {
    assert.equal(call('has', ['xaddigy.com', '.com']), true);
    assert.equal(call('has', ['cmd.exe /c', '.exe']), true);
    assert.equal(call('has', ['cmd.exe', 'cmd.']), true);
    assert.equal(call('has', ['xcmd.exe', 'cmd.']), false);
  });
  test('case-insensitive by default', () => {
    assert.equal(call('has', ['PowerShell.EXE -enc', 'powershell']), true);
  });
  test('empty right side matches anything; empty or null left matches only empty', () => {
    assert.equal(call('has', ['abc', '']), true);
    assert.equal(call('has', ['', 'abc']), false);
    assert.equal(call('has', [null, 'abc']), false);
  });
  test('non-ASCII letters are separators', () => {
    assert.equal(call('has', ['caféteria', 'caf']), true);
  });
});

describe('hasprefix / hassuffix', () => {
  test('term prefix and suffix (docs examples)', () => {
    assert.equal(call('hasprefix', ['North America', 'ame']), true);
    assert.equal(call('!hasprefix', ['North America', 'mer']), true);
    assert.equal(call('hasprefix_cs', ['North America', 'Ame']), true);
    assert.equal(call('hasprefix_cs', ['North America', 'ame']), false);
    assert.equal(call('hassuffix', ['North America', 'ica']), true);
    assert.equal(call('!hassuffix', ['North America', 'americ']), true);
    assert.equal(call('hassuffix_cs', ['North America', 'ica']), true);
    assert.equal(call('hassuffix_cs', ['North America', 'ICA']), false);
  });
  test('multi-term prefix', () => {
    assert.equal(call('hasprefix', ['prod.addigy.community', 'addigy.com']), true);
    assert.equal(call('hasprefix', ['xaddigy.com', 'addigy']), false);
  });
});

describe('has_any / has_all', () => {
  test('has_any is term matching, not substring', () => {
    assert.equal(call('has_any', ['prod.addigy.com', ['addigy.com', 'other.net']]), true);
    assert.equal(call('has_any', ['xaddigy.com', ['addigy.com']]), false);
    assert.equal(call('has_any', ['superagent', ['agent']]), false);
    assert.equal(call('has_any', ['North America', 'europe', 'AMERICA']), true);
  });
  test('has_any with an empty list is false', () => {
    assert.equal(call('has_any', ['abc', []]), false);
  });
  test('has_all requires every term', () => {
    assert.equal(call('has_all', ['this is an example', ['this', 'example']]), true);
    assert.equal(call('has_all', ['this is an example', ['this', 'examples']]), false);
    assert.equal(call('has_all', ['a.b.evil.com', 'b.evil', 'A']), true);
  });
  test('the same constant list object is reused safely across calls', () => {
    const list = ['agent'];
    assert.equal(call('has_any', ['go-agent', list]), true);
    assert.equal(call('has_any', ['go-agents', list]), false);
  });
});
