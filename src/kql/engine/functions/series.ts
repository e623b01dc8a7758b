/**
 * Series analysis functions over dynamic numeric arrays, as the Kusto docs describe them:
 * `series_fit_line`, `series_fit_2lines`, `series_outliers`, `series_decompose`,
 * `series_decompose_anomalies` and `series_decompose_forecast`. A function returning several
 * columns returns them as one array, which the plan spreads into the binder's columns.
 *
 * Where the docs leave a detail open, the choice is stated at the function: the x axis of a
 * line fit is 1…n (the docs' series_fit_line example: interception -1.666, first fitted
 * value 1.064), variances divide by n - 1 (that example: 98.628 and 1.686), percentiles
 * interpolate linearly, and seasonality autodetection (-1) takes the lag with the highest
 * autocorrelation when it reaches the seasonality threshold (Kusto's series_periods_detect
 * is not documented in enough detail to copy; this is our approximation of it).
 */
import type { KqlValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';
import { numberArg } from './text.js';

/** The numbers of a dynamic array; non-numbers (null, strings) are NaN. Null when not an array. */
function seriesArg(args: KqlValue[], i: number): number[] | null {
  const v = args[i];
  if (!Array.isArray(v)) return null;
  return v.map((x) => (typeof x === 'number' ? x : Number.NaN));
}

function stringOr(args: KqlValue[], i: number, fallback: string): string {
  const v = args[i];
  return typeof v === 'string' && v !== '' ? v.toLowerCase() : fallback;
}

/** NaN (no value) becomes null in the result arrays. */
const out = (xs: number[]): KqlValue => xs.map((x) => (Number.isFinite(x) ? x : null));

interface LineFit {
  rsquare: number;
  slope: number;
  interception: number;
  variance: number;
  rvariance: number;
  /** Sum of squared residuals and total sum of squares, for the two-line r-square. */
  ssRes: number;
  ssTot: number;
}

/** Least-squares line over points (x[i], y[i]) with finite y. */
function fitLine(xs: number[], ys: number[]): LineFit {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < ys.length; i++) {
    if (!Number.isFinite(ys[i]!)) continue;
    n++;
    sx += xs[i]!;
    sy += ys[i]!;
  }
  const mx = n ? sx / n : 0;
  const my = n ? sy / n : 0;
  let sxx = 0;
  let sxy = 0;
  let ssTot = 0;
  for (let i = 0; i < ys.length; i++) {
    if (!Number.isFinite(ys[i]!)) continue;
    const dx = xs[i]! - mx;
    sxx += dx * dx;
    sxy += dx * (ys[i]! - my);
    ssTot += (ys[i]! - my) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const interception = my - slope * mx;
  let ssRes = 0;
  for (let i = 0; i < ys.length; i++) if (Number.isFinite(ys[i]!)) ssRes += (ys[i]! - (slope * xs[i]! + interception)) ** 2;
  const dof = Math.max(1, n - 1);
  return { rsquare: ssTot > 0 ? 1 - ssRes / ssTot : 1, slope, interception, variance: ssTot / dof, rvariance: ssRes / dof, ssRes, ssTot };
}

const oneToN = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => i + from);

/** series_fit_line(y): [rsquare, slope, variance, rvariance, interception, line_fit] (the binder's column order). */
function seriesFitLine(args: KqlValue[]): KqlValue {
  const y = seriesArg(args, 0);
  if (!y) return null;
  const x = oneToN(y.length);
  const f = fitLine(x, y);
  return [f.rsquare, f.slope, f.variance, f.rvariance, f.interception, out(x.map((xi) => f.slope * xi + f.interception))];
}

/**
 * series_fit_2lines(y): every split into a left part [0, k) and a right part [k, n), each of
 * at least two points and fitted on the common axis 1…n; the split with the best total
 * r-square wins. `split_idx` is k, the first index of the right part (the docs do not fix the
 * convention). Output order as the binder lists it: rsquare, split_idx, variance, rvariance,
 * line_fit, then right_* and left_* (rsquare, slope, interception, variance, rvariance).
 */
