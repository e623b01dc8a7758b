import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './call.js';

describe('strings', () => {
  test('strlen, substring, case, trim ("substring()", "trim()" docs)', () => {
    assert.equal(call('strlen', ['hello']), 5);
    assert.equal(call('substring', ['123456', 1]), '23456');
    assert.equal(call('substring', ['123456', 2, 2]), '34');
    assert.equal(call('substring', ['ABCD', -2, 2]), 'AB');
    assert.equal(call('substring', ['abc', 10]), '');
    assert.equal(call('tolower', ['AbC']), 'abc');
    assert.equal(call('toupper', ['AbC']), 'ABC');
    assert.equal(call('trim', ['--', '--https://x.com--']), 'https://x.com');
    assert.equal(call('trim', ['\\s+', '  a b  ']), 'a b');
    assert.equal(call('trim_start', ['[a]', 'aab']), 'b');
    assert.equal(call('trim_end', ['x', 'axx']), 'a');
  });
  test('strcat prints every type; null reads as ""', () => {
    assert.equal(call('strcat', ['a', 1, true, null, 1.5], ['string', 'long', 'bool', 'string', 'real']), 'a1true1.5');
    assert.equal(call('strcat_delim', ['-', 'a', 'b']), 'a-b');
    assert.equal(call('strcat_array', [[1, 'x'], ',']), '1,x');
  });
  test('split, replace_string, indexof, countof, reverse', () => {
    assert.deepEqual(call('split', ['aa_bb', '_']), ['aa', 'bb']);
    assert.deepEqual(call('split', ['aaa_bbb_ccc', '_', 1]), ['bbb']);
    assert.deepEqual(call('split', ['a', '_', 5]), []);
    assert.equal(call('replace_string', ['A magic trick', 'magic', 'cool']), 'A cool trick');
    assert.equal(call('indexof', ['abcdefg', 'cde']), 2);
    assert.equal(call('indexof', ['abcdefg', 'cde', 1, 4]), 2);
    assert.equal(call('indexof', ['abcdefg', 'cde', 1, 2]), -1);
    assert.equal(call('indexof', ['abcdefg', 'cde', 3]), -1);
    assert.equal(call('indexof', ['abcabc', 'abc', 0, -1, 2]), 3);
    assert.equal(call('countof', ['aaa', 'a']), 3);
    assert.equal(call('countof', ['aaaa', 'aa']), 3);
    assert.equal(call('countof', ['aaaa', 'aa', 'regex']), 2);
    assert.equal(call('reverse', ['abc']), 'cba');
  });
});

describe('regex (RE2)', () => {
  test('extract, extract_all, replace_regex ("extract()", "extract_all()", "replace_regex()" docs)', () => {
    assert.equal(call('extract', ['x=([0-9.]+)', 1, 'hello x=45.6|wo']), '45.6');
    assert.equal(call('extract', ['x=([0-9.]+)', 1, 'hello x=45.6|wo', 'real']), 45.6);
    assert.equal(call('extract', ['y=(\\d+)', 1, 'x=1']), '');
    assert.deepEqual(call('extract_all', ['(\\d+)', 'a1b22c333']), ['1', '22', '333']);
    assert.deepEqual(call('extract_all', ['(\\w)(\\d)', 'a1 b2']), [['a', '1'], ['b', '2']]);
    assert.equal(call('extract_all', ['(\\d+)', 'none']), null);
    assert.equal(call('replace_regex', ['Number was: 2', 'is (\\d+)', 'is \\1!']), 'Number was: 2');
    assert.equal(call('replace_regex', ['Number is: 2', 'is: (\\d+)', 'was: \\1']), 'Number was: 2');
    assert.equal(call('replace_regex', ['abc', 'x*', '-']), '-a-b-c-');
  });
  test('an invalid pattern is a clear error', () => {
    assert.throws(() => call('matches regex', ['a', '(']), /invalid regular expression "\("/);
  });
  test('no catastrophic backtracking', () => {
    const start = Date.now();
    assert.equal(call('matches regex', ['a'.repeat(5000) + '!', '^(a+)+$']), false);
    assert.ok(Date.now() - start < 2000);
  });
});

