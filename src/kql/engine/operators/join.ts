/**
 * `join` (all nine kinds) and `lookup` as a hash join on the key columns. The default kind,
 * innerunique, first keeps one left row per key value (the first), then joins like inner.
 * Rows whose key has a null number never match (an empty string is a value and does match).
 */
import type { Table } from '../column.js';
import { compileScalar, type RowFn } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import type { KqlValue } from '../values.js';
import type { ScalarExpr, TabularPlan } from '../../plan/types.js';
import { gatherColumn } from './gather.js';

type JoinPlan = Extract<TabularPlan, { op: 'join' }>;

/** Runs a join of the evaluated left and right inputs. */
export function runJoin(plan: JoinPlan, left: Table, right: Table, env: ExecEnv): Table {
  const operator = plan.operator;
  const leftKey = keyReader(plan.leftKeys, left, env);
  const rightKey = keyReader(plan.rightKeys, right, env);
  const li: number[] = [];
  const ri: number[] = [];
  const emit = (l: number, r: number): void => {
    li.push(l);
    ri.push(r);
    if ((li.length & 0xffff) === 0) {
      env.checkRows(operator, li.length);
      env.checkTime(operator);
    }
  };
  const kind = plan.kind;
  if (kind === 'rightsemi' || kind === 'rightanti') {
    const leftKeys = new Set<unknown>();
    for (let i = 0; i < left.length; i++) {
      const k = leftKey(i);
      if (k !== undefined) leftKeys.add(k);
    }
    for (let r = 0; r < right.length; r++) {
      const k = rightKey(r);
      if ((k !== undefined && leftKeys.has(k)) === (kind === 'rightsemi')) emit(-1, r);
    }
  } else {
    const index = new Map<unknown, number[]>();
    for (let r = 0; r < right.length; r++) {
      const k = rightKey(r);
      if (k === undefined) continue;
      const rows = index.get(k);
      if (rows) rows.push(r);
      else index.set(k, [r]);
    }
    const matchedRight = kind === 'rightouter' || kind === 'fullouter' ? new Uint8Array(right.length) : null;
    const seenLeftKeys = kind === 'innerunique' ? new Set<unknown>() : null;
    for (let l = 0; l < left.length; l++) {
      const k = leftKey(l);
      if (seenLeftKeys && k !== undefined) {
        if (seenLeftKeys.has(k)) continue;
        seenLeftKeys.add(k);
      }
      const matches = k === undefined ? undefined : index.get(k);
      switch (kind) {
        case 'leftsemi':
          if (matches) emit(l, -1);
          break;
        case 'leftanti':
          if (!matches) emit(l, -1);
          break;
        case 'leftouter':
        case 'fullouter':
          if (!matches) emit(l, -1);
          else for (const r of matches) emit(l, r);
          if (matchedRight && matches) for (const r of matches) matchedRight[r] = 1;
          break;
        default:
          // inner, innerunique, rightouter
          if (matches) for (const r of matches) emit(l, r);
          if (matchedRight && matches) for (const r of matches) matchedRight[r] = 1;
      }
    }
    if (matchedRight) for (let r = 0; r < right.length; r++) if (!matchedRight[r]) emit(-1, r);
  }
  env.checkRows(operator, li.length);
  const leftIdx = Int32Array.from(li);
  const rightIdx = Int32Array.from(ri);
  const columns: Table['columns'] = [];
  let j = 0;
  for (const c of plan.leftOutput) columns.push({ name: plan.columns[j++]!.name, column: gatherColumn(left.columns[c]!.column, leftIdx) });
  for (const c of plan.rightOutput) columns.push({ name: plan.columns[j++]!.name, column: gatherColumn(right.columns[c]!.column, rightIdx) });
  return { name: left.name, length: leftIdx.length, columns };
}

/** Hashable key of a row's key values; undefined when a key is a null number (never matches). */
function keyReader(keys: ScalarExpr[], table: Table, env: ExecEnv): (i: number) => unknown {
  const fns: RowFn[] = keys.map((k) => compileScalar(k, table, env));
  const strings = keys.map((k) => k.type === 'string');
  if (fns.length === 1) {
    const f = fns[0]!;
    const isString = strings[0]!;
    return (i) => normalizeKey(f(i), isString);
  }
  return (i) => {
    let s = '';
    for (let j = 0; j < fns.length; j++) {
      const k = normalizeKey(fns[j]!(i), strings[j]!);
      if (k === undefined) return undefined;
      s += (typeof k === 'number' ? 'n' : 's') + String(k) + '\u0001';
    }
    return s;
  };
}

/** KQL strings are never null: a missing string key is the empty string. */
function normalizeKey(v: KqlValue, isString: boolean): unknown {
  if (v === null) return isString ? '' : undefined;
  if (typeof v === 'object') return '\u0000' + JSON.stringify(v);
  return v;
}
