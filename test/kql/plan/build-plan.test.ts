import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuery } from '../../../src/kql/frontend/analyze.js';
import { buildPlan } from '../../../src/kql/plan/build-plan.js';
import { UnsupportedFeatureError } from '../../../src/kql/plan/types.js';
import type { TableSchema } from '../../../src/kql/schema/table-schema.js';

const T: TableSchema = {
  name: 'T',
  columns: [
    { name: 'a', type: 'long' },
    { name: 'b', type: 'string' },
    { name: 'ts', type: 'datetime' },
    { name: 'd', type: 'dynamic' },
  ],
};

function plan(query: string) {
  const analyzed = analyzeQuery(query, { tables: [T] });
  assert.deepEqual(analyzed.diagnostics.filter((d) => d.severity === 'error'), []);
  return buildPlan(analyzed.code);
}

describe('analyzeQuery diagnostics', () => {
  test('an unknown column is reported with its line and column', () => {
    const { diagnostics } = analyzeQuery('T\n| where nope == 1', { tables: [T] });
    const err = diagnostics.find((d) => d.severity === 'error')!;
    assert.equal(err.phase, 'semantic');
    assert.deepEqual([err.line, err.column, err.endColumn], [2, 9, 13]);
  });

  test('a syntax error is a syntax diagnostic', () => {
    const { diagnostics } = analyzeQuery('T | where (', { tables: [T] });
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.phase === 'syntax'));
  });
});

describe('buildPlan', () => {
  test('result columns and names come from the binding (extend naming, dynamic access, Column1)', () => {
    const p = plan('T | extend tostring(a), strlen(b), d.x, 1 + 2');
    assert.deepEqual(
      p.result.columns.map((c) => `${c.name}:${c.type}`),
      ['a:string', 'b:string', 'ts:datetime', 'd:dynamic', 'strlen_b:long', 'd_x:dynamic', 'Column1:long'],
    );
  });

  test('let-bound scalars are inlined and tabular lets shared', () => {
    const p = plan('let n = 5; let S = T | where a > n; S | union S');
    assert.equal(p.result.op, 'union');
    if (p.result.op !== 'union') return;
    assert.equal(p.result.inputs[0], p.result.inputs[1], 'both legs are the same shared node');
    assert.equal(p.result.inputs[0]!.op, 'shared');
  });

  test('render is kept as metadata', () => {
    assert.match(plan('T | summarize count() by b | render barchart').render ?? '', /render barchart/);
  });

  test('an unsupported operator is a typed error naming it, with its position', () => {
    const analyzed = analyzeQuery('T\n| sample 5', { tables: [T] });
    assert.throws(
      () => buildPlan(analyzed.code),
      (err: unknown) => err instanceof UnsupportedFeatureError && err.feature === 'operator sample' && err.pos.line === 2 && err.pos.column === 3,
    );
  });
});
