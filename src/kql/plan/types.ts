/**
 * Our query plan: a typed IR of tabular operators and scalar expressions, converted from
 * Kusto's bound syntax tree. Every node carries the result columns (or type) the binder
 * computed, so the engine never re-derives KQL's naming (`count_`, `min_Timestamp`,
 * `Column1`, `print_0`, join's `a1`). Nothing here refers to Kusto objects.
 */
import type { KqlType, KqlValue } from '../engine/values.js';

/** A result column: name and type. */
export interface ColumnDef {
  name: string;
  type: KqlType;
}

/** Where a node starts in the query text (1-based). */
export interface SourcePos {
  line: number;
  column: number;
}

// ---------------------------------------------------------------- scalar expressions

export type ScalarExpr =
  | { kind: 'literal'; type: KqlType; value: KqlValue }
  /** A column of the current input row. */
  | { kind: 'column'; type: KqlType; name: string }
  /** A registry function or operator by KQL name (`strcat`, `has_any`, `==`, `[]` …); `argTypes` are the bound types. */
  | { kind: 'call'; type: KqlType; name: string; args: ScalarExpr[]; argTypes: KqlType[]; pos: SourcePos }
  /** `and` / `or` with KQL's three-valued logic, evaluated left to right with short-circuit. */
  | { kind: 'logical'; type: 'bool'; op: 'and' | 'or'; args: ScalarExpr[] }
  /** `iff(c, a, b)` / `case(c1, v1, …, else)`: branches evaluated lazily. */
  | { kind: 'case'; type: KqlType; branches: { when: ScalarExpr; then: ScalarExpr }[]; otherwise: ScalarExpr }
  /** `toscalar(T)`: first column of the first row of a tabular plan, evaluated once per query. */
  | { kind: 'toscalar'; type: KqlType; plan: TabularPlan }
  /** `x in (T | project c)` and friends: the right side is the first column of a tabular plan. */
  | { kind: 'inTable'; type: 'bool'; op: 'in' | '!in' | 'in~' | '!in~'; value: ScalarExpr; plan: TabularPlan };

// ---------------------------------------------------------------- aggregates

/** One aggregate call of `summarize`; `outputs` are its result columns (several for arg_max, percentiles). */
export interface AggregateCall {
  /** Registry name (`count`, `make_set`, `arg_max` …). */
  fn: string;
  /** The per-row argument expressions, in KQL order. */
  args: ScalarExpr[];
  /** The literal trailing arguments (max size, percentiles …). */
  constants: KqlValue[];
  outputs: ColumnDef[];
  pos: SourcePos;
}

// ---------------------------------------------------------------- tabular plans

export interface SortKey {
  expr: ScalarExpr;
  descending: boolean;
  nullsFirst: boolean;
}

export type JoinKind =
  | 'innerunique'
  | 'inner'
  | 'leftouter'
  | 'rightouter'
  | 'fullouter'
  | 'leftanti'
  | 'rightanti'
  | 'leftsemi'
  | 'rightsemi';

interface PlanBase {
  /** Result columns as the binder computed them. */
  columns: ColumnDef[];
  pos: SourcePos;
  /** The KQL operator this node implements, for messages (`summarize`, `join` …). */
  operator: string;
}

