import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './call.js';
import { MICROS } from '../../../src/kql/engine/values.js';
import { formatDatetime, formatTimespan } from '../../../src/kql/io/format-value.js';
import { parseDatetime, parseTimespan } from '../../../src/kql/io/parse-value.js';

const dt = (iso: string): number => parseDatetime(iso)!;
const DT = ['datetime'] as const;

describe('parsing and printing ("datetime" and "timespan" data type pages)', () => {
  test('ISO 8601 forms, offsets, RFC 822', () => {
    assert.equal(dt('2026-05-24T10:00:00Z'), Date.UTC(2026, 4, 24, 10) * 1000);
    assert.equal(dt('2026-05-24 10:00:00'), Date.UTC(2026, 4, 24, 10) * 1000);
    assert.equal(dt('2026-05-24'), Date.UTC(2026, 4, 24) * 1000);
    assert.equal(dt('2026-05-24T12:00:00+02:00'), Date.UTC(2026, 4, 24, 10) * 1000);
    assert.equal(dt('2026-05-24T10:00:00.1234567Z'), Date.UTC(2026, 4, 24, 10) * 1000 + 123457);
    assert.equal(dt('Sat, 8 Nov 2014 15:05:02 GMT'), Date.UTC(2014, 10, 8, 15, 5, 2) * 1000);
    assert.equal(parseDatetime('2026-02-30'), null);
    assert.equal(parseDatetime('2026-02-29T00:00:00Z'), null);
    assert.equal(dt('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29) * 1000);
    assert.equal(dt('1969-12-31T23:59:59.9999999Z'), 0);
    assert.equal(dt('2026-05-24T10:00:00.000001Z'), Date.UTC(2026, 4, 24, 10) * 1000 + 1);
    assert.equal(parseDatetime('yesterday'), null);
  });
  test('datetimes print ISO UTC with Z; fraction only when non-zero, trimmed', () => {
    assert.equal(formatDatetime(dt('2026-05-24T10:00:00Z')), '2026-05-24T10:00:00Z');
    assert.equal(formatDatetime(dt('2026-05-24T10:00:00.5Z')), '2026-05-24T10:00:00.5Z');
    assert.equal(formatDatetime(dt('2026-05-24T10:00:00.000123Z')), '2026-05-24T10:00:00.000123Z');
  });
  test('timespans: clock form and literals; printing [-][d.]hh:mm:ss[.fffffff]', () => {
    assert.equal(parseTimespan('1.02:03:04'), MICROS.day + 2 * MICROS.hour + 3 * MICROS.minute + 4 * MICROS.second);
    assert.equal(parseTimespan('00:30:00'), 30 * MICROS.minute);
    assert.equal(parseTimespan('2h'), 2 * MICROS.hour);
    assert.equal(parseTimespan('-1d'), -MICROS.day);
    assert.equal(parseTimespan('100ms'), 100 * MICROS.millisecond);
    assert.equal(formatTimespan(MICROS.day + 2 * MICROS.hour + 3 * MICROS.minute + 4 * MICROS.second), '1.02:03:04');
    assert.equal(formatTimespan(1.5 * MICROS.second), '00:00:01.5000000');
    assert.equal(formatTimespan(-30 * MICROS.minute), '-00:30:00');
    assert.equal(call('totimespan', ['1.02:03:04']), parseTimespan('1.02:03:04'));
    assert.equal(call('tostring', [MICROS.hour], ['timespan']), '01:00:00');
    assert.equal(call('tostring', [dt('2026-05-24T10:00:00Z')], [...DT]), '2026-05-24T10:00:00Z');
  });
});

describe('now, ago, bin', () => {
  const now = dt('2026-05-25T23:00:00Z');
  test('ago and now read the query instant', () => {
    assert.equal(call('now', [], [], now), now);
    assert.equal(call('ago', [MICROS.day], ['timespan'], now), dt('2026-05-24T23:00:00Z'));
    assert.equal(call('now', [-MICROS.hour], ['timespan'], now), dt('2026-05-25T22:00:00Z'));
  });
  test('bin on numbers, timespans and datetimes ("bin()" docs examples)', () => {
    assert.equal(call('bin', [4.5, 1], ['real', 'real']), 4);
    assert.equal(call('bin', [-4.5, 1], ['real', 'real']), -5);
    assert.equal(call('bin', [10.5, 5], ['real', 'long']), 10);
    assert.equal(call('bin', [11 * MICROS.day / 10, MICROS.day], ['timespan', 'timespan']), MICROS.day);
    assert.equal(call('bin', [dt('1970-05-11 13:45:07'), MICROS.day], ['datetime', 'timespan']), dt('1970-05-11'));
    assert.equal(call('floor', [dt('2026-05-24T10:59:00Z'), MICROS.hour], ['datetime', 'timespan']), dt('2026-05-24T10:00:00Z'));
  });
  test('7-day bins align to 0001-01-01 (a Monday), not the Unix epoch', () => {
    // 2026-05-24 is a Sunday: its 7d bin starts on Monday 2026-05-18.
    assert.equal(call('bin', [dt('2026-05-24T10:00:00Z'), 7 * MICROS.day], ['datetime', 'timespan']), dt('2026-05-18'));
  });
});

describe('calendar functions', () => {
  const t = dt('2026-05-24T10:11:12.5Z'); // a Sunday
  test('startof / endof', () => {
    assert.equal(call('startofday', [t], [...DT]), dt('2026-05-24'));
    assert.equal(call('startofday', [t, -1], ['datetime', 'long']), dt('2026-05-23'));
    assert.equal(call('startofweek', [dt('2026-05-27T00:00:00Z')], [...DT]), dt('2026-05-24'));
    assert.equal(call('startofmonth', [t], [...DT]), dt('2026-05-01'));
    assert.equal(call('startofmonth', [t, 8], ['datetime', 'long']), dt('2027-01-01'));
    assert.equal(call('startofyear', [t], [...DT]), dt('2026-01-01'));
    assert.equal(call('endofday', [t], [...DT]), dt('2026-05-25') - 1);
    assert.equal(call('endofmonth', [t], [...DT]), dt('2026-06-01') - 1);
  });
  test('parts', () => {
    assert.equal(call('dayofweek', [t], [...DT]), 0);
    assert.equal(call('dayofweek', [dt('2026-05-27')], [...DT]), 3 * MICROS.day);
    assert.equal(call('hourofday', [t], [...DT]), 10);
    assert.equal(call('dayofmonth', [t], [...DT]), 24);
    assert.equal(call('dayofyear', [dt('2026-02-01')], [...DT]), 32);
    assert.equal(call('getmonth', [t], [...DT]), 5);
    assert.equal(call('getyear', [t], [...DT]), 2026);
    assert.equal(call('datetime_part', ['Year', t]), 2026);
    assert.equal(call('datetime_part', ['quarter', t]), 2);
    assert.equal(call('datetime_part', ['minute', t]), 11);
    assert.equal(call('datetime_part', ['millisecond', t]), 500);
    assert.equal(call('week_of_year', [dt('2021-01-01')], [...DT]), 53);
    assert.equal(call('week_of_year', [dt('2026-05-24')], [...DT]), 21);
  });
  test('datetime_diff counts boundaries crossed ("datetime_diff()" docs)', () => {
    assert.equal(call('datetime_diff', ['year', dt('2017-01-01'), dt('2000-12-31')]), 17);
    assert.equal(call('datetime_diff', ['quarter', dt('2017-07-01'), dt('2017-03-30')]), 2);
    assert.equal(call('datetime_diff', ['month', dt('2017-01-01'), dt('2015-12-30')]), 13);
    assert.equal(call('datetime_diff', ['week', dt('2017-10-29 00:00'), dt('2017-09-30 23:59')]), 5);
    assert.equal(call('datetime_diff', ['day', dt('2017-10-29 00:00'), dt('2017-09-30 23:59')]), 29);
    assert.equal(call('datetime_diff', ['hour', dt('2017-10-31 01:00'), dt('2017-10-30 23:59')]), 2);
    assert.equal(call('datetime_diff', ['minute', dt('2017-10-30 23:05:01'), dt('2017-10-30 23:00:59')]), 5);
    assert.equal(call('datetime_diff', ['second', dt('2017-10-30 23:00:10.100'), dt('2017-10-30 23:00:00.900')]), 10);
    assert.equal(call('datetime_diff', ['millisecond', dt('2017-10-30 23:00:00.200100'), dt('2017-10-30 23:00:00.100900')]), 100);
  });
  test('datetime_add is calendar-aware', () => {
    assert.equal(call('datetime_add', ['month', 1, dt('2026-01-31')]), dt('2026-02-28'));
    assert.equal(call('datetime_add', ['year', -1, dt('2024-02-29')]), dt('2023-02-28'));
    assert.equal(call('datetime_add', ['hour', 2, dt('2026-01-01')]), dt('2026-01-01T02:00:00Z'));
  });
  test('format_datetime and format_timespan ("format_datetime()" docs)', () => {
    const d = dt('2017-01-29 09:00:05');
    assert.equal(call('format_datetime', [d, 'yy-MM-dd [HH:mm:ss]']), '17-01-29 [09:00:05]');
    assert.equal(call('format_datetime', [d, 'yyyy-M-dd [H:mm:ss]']), '2017-1-29 [9:00:05]');
    assert.equal(call('format_datetime', [d, 'yy-MM-dd [hh:mm:ss tt]']), '17-01-29 [09:00:05 AM]');
    assert.equal(call('format_datetime', [dt('2026-05-24T10:00:00.1234Z'), 'HH:mm:ss.fff']), '10:00:00.123');
    const span = 2 * MICROS.day + 3 * MICROS.hour + 4 * MICROS.minute + 5 * MICROS.second + 123_400;
    assert.equal(call('format_timespan', [span, 'dd.hh:mm:ss:FF']), '02.03:04:05:12');
    assert.equal(call('format_timespan', [span, 'ddd.h:mm:ss [fffffff]']), '002.3:04:05 [1234000]');
  });
  test('make_datetime and unix time', () => {
    assert.equal(call('make_datetime', [2017, 10, 1, 12, 10]), dt('2017-10-01 12:10'));
    assert.equal(call('make_datetime', [2017, 10, 1, 12, 11, 0.1234567]), dt('2017-10-01 12:11:00.123457'));
    assert.equal(call('unixtime_seconds_todatetime', [1546300800]), dt('2019-01-01'));
  });
  test('null in, null out', () => {
    assert.equal(call('startofday', [null]), null);
    assert.equal(call('datetime_diff', ['day', null, 1]), null);
    assert.equal(call('bin', [null, 1]), null);
  });
});
