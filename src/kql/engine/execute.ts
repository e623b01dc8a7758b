/**
 * Runs a QueryPlan over loaded tables: evaluates plan nodes bottom-up (each operator takes and
 * returns a columnar Table), shares the result of `let`/`materialize` nodes, and enforces the
 * limits (time, rows materialized, memory), each stopping the query with the operator's name.
 */
import { getHeapStatistics } from 'node:v8';
import type { Column, Table } from './column.js';
import { columnValue } from './column.js';
import { QueryLimitError, type ExecEnv } from './compile/exec-env.js';
import { convertTo } from './functions/conversion.js';
import { buildColumn } from './table-builder.js';
import { runDatatable, runRange, singleRow } from './operators/datatable.js';
import { runJoin } from './operators/join.js';
import { summarizeColumnNames } from './operators/join-columns.js';
import { runMakeSeries } from './operators/make-series.js';
import { runMvApply } from './operators/mv-apply.js';
import { runMvExpand } from './operators/mv-expand.js';
import { runParse } from './operators/parse.js';
import { runPartition } from './operators/partition.js';
import { runProject } from './operators/project.js';
import { runSort, runTop } from './operators/sort.js';
import { runSummarize } from './operators/summarize.js';
import { runTake } from './operators/take.js';
import { runTopNested } from './operators/top-nested.js';
import { runBagUnpack } from './operators/bag-unpack.js';
import { runPivot } from './operators/pivot.js';
import { runUnion } from './operators/union.js';
import { runWhere } from './operators/where.js';
import { storageKind } from './column.js';
import type { ColumnDef, TabularPlan } from '../plan/types.js';
import type { KqlType } from './values.js';

export interface ExecuteOptions {
  /** now() in microseconds since the epoch. */
  now: number;
  /** Stop after this many milliseconds (default 60 s). */
  timeoutMs?: number;
  /** Most rows any operator may materialize (default 50 million). */
  maxRows?: number;
  /** Most bytes of JS heap in use before the query is stopped (default 85 % of the heap limit). */
  maxHeapBytes?: number;
}