export type TabularPlan = PlanBase &
  (
    | { op: 'table'; table: string }
    /** A tabular value computed once and shared by every reference (tabular `let`, `materialize`). */
    | { op: 'shared'; id: number; input: TabularPlan }
    | { op: 'where'; input: TabularPlan; predicate: ScalarExpr }
    /** project / extend / project-rename / -away / -keep / -reorder: output column i is `exprs[i]` over the input. */
    | { op: 'project'; input: TabularPlan; exprs: ScalarExpr[] }
    | { op: 'summarize'; input: TabularPlan; by: ScalarExpr[]; aggregates: AggregateCall[] }
    | { op: 'sort'; input: TabularPlan; keys: SortKey[] }
    | { op: 'take'; input: TabularPlan; count: ScalarExpr }
    | { op: 'top'; input: TabularPlan; count: ScalarExpr; keys: SortKey[] }
    | {
        op: 'join';
        kind: JoinKind;
        left: TabularPlan;
        right: TabularPlan;
        leftKeys: ScalarExpr[];
        rightKeys: ScalarExpr[];
        /** The output is these left columns (indexes) followed by these right columns (`lookup` drops the right keys). */
        leftOutput: number[];
        rightOutput: number[];
      }
    /** Output column i of input k is `inputColumns[k][i]` (a column index of that input, or -1 for null). */
    | {
        op: 'union';
        inputs: TabularPlan[];
        inputColumns: number[][];
        sourceColumn: string | null;
        sourceNames: string[];
        /** Per input: a leg whose table has no data counts as empty instead of failing the query (isfuzzy=true, tables matched by a wildcard). */
        lenient: boolean[];
      }
    | {
        op: 'mvExpand';
        input: TabularPlan;
        /** The expanded expressions, written over the output column with the same index. */
        expansions: { expr: ScalarExpr; outputIndex: number; toType: KqlType | null }[];
        /** Output column i comes from input column `passthrough[i]` (-1 for expanded/index columns). */
        passthrough: number[];
        indexColumn: number;
        limit: number | null;
        bagExpansion: 'bag' | 'array';
      }
    | {
        op: 'parse';
        input: TabularPlan;
        source: ScalarExpr;
        kind: 'simple' | 'regex' | 'relaxed';
        /** A regular expression (RE2 syntax) with one capture group per extracted column. */
        regex: string;
        flags: string;
        /** Output column indexes the capture groups fill, in group order. */
        targets: number[];
        /** parse-where keeps only matching rows. */
        filter: boolean;
      }
    | {
        op: 'makeSeries';
        input: TabularPlan;
        by: ScalarExpr[];
        /** One aggregate per series column, with the value of an empty bin. */
        aggregates: { call: AggregateCall; defaultValue: KqlValue }[];
        axis: ScalarExpr;
        /** Bin range: `from` (default: smallest axis value) up to `to` exclusive (default: past the largest). */
        from: ScalarExpr | null;
        to: ScalarExpr | null;
        step: ScalarExpr;
        /** The alternate syntax `in range(start, stop, step)`: bins start at bin(start, step) and `stop` is inclusive. */
        inRange: boolean;
      }
    | {
        op: 'mvApply';
        input: TabularPlan;
        /** mv-expand of one input row (its `input` is ignored: the executor feeds the row). */
        expand: TabularPlan & { op: 'mvExpand' };
        /** The subquery, reading `{ op: 'applyInput', id }` as its input. */
        subquery: TabularPlan;
        id: number;
      }
    /**
     * `top-nested [N] of value [with others = C] by aggregate [asc|desc], …`: per level, the
     * groups of `value` within the parent group, ranked by the aggregate; output columns are
     * the binder's (value and aggregate of each level, in order).
     */
    | {
        op: 'topNested';
        input: TabularPlan;
        levels: { value: ScalarExpr; count: ScalarExpr | null; others: ScalarExpr | null; aggregate: AggregateCall; descending: boolean }[];
      }
    /**
     * `evaluate bag_unpack(bag [, prefix] [, columnsConflict] [, ignoredProperties]) : (schema)`:
     * the output columns are the binder's (from the schema); a column that is not an input
     * column (or is replaced, `replace_source`) takes the bag's slot of its name without prefix.
     */
    | { op: 'bagUnpack'; input: TabularPlan; bag: ScalarExpr; prefix: string; conflict: 'error' | 'replace_source' | 'keep_source'; ignored: string[] }
    /**
     * `evaluate pivot(value [, aggregate] [, by…]) : (schema)`: one row per group of `by`; every
     * other output column holds the aggregate over the group's rows whose value (as a string)
     * is the column's name.
     */
    | { op: 'pivot'; input: TabularPlan; value: ScalarExpr; aggregate: AggregateCall; by: ScalarExpr[]; byNames: string[] }
    /** `partition by key (subquery)`: the subquery (reading `applyInput` id) runs once per distinct key; results are concatenated. */
    | { op: 'partition'; input: TabularPlan; key: ScalarExpr; subquery: TabularPlan; id: number }
    /** Inside mv-apply's or partition's subquery: the rows of the current input row or partition. */
    | { op: 'applyInput'; id: number }
    | { op: 'datatable'; rows: KqlValue[][] }
    | { op: 'range'; from: ScalarExpr; to: ScalarExpr; step: ScalarExpr }
    /** A single row with no columns (the input of `print`). */
    | { op: 'singleRow' }
    | { op: 'serialize'; input: TabularPlan }
  );

/** A whole query: its result plan and the render hint kept as metadata. */
export interface QueryPlan {
  result: TabularPlan;
  render: string | null;
  /**
   * Text ranges of `union isfuzzy=true` legs over unknown tables. When not empty, the plan is
   * provisional: Kusto binds the union without those legs, so the caller blanks the ranges
   * (same length, positions kept) and binds the query again.
   */
  fuzzyBlanks: [number, number][];
}

/**
 * An `evaluate bag_unpack(…)` / `pivot(…)` written without an output schema: its columns depend
 * on the data. The caller runs `plan.input`, derives the schema, inserts it at `insertAt` (the
 * query offset just after the plugin call) and binds the query again.
 */
export class SchemaProbeNeeded extends Error {
  constructor(
    readonly plan: TabularPlan & { op: 'bagUnpack' | 'pivot' },
    readonly insertAt: number,
  ) {
    super(`${plan.operator} needs its output schema from the data`);
    this.name = 'SchemaProbeNeeded';
  }
}

/** A `union isfuzzy=true` none of whose legs reads a known table: Kusto fails such a query. */
export class UnresolvedUnionError extends Error {
  constructor(
    readonly tables: string[],
    readonly pos: SourcePos,
  ) {
    super(
      `union isfuzzy=true at line ${pos.line}, column ${pos.column}: none of its legs reads a known table` +
        (tables.length ? ` (no schema or data for ${tables.join(', ')})` : ''),
    );
    this.name = 'UnresolvedUnionError';
  }
}

/** Raised when a query uses syntax the engine does not implement yet; names the feature and where. */
export class UnsupportedFeatureError extends Error {
  constructor(
    readonly feature: string,
    readonly pos: SourcePos,
    detail = '',
  ) {
    super(`unsupported: ${feature} at line ${pos.line}, column ${pos.column}${detail ? ` (${detail})` : ''}`);
    this.name = 'UnsupportedFeatureError';
  }
}