describe('conversions', () => {
  test('tolong / toint / toreal / tobool / toguid', () => {
    assert.equal(call('tolong', ['123']), 123);
    assert.equal(call('tolong', ['abc']), null);
    assert.equal(call('tolong', [1.9]), 1);
    assert.equal(call('toint', ['2147483648']), null);
    assert.equal(call('toreal', ['1.5e3']), 1500);
    assert.equal(call('todouble', ['x']), null);
    assert.equal(call('tobool', ['TRUE']), true);
    assert.equal(call('tobool', [0]), false);
    assert.equal(call('tobool', ['maybe']), null);
    assert.equal(call('toguid', ['74BE27DE-1E4E-49D9-B579-FE0B331D3642']), '74be27de-1e4e-49d9-b579-fe0b331d3642');
    assert.equal(call('toguid', ['nope']), null);
    assert.equal(call('todatetime', ['2026-05-24']), Date.UTC(2026, 4, 24) * 1000);
    assert.equal(call('todatetime', ['garbage']), null);
  });
});

describe('conditionals and nulls ("isempty()", "isnull()", "coalesce()" docs)', () => {
  test('strings are never null: isempty vs isnull', () => {
    assert.equal(call('isempty', ['']), true);
    assert.equal(call('isempty', [null]), true);
    assert.equal(call('isempty', ['a']), false);
    assert.equal(call('isnotempty', ['a']), true);
    assert.equal(call('isnull', ['']), false);
    assert.equal(call('isnull', [null]), true);
    assert.equal(call('isnotnull', [0]), true);
  });
  test('iff / iif / case / coalesce', () => {
    assert.equal(call('iff', [true, 'a', 'b']), 'a');
    assert.equal(call('iif', [null, 'a', 'b']), 'b');
    assert.equal(call('case', [false, 1, true, 2, 3]), 2);
    assert.equal(call('case', [false, 1, false, 2, 3]), 3);
    assert.equal(call('coalesce', [null, 'x']), 'x');
    assert.equal(call('coalesce', ['', 'y']), 'y');
    assert.equal(call('coalesce', [null, null]), null);
  });
});

describe('math', () => {
  test('round half away from zero, with digits ("round()" docs)', () => {
    assert.equal(call('round', [2.98765, 3]), 2.988);
    assert.equal(call('round', [2.15, 1]), 2.2);
    assert.equal(call('round', [2.5]), 3);
    assert.equal(call('round', [2.675, 2]), 2.68);
    assert.equal(call('round', [1234.5678, -2]), 1200);
    assert.equal(call('round', [-2.5]), -3);
    assert.equal(call('round', [null]), null);
  });
  test('abs, pow, sqrt, log, exp, min_of/max_of', () => {
    assert.equal(call('abs', [-5]), 5);
    assert.equal(call('pow', [2, 10]), 1024);
    assert.equal(call('sqrt', [16]), 4);
    assert.ok(Number.isNaN(call('log', [-1]) as number));
    assert.equal(call('log10', [1000]), 3);
    assert.equal(call('exp', [0]), 1);
    assert.equal(call('max_of', [10, 1, null, 5]), 10);
    assert.equal(call('min_of', [10, 1, 5]), 1);
  });
});

