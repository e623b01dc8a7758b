/**
 * `join` (all nine kinds) and `lookup` as a hash join on the key columns. The default kind,
 * innerunique, first keeps one left row per key value (the first), then joins like inner.
 * Rows whose key has a null number never match (an empty string is a value and does match).
 */
import type { Table } from '../column.js';
import type { ExecEnv } from '../compile/exec-env.js';
import type { TabularPlan } from '../../plan/types.js';
import { gatherColumn } from './gather.js';
import { buildJoinIndex } from './join-index.js';
import { joinKeyReaders, type KeyReader } from './join-keys.js';

type JoinPlan = Extract<TabularPlan, { op: 'join' }>;
type Keys = { left: KeyReader; right: KeyReader; space: number | null };

/** Runs a join of the evaluated left and right inputs; with `needed`, outputs only the columns so named. */
export function runJoin(plan: JoinPlan, left: Table, right: Table, env: ExecEnv, needed: Set<string> | null = null): Table {
  const keys = joinKeyReaders(plan.leftKeys, left, plan.rightKeys, right, env);
  const [leftIdx, rightIdx] = plan.kind === 'rightsemi' || plan.kind === 'rightanti' ? rightSemiPairs(plan, left, right, keys) : hashPairs(plan, left, right, keys, env);
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

/** rightsemi / rightanti: the right rows whose key some left row has (or has not); left index -1. */
function rightSemiPairs(plan: JoinPlan, left: Table, right: Table, keys: Keys): [Int32Array, Int32Array] {
  const leftKeys = new Set<unknown>();
  for (let i = 0; i < left.length; i++) {
    const k = keys.left(i);
    if (k !== undefined) leftKeys.add(k);
  }
  const semi = plan.kind === 'rightsemi';
  const ri = new Int32Array(right.length);
  let count = 0;
  for (let r = 0; r < right.length; r++) {
    const k = keys.right(r);
    if ((k !== undefined && leftKeys.has(k)) === semi) ri[count++] = r;
  }
  return [new Int32Array(count).fill(-1), ri.subarray(0, count)];
}

/**
 * The other kinds: probe every left row's bucket, count the output exactly, then write the pairs
 * (left row order, right rows ascending within a key; unmatched right rows last for right/full outer).
 */
function hashPairs(plan: JoinPlan, left: Table, right: Table, keys: Keys, env: ExecEnv): [Int32Array, Int32Array] {
  const { kind, operator } = plan;
  const index = buildJoinIndex(keys.right, right.length, keys.space);
  const { start, rows } = index;
  const n = left.length;
  const bucketOfLeft = new Int32Array(n);
  // innerunique keeps the first left row per key; a key with no bucket gives no output anyway
  const seen = kind === 'innerunique' ? new Uint8Array(index.buckets) : null;
  const outer = kind === 'leftouter' || kind === 'fullouter';
  let total = 0;
  for (let l = 0; l < n; l++) {
    let b = index.find(keys.left(l));
    if (seen && b >= 0) {
      if (seen[b]) b = -1;
      else seen[b] = 1;
    }
    bucketOfLeft[l] = b;
    if (kind === 'leftsemi') total += b >= 0 ? 1 : 0;
    else if (kind === 'leftanti') total += b < 0 ? 1 : 0;
    else total += b >= 0 ? start[b + 1]! - start[b]! : outer ? 1 : 0;
  }
  let matched: Uint8Array | null = null;
  if (kind === 'rightouter' || kind === 'fullouter') {
    matched = new Uint8Array(index.buckets);
    for (let l = 0; l < n; l++) if (bucketOfLeft[l]! >= 0) matched[bucketOfLeft[l]!] = 1;
    for (let r = 0; r < right.length; r++) if (index.bucketOf[r]! < 0 || !matched[index.bucketOf[r]!]) total++;
  }
  env.checkRows(operator, total);
  env.checkTime(operator);
  const li = new Int32Array(total);
  const ri = new Int32Array(total);
  let o = 0;
  if (kind === 'leftsemi' || kind === 'leftanti') {
    const semi = kind === 'leftsemi';
    for (let l = 0; l < n; l++) if (bucketOfLeft[l]! >= 0 === semi) li[o++] = l;
    ri.fill(-1);
    return [li, ri];
  }
  for (let l = 0; l < n; l++) {
    if ((l & 0xffff) === 0xffff) env.checkTime(operator);
    const b = bucketOfLeft[l]!;
    if (b >= 0) {
      for (let p = start[b]!, end = start[b + 1]!; p < end; p++) {
        li[o] = l;
        ri[o++] = rows[p]!;
      }
    } else if (outer) {
      li[o] = l;
      ri[o++] = -1;
    }
  }
  if (matched) {
    for (let r = 0; r < right.length; r++) {
      if (index.bucketOf[r]! < 0 || !matched[index.bucketOf[r]!]) {
        li[o] = -1;
        ri[o++] = r;
      }
    }
  }
  return [li, ri];
}
