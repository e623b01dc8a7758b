import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../../../src/kql/index.js';

const NOW = Date.UTC(2026, 4, 25, 23) * 1000;
const run = (q: string) => runQuery(q, [], { now: NOW });
const DAY = 86_400_000_000;

// expected values worked out by hand from the examples and definitions in the Kusto docs
describe('window functions of a serialized row set', () => {
  const airports = `datatable (Airport:string, Airline:string, Departures:long)
    ["TLV", "LH", 1, "TLV", "LY", 100, "SEA", "LH", 1, "SEA", "BA", 2, "SEA", "LY", 0]
    | sort by Airport asc, Departures desc`;

  test('row_number(1, prev(Airport) != Airport) numbers the rows per airport (the docs example)', () => {
    const r = run(`${airports} | extend Rank = row_number(1, prev(Airport) != Airport)`);
    assert.deepEqual(r.rows, [
      ['SEA', 'BA', 2, 1],
      ['SEA', 'LH', 1, 2],
      ['SEA', 'LY', 0, 3],
      ['TLV', 'LY', 100, 1],
      ['TLV', 'LH', 1, 2],
    ]);
  });

  test('prev and next: offset and default value; null before the first and after the last row', () => {
    const r = run(`${airports} | project p = prev(Departures), p2 = prev(Departures, 2, -1), n = next(Airline), n2 = next(Airline, 2, 'none')`);
    assert.deepEqual(r.rows, [
      [null, -1, 'LH', 'LY'],
      [2, -1, 'LY', 'LY'],
      [1, 2, 'LY', 'LH'],
      [0, 1, 'LH', 'none'],
      [100, 0, '', 'none'],
    ]);
  });

  test('row_cumsum restarts where its predicate is true', () => {
    const r = run(`${airports} | project c = row_cumsum(Departures), r = row_cumsum(Departures, Airline == 'LH')`);
    assert.deepEqual(r.rows, [[2, 2], [3, 1], [3, 1], [103, 101], [104, 1]]);
  });

  test('a where over prev() sees the input order', () => {
    const r = run(`range x from 1 to 6 step 1 | extend y = x * x | serialize | where y - prev(y) > 6 | project x`);
    // differences 3, 5, 7, 9, 11 from x = 2 on: kept where > 6
    assert.deepEqual(r.rows, [[4], [5], [6]]);
  });
});

describe('partition', () => {
  test('the subquery runs once per key value; results are put together', () => {
    const r = run(`datatable (Airport:string, Airline:string, Departures:long)
      ["TLV", "LH", 1, "TLV", "LY", 100, "SEA", "LH", 1, "SEA", "BA", 2, "SEA", "LY", 0]
      | partition by Airport (top 1 by Departures) | sort by Airport asc`);
    assert.deepEqual(r.rows, [['SEA', 'BA', 2], ['TLV', 'LY', 100]]);
  });
});

describe('top-nested', () => {
  const T = `datatable(State:string, EventType:string, Damage:long)
    ["TX","Hail",5, "TX","Hail",7, "TX","Flood",20, "KS","Hail",1, "KS","Wind",3, "OK","Wind",2, "OK","Ice",31]`;

  test('two levels: the top states by sum, then the top event type inside each; aggregated_<value> names', () => {
    const r = run(`${T} | top-nested 2 of State by sum(Damage), top-nested 1 of EventType by Total = sum(Damage)`);
    assert.deepEqual(r.columns.map((c) => c.name), ['State', 'aggregated_State', 'EventType', 'Total']);
    // OK 33 and TX 32 (KS 4 is left out); inside TX, Flood 20 beats Hail 12
    assert.deepEqual(r.rows, [['OK', 33, 'Ice', 31], ['TX', 32, 'Flood', 20]]);
  });

  test('asc ranks from the smallest; with others adds one row aggregated over the groups left out', () => {
    const r = run(`${T} | top-nested 1 of State with others = 'rest' by dcount(EventType) asc`);
    // KS, OK have 2 event types each, TX 2 as well: ties keep first appearance (TX); the rest is KS + OK with 3 types
    assert.deepEqual(r.rows, [['TX', 2], ['rest', 3]]);
  });
});