describe('IP functions ("ipv4_is_private()", "ipv4_is_in_range()", "ipv4_compare()", "ipv6_compare()" docs)', () => {
  test('ipv4_is_private covers RFC 1918 only', () => {
    assert.equal(call('ipv4_is_private', ['10.1.2.3']), true);
    assert.equal(call('ipv4_is_private', ['172.16.0.1']), true);
    assert.equal(call('ipv4_is_private', ['172.31.255.255']), true);
    assert.equal(call('ipv4_is_private', ['172.32.0.1']), false);
    assert.equal(call('ipv4_is_private', ['192.168.1.1']), true);
    assert.equal(call('ipv4_is_private', ['203.0.113.10']), false);
    assert.equal(call('ipv4_is_private', ['not an ip']), null);
  });
  test('ranges and matches', () => {
    assert.equal(call('ipv4_is_in_range', ['192.168.1.6', '192.168.1.1/24']), true);
    assert.equal(call('ipv4_is_in_range', ['192.168.2.6', '192.168.1.1/24']), false);
    assert.equal(call('ipv4_is_in_any_range', ['10.0.0.5', ['192.168.0.0/16', '10.0.0.0/8']]), true);
    assert.equal(call('ipv4_is_match', ['192.168.1.1/24', '192.168.1.255']), true);
    assert.equal(call('ipv4_is_match', ['192.168.1.1', '192.168.1.255', 24]), true);
    assert.equal(call('ipv4_compare', ['192.168.1.1', '192.168.1.255']), -1);
    assert.equal(call('parse_ipv4', ['127.0.0.1']), 2130706433);
    assert.equal(call('parse_ipv4', ['192.1.168.1/16']), 3221291008);
    assert.equal(call('parse_ipv4_mask', ['192.1.168.2', 16]), 3221291008);
  });
  test('IPv6, with IPv4-mapped addresses', () => {
    assert.equal(call('ipv6_compare', ['::ffff:7f00:1', '127.0.0.1']), 0);
    assert.equal(call('ipv6_compare', ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995']), -1);
    assert.equal(call('ipv6_compare', ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127]), 0);
    assert.equal(call('ipv6_is_match', ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998']), true);
    assert.equal(call('ipv6_compare', ['::ffff:1.2.3.4', '1.2.3.4']), 0);
  });
});

describe('URLs, paths, encodings', () => {
  test('parse_url ("parse_url()" docs example)', () => {
    assert.deepEqual(call('parse_url', ['scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment']), {
      Scheme: 'scheme',
      Host: 'host',
      Port: '1234',
      Path: '/this/is/a/path',
      Username: 'username',
      Password: 'password',
      'Query Parameters': { k1: 'v1', k2: 'v2' },
      Fragment: 'fragment',
    });
    assert.deepEqual(call('parse_url', ['not a url']), {});
  });
  test('parse_path', () => {
    assert.deepEqual(call('parse_path', ['C:\\temp\\file.txt']), {
      Scheme: '',
      RootPath: 'C:',
      DirectoryPath: 'C:\\temp',
      DirectoryName: 'temp',
      Filename: 'file.txt',
      Extension: 'txt',
      AlternateDataStreamName: '',
    });
    const p = call('parse_path', ['/usr/lib/temp/foo.tar.gz']) as Record<string, string>;
    assert.equal(p.Filename, 'foo.tar.gz');
    assert.equal(p.Extension, 'gz');
    assert.equal(p.DirectoryName, 'temp');
  });
  test('url_encode / url_decode', () => {
    assert.equal(call('url_encode', ['https://www.bing.com/']), 'https%3A%2F%2Fwww.bing.com%2F');
    assert.equal(call('url_decode', ['https%3a%2f%2fwww.bing.com%2f']), 'https://www.bing.com/');
  });
  test('base64 and hashes', () => {
    assert.equal(call('base64_encode_tostring', ['Kusto1']), 'S3VzdG8x');
    assert.equal(call('base64_decode_tostring', ['S3VzdG8=']), 'Kusto');
    assert.equal(call('base64_decode_tostring', ['8J+Yig']), '😊');
    assert.equal(call('base64_decode_tostring', ['@@@']), null);
    assert.equal(call('hash_sha256', ['World']), '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524');
    assert.equal(call('hash_md5', ['World']), 'f5a7924e621e84c9280a9a27e1bcb7f6');
    // "hash()" docs: hash("World") == 1846988464401551951, hash("World", 100) == 51 (xxHash64).
    assert.equal(call('hash', ['World']), 1846988464401551951);
    assert.equal(call('hash', ['World', 100]), 51);
  });
});

describe('translate, parse_csv ("translate()", "parse_csv()" docs)', () => {
  test('translate maps characters; a short replacement repeats its last; empty deletes', () => {
    assert.equal(call('translate', ['abc', 'x', 'abc']), 'xxx');
    assert.equal(call('translate', ['abc', '', 'ab']), '');
    assert.equal(call('translate', ['krasp', 'otsku', 'spark']), 'kusto');
  });
  test('parse_csv splits one record with quotes', () => {
    assert.deepEqual(call('parse_csv', ['aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"']), [
      'aa',
      'b,b,b',
      'cc',
      'Escaping quotes: "Title"',
      'line1\nline2',
    ]);
  });
});

describe('code points ("make_string()", "unicode_codepoints_from_string()" docs)', () => {
  test('round trip and <> as !=', () => {
    assert.equal(call('make_string', [75, 117, 115, 116, 111]), 'Kusto');
    assert.equal(call('make_string', [[75, 117], 115]), 'Kus');
    assert.deepEqual(call('unicode_codepoints_from_string', ['KQL😊']), [75, 81, 76, 128522]);
    assert.equal(call('<>', ['a', 'b']), true);
    assert.equal(call('isascii', ['abc']), true);
    assert.equal(call('isascii', ['é']), false);
  });
});

describe('bitwise ("binary_and()" … "bitset_count_ones()", "tohex()" docs)', () => {
  test('64-bit two\'s complement operations', () => {
    assert.equal(call('binary_and', [6, 3]), 2);
    assert.equal(call('binary_or', [6, 3]), 7);
    assert.equal(call('binary_xor', [1, 1]), 0);
    assert.equal(call('binary_not', [100]), -101);
    assert.equal(call('binary_shift_left', [1, 2]), 4);
    assert.equal(call('binary_shift_right', [4, 2]), 1);
    assert.equal(call('bitset_count_ones', [42]), 3);
    assert.equal(call('tohex', [256]), '100');
    assert.equal(call('tohex', [-256]), 'ffffffffffffff00');
    assert.equal(call('tohex', [256, 8]), '00000100');
    assert.equal(call('binary_and', [null, 1]), null);
  });
});

describe('more strings, IPs and arrays', () => {
  test('strcmp, indexof_regex', () => {
    assert.equal(call('strcmp', ['ABC', 'ABC']), 0);
    assert.equal(call('strcmp', ['abc', 'abd']), -1);
    assert.equal(call('indexof_regex', ['abcabc', 'a.c']), 0);
    assert.equal(call('indexof_regex', ['abcabc', 'x']), -1);
  });
  test('has_ipv4 family ("has_ipv4()", "has_ipv4_prefix()", "has_any_ipv4()" docs)', () => {
    assert.equal(call('has_ipv4', ['Source is 10.1.2.3:443', '10.1.2.3']), true);
    assert.equal(call('has_ipv4', ['Source is 10.1.2.33', '10.1.2.3']), false);
    assert.equal(call('has_ipv4', ['a10.1.2.3', '10.1.2.3']), false);
    assert.equal(call('has_ipv4', ['256.1.2.3', '256.1.2.3']), false);
    assert.equal(call('has_ipv4_prefix', ['to 127.0.0.1 now', '127.0.']), true);
    assert.equal(call('has_ipv4_prefix', ['to 127.0.0.1 now', '127.0']), false);
    assert.equal(call('has_any_ipv4', ['from 10.0.0.1 and 8.8.8.8', ['1.1.1.1', '8.8.8.8']]), true);
    assert.equal(call('ipv4_netmask_suffix', ['192.168.1.1/24']), 24);
    assert.equal(call('ipv4_netmask_suffix', ['192.168.1.1']), 32);
  });
  test('array shifts, rotations, splits, array_iff, dynamic_to_json, bag_set_key', () => {
    assert.deepEqual(call('array_shift_left', [[1, 2, 3, 4, 5], 2]), [3, 4, 5, null, null]);
    assert.deepEqual(call('array_shift_left', [[1, 2, 3, 4, 5], -2]), [null, null, 1, 2, 3]);
    assert.deepEqual(call('array_shift_left', [[1, 2, 3, 4, 5], 2, -1]), [3, 4, 5, -1, -1]);
    assert.deepEqual(call('array_shift_right', [[1, 2, 3, 4, 5], 2]), [null, null, 1, 2, 3]);
    assert.deepEqual(call('array_rotate_left', [[1, 2, 3, 4, 5], 2]), [3, 4, 5, 1, 2]);
    assert.deepEqual(call('array_rotate_right', [[1, 2, 3, 4, 5], 2]), [4, 5, 1, 2, 3]);
    assert.deepEqual(call('array_split', [[1, 2, 3, 4, 5], 2]), [[1, 2], [3, 4, 5]]);
    assert.deepEqual(call('array_split', [[1, 2, 3, 4, 5], [1, 3]]), [[1], [2, 3], [4, 5]]);
    assert.deepEqual(call('array_iff', [[true, false, true], [1, 2, 3], [4, 5, 6]]), [1, 5, 3]);
    assert.equal(call('dynamic_to_json', [{ b: 1, a: [{ d: 1, c: 2 }] }]), '{"a":[{"c":2,"d":1}],"b":1}');
    assert.deepEqual(call('bag_set_key', [{ a: 1 }, 'b.c', 2]), { a: 1, b: { c: 2 } });
  });
});
