import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './call.js';
import { parseDatetime } from '../../../src/kql/io/parse-value.js';

describe('parse_json and access ("parse_json()" docs)', () => {
  test('valid JSON parses; invalid JSON is the string itself', () => {
    assert.deepEqual(call('parse_json', ['{"a":{"b":[1,2]}}']), { a: { b: [1, 2] } });
    assert.equal(call('parse_json', ['not json']), 'not json');
    assert.deepEqual(call('todynamic', [{ x: 1 }], ['dynamic']), { x: 1 });
    assert.equal(call('parse_json', ['']), null);
  });
  test('member and index access; missing → null; negative index from the end', () => {
    const v = { a: { b: [10, 20, 30] } };
    assert.deepEqual(call('[]', [v, 'a']), { b: [10, 20, 30] });
    assert.equal(call('[]', [[10, 20, 30], 1]), 20);
    assert.equal(call('[]', [[10, 20, 30], -1]), 30);
    assert.equal(call('[]', [[10], 5]), null);
    assert.equal(call('[]', [v, 'missing']), null);
    assert.equal(call('[]', ['text', 'a']), null);
    assert.equal(call('[]', [null, 'a']), null);
  });
  test('tostring of dynamic is JSON; of a dynamic string the string', () => {
    assert.equal(call('tostring', [{ a: 1 }], ['dynamic']), '{"a":1}');
    assert.equal(call('tostring', ['x'], ['dynamic']), 'x');
    assert.equal(call('tostring', [null], ['dynamic']), '');
  });
  test('extract_json with a JSONPath', () => {
    assert.equal(call('extract_json', ['$.hosts[1].name', '{"hosts":[{"name":"a"},{"name":"b"}]}']), 'b');
    assert.equal(call('extractjson', ["$['k']", '{"k":5}']), '5');
  });
});

describe('arrays and bags', () => {
  test('array_length, bag_keys; non-containers → null', () => {
    assert.equal(call('array_length', [[1, 2, 3]]), 3);
    assert.equal(call('array_length', ['abc']), null);
    assert.deepEqual(call('bag_keys', [{ a: 1, b: 2 }]), ['a', 'b']);
    assert.equal(call('bag_keys', [[1]]), null);
  });
  test('pack / bag_pack / pack_array; datetimes packed as ISO text', () => {
    const t = parseDatetime('2026-05-24T10:00:00Z')!;
    assert.deepEqual(call('pack', ['k', 1, 'when', t], ['string', 'long', 'string', 'datetime']), { k: 1, when: '2026-05-24T10:00:00Z' });
    assert.deepEqual(call('bag_pack', ['a', 'x']), { a: 'x' });
    assert.deepEqual(call('pack_array', [1, 'a', null]), [1, 'a', null]);
  });
  test('set functions ("set_union()", "set_intersect()", "set_difference()" docs)', () => {
    assert.deepEqual(call('set_union', [[1, 2, 3], [1, 2], [3, 4, 5]]), [1, 2, 3, 4, 5]);
    assert.deepEqual(call('set_intersect', [[1, 2, 3], [1, 2], [1, 2, 5]]), [1, 2]);
    assert.deepEqual(call('set_difference', [[1, 2, 3, 3], [1, 2], [5]]), [3]);
    assert.equal(call('set_has_element', [['this', 'is', 'an', 'example'], 'example']), true);
    assert.equal(call('set_has_element', [[1, 2], 3]), false);
    assert.equal(call('set_union', [[1], 'x']), null);
  });
  test('array_concat, array_slice (inclusive, negative), array_index_of, sort', () => {
    assert.deepEqual(call('array_concat', [[1, 2], [3]]), [1, 2, 3]);
    assert.deepEqual(call('array_slice', [[1, 2, 3, 4, 5], 1, 3]), [2, 3, 4]);
    assert.deepEqual(call('array_slice', [[1, 2, 3, 4, 5], -3, -2]), [3, 4]);
    assert.deepEqual(call('array_slice', [[1, 2, 3], 2, 1]), []);
    assert.equal(call('array_index_of', [['a', 'b', 'c'], 'b']), 1);
    assert.equal(call('array_index_of', [['a'], 'z']), -1);
    assert.deepEqual(call('array_sort_asc', [[3, null, 1, 2]]), [1, 2, 3, null]);
    assert.deepEqual(call('array_sort_desc', [['a', 'c', 'b']]), ['c', 'b', 'a']);
  });
  test('gettype ("gettype()" docs examples)', () => {
    assert.equal(call('gettype', ['a'], ['string']), 'string');
    assert.equal(call('gettype', [111], ['long']), 'long');
    assert.equal(call('gettype', [1], ['dynamic']), 'int');
    assert.equal(call('gettype', [{ abc: 1 }], ['dynamic']), 'dictionary');
    assert.equal(call('gettype', [[1, 2, 3]], ['dynamic']), 'array');
    assert.equal(call('gettype', [null], ['dynamic']), 'null');
  });
});

describe('parse_xml (the conversion table of the "parse_xml()" docs)', () => {
  test('elements, attributes, text, repeated children', () => {
    assert.deepEqual(call('parse_xml', ['<e/>']), { e: null });
    assert.deepEqual(call('parse_xml', ['<e>text</e>']), { e: 'text' });
    assert.deepEqual(call('parse_xml', ['<e name="value" />']), { e: { '@name': 'value' } });
    assert.deepEqual(call('parse_xml', ['<e name="value">text</e>']), { e: { '@name': 'value', '#text': 'text' } });
    assert.deepEqual(call('parse_xml', ['<e> <a>text</a> <b>text</b> </e>']), { e: { a: 'text', b: 'text' } });
    assert.deepEqual(call('parse_xml', ['<e> <a>text</a> <a>text</a> <a>t3</a> </e>']), { e: { a: ['text', 'text', 't3'] } });
    assert.deepEqual(call('parse_xml', ['<e> text <a>text</a> </e>']), { e: { '#text': 'text', a: 'text' } });
  });
  test('the docs example: declaration skipped, numeric text as numbers; invalid XML → null', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<duration>\n <value>118.0</value>\n <count>5.0</count>\n <!-- c -->\n</duration>';
    assert.deepEqual(call('parse_xml', [xml]), { duration: { value: 118, count: 5 } });
    assert.deepEqual(call('parse_xml', ['<a x="1 &amp; 2"><![CDATA[<raw>]]></a>']), { a: { '@x': '1 & 2', '#text': '<raw>' } });
    assert.equal(call('parse_xml', ['<a><b></a>']), null);
    assert.equal(call('parse_xml', ['not xml']), null);
  });
});