function seriesFit2Lines(args: KqlValue[]): KqlValue {
  const y = seriesArg(args, 0);
  if (!y) return null;
  const n = y.length;
  const x = oneToN(n);
  const whole = fitLine(x, y);
  let best: { k: number; left: LineFit; right: LineFit; r2: number } | null = null;
  for (let k = 2; k <= n - 2; k++) {
    const left = fitLine(x.slice(0, k), y.slice(0, k));
    const right = fitLine(x.slice(k), y.slice(k));
    const r2 = whole.ssTot > 0 ? 1 - (left.ssRes + right.ssRes) / whole.ssTot : 1;
    if (!best || r2 > best.r2) best = { k, left, right, r2 };
  }
  if (!best) {
    // fewer than four points: one line on both sides
    best = { k: 0, left: whole, right: whole, r2: whole.rsquare };
  }
  const { k, left, right } = best;
  const lineFit = x.map((xi, i) => (i < k ? left.slope * xi + left.interception : right.slope * xi + right.interception));
  let ssRes = 0;
  let m = 0;
  y.forEach((yi, i) => {
    if (Number.isFinite(yi)) {
      ssRes += (yi - lineFit[i]!) ** 2;
      m++;
    }
  });
  const side = (f: LineFit): number[] => [f.rsquare, f.slope, f.interception, f.variance, f.rvariance];
  return [best.r2, k, whole.variance, ssRes / Math.max(1, m - 1), out(lineFit), ...side(right), ...side(left)];
}

/** Percentile p (0–100) of the finite values, linearly interpolated between closest ranks. */
function percentile(values: number[], p: number): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return Number.NaN;
  const rank = (p / 100) * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return v[lo]! + (v[hi]! - v[lo]!) * (rank - lo);
}

/**
 * Tukey's fence score (docs: above 1.5 is a rise anomaly, below -1.5 a decline): how many
 * inter-percentile ranges a value lies above the high percentile or below the low one, 0
 * between them and for missing values. `learn` is the part of the series the percentiles
 * come from. A zero range scores the distance itself.
 */
function outlierScores(series: number[], kind: string, low: number, high: number, learn = series.length): number[] {
  const [pLow, pHigh] = kind === 'tukey' ? [25, 75] : [low, high];
  const base = series.slice(0, learn);
  const qLow = percentile(base, pLow);
  const qHigh = percentile(base, pHigh);
  const range = qHigh - qLow > 0 ? qHigh - qLow : 1;
  return series.map((x) => (!Number.isFinite(x) ? 0 : x > qHigh ? (x - qHigh) / range : x < qLow ? (x - qLow) / range : 0));
}

/** series_outliers(series, [kind = 'ctukey', ignore_val, min_percentile = 10, max_percentile = 90]). */
function seriesOutliers(args: KqlValue[]): KqlValue {
  const y = seriesArg(args, 0);
  if (!y) return null;
  const ignore = numberArg(args, 2);
  const values = ignore === null ? y : y.map((v) => (v === ignore ? Number.NaN : v));
  return outlierScores(values, stringOr(args, 1, 'ctukey'), numberArg(args, 3) ?? 10, numberArg(args, 4) ?? 90);
}

/** The period (in bins) with the highest autocorrelation at or above `threshold`; 0 when none. */
function detectPeriod(series: number[], threshold: number): number {
  const v = series.filter(Number.isFinite);
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / (n || 1);
  const denom = v.reduce((a, b) => a + (b - mean) ** 2, 0);
  if (n < 4 || denom === 0) return 0;
  let best = 0;
  let bestScore = threshold;
  for (let lag = 2; lag <= Math.floor(n / 2); lag++) {
    let num = 0;
    for (let i = lag; i < n; i++) num += (v[i]! - mean) * (v[i - lag]! - mean);
    const score = num / denom;
    if (score >= bestScore) {
      best = lag;
      bestScore = score;
    }
  }
  return best;
}

interface Decomposition {
  baseline: number[];
  seasonal: number[];
  trend: number[];
  residual: number[];
  /** How many leading points were learned from (the rest are test or forecast points). */
  learn: number;
}

/**
 * series_decompose's steps in the docs' order: seasonal (median of the learning points of
 * the same phase), deseasonalized series, trend over it (`avg`: its mean; `linefit`: a line
 * extrapolated over the whole series; `none`: 0), baseline = seasonal + trend, residual =
 * x - baseline. The last `testPoints` points are left out of the learning.
 */
