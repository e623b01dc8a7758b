import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './call.js';
import { MICROS } from '../../../src/kql/engine/values.js';

// "String operators" page: == case-sensitive, =~ not; "between operator": inclusive;
// "in operator": case-sensitive, in~ not; comparisons with null are null.

describe('equality and ordering', () => {
  test('== is case-sensitive, =~ is not', () => {
    assert.equal(call('==', ['aBc', 'aBc']), true);
    assert.equal(call('==', ['abc', 'ABC']), false);
    assert.equal(call('!=', ['abc', 'ABC']), true);
    assert.equal(call('=~', ['abc', 'ABC']), true);
    assert.equal(call('!~', ['aBc', 'xyz']), true);
  });
  test('comparison with null is null', () => {
    assert.equal(call('==', [null, 1]), null);
    assert.equal(call('<', [1, null]), null);
    assert.equal(call('!=', [null, 'x']), null);
  });
  test('ordering of numbers, strings and datetimes', () => {
    assert.equal(call('<', [1, 2]), true);
    assert.equal(call('>=', [2, 2]), true);
    assert.equal(call('<', ['a', 'b']), true);
    assert.equal(call('>', [Date.UTC(2026, 0, 2) * 1000, Date.UTC(2026, 0, 1) * 1000]), true);
  });
  test('dynamic arrays compare by content', () => {
    assert.equal(call('==', [[1, 2], [1, 2]]), true);
  });
});

describe('between', () => {
  test('inclusive on numbers', () => {
    assert.equal(call('between', [10, 10, 20]), true);
    assert.equal(call('between', [20, 10, 20]), true);
    assert.equal(call('between', [21, 10, 20]), false);
    assert.equal(call('!between', [21, 10, 20]), true);
  });
  test('datetime between (start .. timespan) means start..start+span', () => {
    const start = Date.UTC(2026, 4, 24) * 1000;
    const types = ['datetime', 'datetime', 'timespan'] as const;
    assert.equal(call('between', [start + MICROS.hour, start, MICROS.hour], [...types]), true);
    assert.equal(call('between', [start + MICROS.hour + 1, start, MICROS.hour], [...types]), false);
  });
  test('null is null', () => {
    assert.equal(call('between', [null, 1, 2]), null);
  });
});

describe('in', () => {
  test('case-sensitive for strings; in~ is not', () => {
    assert.equal(call('in', ['abc', 'ABC', 'abc']), true);
    assert.equal(call('in', ['abc', 'ABC']), false);
    assert.equal(call('!in', ['abc', 'ABC']), true);
    assert.equal(call('in~', ['abc', 'ABC']), true);
    assert.equal(call('!in~', ['abc', 'ABC']), false);
  });
  test('a dynamic array on the right is spread', () => {
    assert.equal(call('in', [443, [80, 443]]), true);
    assert.equal(call('in', ['x', ['a', ['x']]]), true);
  });
});

describe('logic and arithmetic', () => {
  test('three-valued and/or/not', () => {
    assert.equal(call('and', [null, false]), false);
    assert.equal(call('and', [null, true]), null);
    assert.equal(call('or', [null, true]), true);
    assert.equal(call('or', [null, false]), null);
    assert.equal(call('not', [null]), null);
  });
  test('long / long is integer division, real / real is not', () => {
    assert.equal(call('/', [7, 2], ['long', 'long']), 3);
    assert.equal(call('/', [-7, 2], ['long', 'long']), -3);
    assert.equal(call('/', [7, 2], ['real', 'long']), 3.5);
    assert.equal(call('/', [1, 0], ['long', 'long']), null);
    assert.equal(call('%', [7, 3], ['long', 'long']), 1);
  });
  test('datetime arithmetic on microseconds', () => {
    const t = Date.UTC(2026, 4, 24, 10) * 1000;
    assert.equal(call('-', [t, t - MICROS.day], ['datetime', 'datetime']), MICROS.day);
    assert.equal(call('+', [t, MICROS.hour], ['datetime', 'timespan']), t + MICROS.hour);
    assert.equal(call('/', [MICROS.day, MICROS.hour], ['timespan', 'timespan']), 24);
    assert.equal(call('-', [5]), -5);
    assert.equal(call('+', [null, 1]), null);
  });
});

describe('substring operators', () => {
  test('docs examples', () => {
    assert.equal(call('contains', ['FabriKam', 'BRik']), true);
    assert.equal(call('!contains', ['Fabrikam', 'xyz']), true);
    assert.equal(call('contains_cs', ['FabriKam', 'Kam']), true);
    assert.equal(call('!contains_cs', ['Fabrikam', 'Kam']), true);
    assert.equal(call('endswith', ['Fabrikam', 'Kam']), true);
    assert.equal(call('!endswith', ['Fabrikam', 'brik']), true);
    assert.equal(call('endswith_cs', ['Fabrikam', 'kam']), true);
    assert.equal(call('startswith', ['Fabrikam', 'fab']), true);
    assert.equal(call('startswith_cs', ['Fabrikam', 'fab']), false);
    assert.equal(call('!startswith_cs', ['Fabrikam', 'fab']), true);
  });
  test('matches regex is RE2 and unanchored', () => {
    assert.equal(call('matches regex', ['powershell.exe -enc AAA', '-enc\\s+[A-Z]+']), true);
    assert.equal(call('matches regex', ['abc', '^b']), false);
  });
});
