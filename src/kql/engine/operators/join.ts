/**
 * `join` (all nine kinds) and `lookup` as a hash join on the key columns. The default kind,
 * innerunique, first keeps one left row per key value (the first), then joins like inner.
 * Rows whose key has a null number never match (an empty string is a value and does match).
 */
import type { Table } from '../column.js';
import type { ExecEnv } from '../compile/exec-env.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherColumn } from './gather.js';
import { joinKeyReaders } from './join-keys.js';

type JoinPlan = Extract<TabularPlan, { op: 'join' }>;

/** Runs a join of the evaluated left and right inputs; with `needed`, outputs only the columns so named. */
export function runJoin(plan: JoinPlan, left: Table, right: Table, env: ExecEnv, needed: Set<string> | null = null): Table {
  const operator = plan.operator;
  const [leftKey, rightKey] = joinKeyReaders(plan.leftKeys, left, plan.rightKeys, right, env);
  // growable pair buffers: typed arrays, doubled when full
  let li = new Int32Array(1024);
  let ri = new Int32Array(1024);
  let count = 0;
  const emit = (l: number, r: number): void => {
    if (count === li.length) {
      env.checkRows(operator, count);
      env.checkTime(operator);
      const nl = new Int32Array(count * 2);
      nl.set(li);
      li = nl;
      const nr = new Int32Array(count * 2);
      nr.set(ri);
      ri = nr;
    }
    li[count] = l;
    ri[count++] = r;
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
  env.checkRows(operator, count);
  const leftIdx = li.subarray(0, count);
  const rightIdx = ri.subarray(0, count);
  const columns: Table['columns'] = [];
  let j = 0;
  const output = (side: Table, indexes: Int32Array) => (c: number): void => {
    const name = plan.columns[j++]!.name;
    if (!needed || needed.has(name)) columns.push({ name, column: gatherColumn(side.columns[c]!.column, indexes) });
  };
  plan.leftOutput.forEach(output(left, leftIdx));
  plan.rightOutput.forEach(output(right, rightIdx));
  return { name: left.name, length: leftIdx.length, columns };
}