/** Evaluates a tabular plan; throws QueryLimitError when a limit is hit, Error naming a missing table. */
export function executePlan(plan: TabularPlan, tables: Map<string, Table>, options: ExecuteOptions): Table {
  const deadline = performance.now() + (options.timeoutMs ?? 60_000);
  const maxRows = options.maxRows ?? 50_000_000;
  const maxHeap = options.maxHeapBytes ?? getHeapStatistics().heap_size_limit * 0.85;
  const shared = new Map<number, Table>();
  /** The current expanded row of each running mv-apply, by id. */
  const applyInputs = new Map<number, Table>();
  const env: ExecEnv = {
    now: options.now,
    evalContext: { now: options.now },
    memo: new Map(),
    run: (p) => evaluate(p),
    checkTime(operator) {
      if (performance.now() > deadline) {
        throw new QueryLimitError(operator, 'time', `query stopped in ${operator}: time limit of ${(options.timeoutMs ?? 60_000) / 1000} s reached`);
      }
      if (process.memoryUsage().heapUsed > maxHeap) {
        throw new QueryLimitError(operator, 'memory', `query stopped in ${operator}: memory limit of ${Math.round(maxHeap / 2 ** 20)} MB reached`);
      }
    },
    checkRows(operator, rows) {
      if (rows > maxRows) {
        throw new QueryLimitError(operator, 'rows', `query stopped in ${operator}: it would materialize more than ${maxRows} rows`);
      }
    },
  };

  function evaluate(p: TabularPlan): Table {
    env.checkTime(p.operator);
    switch (p.op) {
      case 'table':
        return conformTable(p.table, tables, p.columns);
      case 'shared': {
        let t = shared.get(p.id);
        if (!t) {
          t = evaluate(p.input);
          shared.set(p.id, t);
        }
        return t;
      }
      case 'where':
        return runWhere(p, evaluate(p.input), env);
      case 'project':
        return runProject(p, evaluate(p.input), env);
      case 'summarize':
        if (p.input.op === 'join') {
          const j = p.input;
          env.checkTime(j.operator);
          return runSummarize(p, runJoin(j, evaluate(j.left), evaluate(j.right), env, summarizeColumnNames(p)), env);
        }
        return runSummarize(p, evaluate(p.input), env);
      case 'sort':
        return runSort(p, evaluate(p.input), env);
      case 'take':
        return runTake(p, evaluate(p.input), env);
      case 'top':
        return runTop(p, evaluate(p.input), env);
      case 'join':
        return runJoin(p, evaluate(p.left), evaluate(p.right), env);
      case 'union':
        return runUnion(p, p.inputs.map((input, k) => (p.lenient[k] ? evaluateLenient(input) : evaluate(input))), env);
      case 'mvExpand':
        return runMvExpand(p, evaluate(p.input), env);
      case 'parse':
        return runParse(p, evaluate(p.input), env);
      case 'mvApply':
        return runMvApply(p, evaluate(p.input), env, subqueryRunner(p));
      case 'bagUnpack':
        return runBagUnpack(p, evaluate(p.input), env);
      case 'pivot':
        return runPivot(p, evaluate(p.input), env);
      case 'topNested':
        return runTopNested(p, evaluate(p.input), env);
      case 'partition':
        return runPartition(p, evaluate(p.input), env, subqueryRunner(p));
      case 'applyInput': {
        const rows = applyInputs.get(p.id);
        if (!rows) throw new Error(`${p.operator} subquery evaluated outside its operator`);
        return rows;
      }
      case 'makeSeries':
        return runMakeSeries(p, evaluate(p.input), env);
      case 'datatable':
        return runDatatable(p);
      case 'range':
        return runRange(p, env);
      case 'singleRow':
        return singleRow();
      case 'serialize':
        return evaluate(p.input);
    }
  }

  /** Runs a subquery (mv-apply's, partition's) with `rows` as the input its `applyInput` reads. */
  function subqueryRunner(p: { id: number; subquery: TabularPlan }): (rows: Table) => Table {
    return (rows) => {
      applyInputs.set(p.id, rows);
      return evaluate(p.subquery);
    };
  }

  /** A lenient union leg (isfuzzy=true, wildcard): a table with no data counts as empty. */
  function evaluateLenient(p: TabularPlan): Table {
    try {
      return evaluate(p);
    } catch (err) {
      if (err instanceof MissingTableError) return { name: p.operator, length: 0, columns: p.columns.map((c) => ({ name: c.name, column: nullColumn(c.type, 0) })) };
      throw err;
    }
  }

  return evaluate(plan);
}

/** A query reads a table that was not loaded. */
export class MissingTableError extends Error {
  constructor(readonly table: string) {
    super(`no data loaded for table ${table}`);
    this.name = 'MissingTableError';
  }
}

/** A loaded table shaped to the columns the binder saw: missing columns are null, other types converted. */
function conformTable(name: string, tables: Map<string, Table>, columns: ColumnDef[]): Table {
  const table = tables.get(name);
  if (!table) throw new MissingTableError(name);
  const byName = new Map(table.columns.map((c) => [c.name, c.column]));
  return {
    name,
    length: table.length,
    columns: columns.map((def) => {
      const col = byName.get(def.name);
      return { name: def.name, column: col ? conformColumn(col, def.type, table.length) : nullColumn(def.type, table.length) };
    }),
  };
}

function conformColumn(col: Column, type: KqlType, length: number): Column {
  if (col.type === type) return col;
  if (storageKind(col.type) === storageKind(type) && col.type !== 'datetime' && col.type !== 'timespan' && type !== 'datetime' && type !== 'timespan') {
    return col.kind === 'number' ? { ...col, type: type as typeof col.type } : col.kind === 'string' ? { ...col, type: type as typeof col.type } : col;
  }
  return buildColumn(type, length, (i) => convertTo(columnValue(col, i), type));
}

/** A column of nulls, made without a per-row loop. */
function nullColumn(type: KqlType, length: number): Column {
  switch (storageKind(type)) {
    case 'number':
    case 'bool': {
      const nulls = new Uint8Array((length + 7) >> 3).fill(0xff);
      return type === 'bool'
        ? { kind: 'bool', type: 'bool', length, values: new Uint8Array(length), nulls }
        : { kind: 'number', type: type as 'long', length, values: new Float64Array(length), nulls };
    }
    case 'string':
      return { kind: 'string', type: type as 'string', length, codes: new Int32Array(length).fill(-1), dictionary: [] };
    case 'dynamic':
      return { kind: 'dynamic', type: 'dynamic', length, values: new Array(length).fill(null) };
  }
}