function decompose(y: number[], seasonality: number, trendKind: string, testPoints: number, threshold: number): Decomposition {
  const n = y.length;
  const learn = Math.max(0, n - Math.max(0, Math.floor(testPoints)));
  const learning = y.slice(0, learn);
  const period = seasonality < 0 ? detectPeriod(learning, threshold) : Math.floor(seasonality);
  let seasonal = new Array<number>(n).fill(0);
  if (period > 0) {
    const medians = Array.from({ length: period }, (_, phase) => percentile(learning.filter((_, i) => i % period === phase), 50));
    seasonal = y.map((_, i) => (Number.isFinite(medians[i % period]!) ? medians[i % period]! : 0));
  }
  const deseasonal = learning.map((v, i) => v - seasonal[i]!);
  let trend: number[];
  if (trendKind === 'none') trend = new Array<number>(n).fill(0);
  else if (trendKind === 'linefit') {
    const f = fitLine(oneToN(learn), deseasonal);
    trend = oneToN(n).map((x) => f.slope * x + f.interception);
  } else {
    const finite = deseasonal.filter(Number.isFinite);
    const mean = finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : 0;
    trend = new Array<number>(n).fill(mean);
  }
  const baseline = seasonal.map((s, i) => s + trend[i]!);
  return { baseline, seasonal, trend, residual: y.map((v, i) => v - baseline[i]!), learn };
}

/** series_decompose(series, [seasonality = -1, trend = 'avg', test_points = 0, seasonality_threshold = 0.6]): [baseline, seasonal, trend, residual]. */
function seriesDecompose(args: KqlValue[]): KqlValue {
  const y = seriesArg(args, 0);
  if (!y) return null;
  const d = decompose(y, numberArg(args, 1) ?? -1, stringOr(args, 2, 'avg'), numberArg(args, 3) ?? 0, numberArg(args, 4) ?? 0.6);
  return [out(d.baseline), out(d.seasonal), out(d.trend), out(d.residual)];
}

/**
 * series_decompose_anomalies(series, [threshold = 1.5, seasonality = -1, trend = 'avg',
 * test_points = 0, ad_method = 'ctukey', seasonality_threshold = 0.6]): decompose, score the
 * residuals with series_outliers' method, flag +1/-1/0 where the score passes ±threshold.
 * Returns [ad_flag, ad_score, baseline].
 */
function seriesDecomposeAnomalies(args: KqlValue[]): KqlValue {
  const y = seriesArg(args, 0);
  if (!y) return null;
  const threshold = numberArg(args, 1) ?? 1.5;
  const d = decompose(y, numberArg(args, 2) ?? -1, stringOr(args, 3, 'avg'), numberArg(args, 4) ?? 0, numberArg(args, 6) ?? 0.6);
  const scores = outlierScores(d.residual, stringOr(args, 5, 'ctukey'), 10, 90, d.learn);
  const flags = scores.map((s) => (s > threshold ? 1 : s < -threshold ? -1 : 0));
  return [flags, out(scores), out(d.baseline)];
}

/**
 * series_decompose_forecast(series, points, [seasonality = -1, trend = 'linefit',
 * seasonality_threshold = 0.6]): the last `points` points are forecast (left out of the
 * learning, the seasonal pattern repeated and the trend extrapolated over them).
 * Returns [baseline, seasonal, trend, residual] as the binder lists them.
 */
function seriesDecomposeForecast(args: KqlValue[]): KqlValue {
  const y = seriesArg(args, 0);
  if (!y) return null;
  const d = decompose(y, numberArg(args, 2) ?? -1, stringOr(args, 3, 'linefit'), numberArg(args, 1) ?? 0, numberArg(args, 4) ?? 0.6);
  return [out(d.baseline), out(d.seasonal), out(d.trend), out(d.residual)];
}

export const seriesFunctions: ScalarFunction[] = [
  ...defineFunction('series_fit_line', seriesFitLine),
  ...defineFunction('series_fit_2lines', seriesFit2Lines),
  ...defineFunction('series_outliers', seriesOutliers),
  ...defineFunction('series_decompose', seriesDecompose),
  ...defineFunction('series_decompose_anomalies', seriesDecomposeAnomalies),
  ...defineFunction('series_decompose_forecast', seriesDecomposeForecast),
];
