/**
 * `make-series`: per group of the `by` values, one array per aggregate with a value per bin
 * of the axis (bins of `step` from `from`, up to `to` exclusive; without them, from the smallest
 * to the largest axis value), empty bins holding the default; the axis column is the array of
 * bin starts (datetimes inside dynamic are ISO strings).
 */
import type { Table } from '../column.js';
import { aggregateFunctions, type Accumulator } from '../aggregates/registry.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { formatDatetime } from '../../io/format-value.js';
import { buildColumn } from '../table-builder.js';
import type { KqlType, KqlValue } from '../values.js';
import { scalarFunctions } from '../functions/registry.js';
import type { TabularPlan } from '../../plan/types.js';
import { singleRow } from './datatable.js';
import { assignGroups } from './summarize.js';

type MakeSeriesPlan = Extract<TabularPlan, { op: 'makeSeries' }>;

/** bin(v, step) as the scalar function computes it for the axis type. */
function binFloor(v: number, step: number, type: KqlType): number {
  const bin = scalarFunctions.get('bin')!;
  return bin.call([v, step], { now: 0, argTypes: [type, type === 'datetime' ? 'timespan' : type] }) as number;
}

/** Runs make-series. */
export function runMakeSeries(plan: MakeSeriesPlan, input: Table, env: ExecEnv): Table {
  const constant = (e: MakeSeriesPlan['step'] | null): KqlValue => (e ? compileScalar(e, singleRow(), env)(0) : null);
  const step = constant(plan.step);
  if (typeof step !== 'number' || step <= 0) throw new Error('make-series: step must be a positive number or timespan');
  const axis = compileScalar(plan.axis, input, env);
  const axisValues = new Float64Array(input.length);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < input.length; i++) {
    const v = axis(i);
    axisValues[i] = typeof v === 'number' ? v : Number.NaN;
    if (typeof v === 'number') {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const fromValue = constant(plan.from);
  const toValue = constant(plan.to);
  let start = typeof fromValue === 'number' ? fromValue : min;
  let bins = typeof toValue === 'number' ? Math.max(0, Math.ceil((toValue - start) / step)) : max >= start ? Math.floor((max - start) / step) + 1 : 0;
  if (plan.inRange && typeof fromValue === 'number' && typeof toValue === 'number') {
    // docs: the alternate syntax bins with bin(), not bin_at(start), and its stop is inclusive
    const binOf = (v: number): number => binFloor(v, step, plan.axis.type);
    start = binOf(fromValue);
    bins = toValue >= start ? Math.floor((binOf(toValue) - start) / step) + 1 : 0;
  }
  env.checkRows('make-series', bins);
  const { groupOf, keys } = assignGroups(plan.by, input, env);
  const groups = input.length === 0 && plan.by.length > 0 ? 0 : keys.length;
  const series = plan.aggregates.map((a) => {
    const fn = aggregateFunctions.get(a.call.fn);
    if (!fn) throw new Error(`unknown aggregate ${a.call.fn}`);
    const args = a.call.args.map((e) => compileScalar(e, input, env));
    const cells = new Map<number, Accumulator>();
    for (let i = 0; i < input.length; i++) {
      const b = Math.floor((axisValues[i]! - start) / step);
      if (!(b >= 0 && b < bins)) continue;
      const cell = groupOf[i]! * bins + b;
      let acc = cells.get(cell);
      if (!acc) cells.set(cell, (acc = fn.create({ constants: a.call.constants })));
      acc.add(args.map((f) => f(i)));
    }
    return Array.from({ length: groups }, (_, g) =>
      Array.from({ length: bins }, (_, b) => {
        const acc = cells.get(g * bins + b);
        const v = acc ? acc.result() : null;
        return (v ?? a.defaultValue) as KqlValue;
      }),
    );
  });
  const isTime = plan.axis.type === 'datetime';
  const axisArray = Array.from({ length: bins }, (_, b) => (isTime ? formatDatetime(start + b * step) : start + b * step));
  const columns = plan.columns.map((def, j) => {
    let valueAt: (g: number) => KqlValue;
    if (j < plan.by.length) valueAt = (g) => keys[g]![j]!;
    else if (j < plan.by.length + series.length) valueAt = (g) => series[j - plan.by.length]![g]! as KqlValue;
    else valueAt = () => axisArray as KqlValue;
    return { name: def.name, column: buildColumn(def.type, groups, valueAt) };
  });
  return { name: input.name, length: groups, columns };
}