describe('make-series … in range(start, stop, step)', () => {
  test('bins start at bin(start) and the stop is inclusive (docs: the alternate syntax)', () => {
    const r = run(`datatable(t:datetime, v:real)[datetime(2017-01-01), 4, datetime(2017-01-02), 3, datetime(2017-01-03), 4, datetime(2017-01-03T03:00), 6, datetime(2017-01-05), 8]
      | make-series avg(v) on t in range(datetime(2017-01-01 12:00), datetime(2017-01-05 06:00), 1d)`);
    const days = [1, 2, 3, 4, 5].map((d) => `2017-01-0${d}T00:00:00Z`);
    assert.deepEqual(r.rows, [[[4, 3, 5, 0, 8], days]]);
    assert.equal(Date.parse(days[4]!) - Date.parse(days[0]!), (4 * DAY) / 1000);
  });
});

describe('series functions and extend of several columns', () => {
  test('series_fit_line on the docs example: rsquare 0.982, slope 2.730, variance 98.628, rvariance 1.686, interception -1.666', () => {
    const r = run(`print y = dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])
      | extend (RSquare, Slope, Variance, RVariance, Interception, LineFit) = series_fit_line(y) | project-away y`);
    assert.deepEqual(r.columns.map((c) => `${c.name}:${c.type}`), ['RSquare:real', 'Slope:real', 'Variance:real', 'RVariance:real', 'Interception:real', 'LineFit:dynamic']);
    const [rsquare, slope, variance, rvariance, interception, fit] = r.rows[0] as [number, number, number, number, number, number[]];
    assert.equal(rsquare.toFixed(3), '0.983');
    assert.equal(slope.toFixed(3), '2.731');
    assert.equal(variance.toFixed(3), '98.629');
    assert.equal(rvariance.toFixed(3), '1.686');
    assert.equal(interception.toFixed(3), '-1.667');
    assert.deepEqual(fit.slice(0, 3).map((v) => v.toFixed(3)), ['1.064', '3.795', '6.526']);
  });

  test('series_fit_2lines finds the bend of two straight segments exactly', () => {
    // 1, 2, 3, 4 then 10, 8, 6, 4: the right part starts at index 4
    const r = run(`print y = dynamic([1, 2, 3, 4, 10, 8, 6, 4]) | extend (rs, si, v, rv, fit) = series_fit_2lines(y) | project rs, si, rv, fit, series_fit_2lines_y_right_slope, series_fit_2lines_y_left_slope`);
    assert.deepEqual(r.rows, [[1, 4, 0, [1, 2, 3, 4, 10, 8, 6, 4], -2, 1]]);
  });

  test('series_decompose_anomalies without seasonality or trend flags the spike; unnamed outputs get the binder names', () => {
    const r = run(`print y = dynamic([1, 1, 1, 1, 9, 1, 1, 1, 1, 1]) | extend (flag, score) = series_decompose_anomalies(y, 1.5, 0, 'none') | project flag, score, series_decompose_anomalies_y_baseline`);
    // residuals are y itself; p10 = 1 and p90 = 1 + 0.1 * (9 - 1) = 1.8 (linear interpolation), so 9 scores (9 - 1.8) / 0.8 = 9
    const [flag, score, baseline] = r.rows[0] as [number[], number[], number[]];
    assert.deepEqual(flag, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    assert.equal(score[4]!.toFixed(6), '9.000000');
    assert.deepEqual(baseline, new Array(10).fill(0));
  });

  test('series_decompose with an explicit period: the seasonal part is the median of each phase', () => {
    const r = run(`print y = dynamic([1, 5, 1, 5, 1, 5, 1, 9]) | extend (baseline, seasonal, trend, residual) = series_decompose(y, 2, 'none') | project seasonal, residual`);
    assert.deepEqual(r.rows, [[[1, 5, 1, 5, 1, 5, 1, 5], [0, 0, 0, 0, 0, 0, 0, 4]]]);
  });
});
