/**
 * The window functions of a serialized row set (`prev`, `next`, `row_number`, `row_cumsum`):
 * they read other rows of the operator's input by index, so they are compiled here over the
 * argument closures rather than called per row through the registry. The binder only accepts
 * them on a serialized input (after sort, serialize, top …), whose row order is the table's.
 */
import type { KqlValue } from '../values.js';
import type { RowFn } from './compile-scalar.js';

/** Names handled here. */
export const WINDOW_FUNCTIONS = new Set(['prev', 'next', 'row_number', 'row_cumsum']);

/** Compiles a window-function call over its compiled arguments and the input's row count. */
export function compileWindowCall(name: string, args: RowFn[], rows: number): RowFn {
  switch (name) {
    case 'prev':
    case 'next': {
      // prev(column, [offset = 1], [default_value = null]); next likewise, forwards
      const [value, offsetFn, defaultFn] = args as [RowFn, RowFn?, RowFn?];
      const sign = name === 'prev' ? -1 : 1;
      return (i) => {
        const offset = offsetFn ? Number(offsetFn(i) ?? 1) : 1;
        const j = i + sign * offset;
        if (j < 0 || j >= rows) return defaultFn ? defaultFn(i) : null;
        return value(j);
      };
    }
    case 'row_number': {
      // row_number([start = 1, [restart = false]]): restart sets the index back to start
      const [startFn, restartFn] = args as [RowFn?, RowFn?];
      if (!restartFn) return (i) => i + Number(startFn ? (startFn(i) ?? 1) : 1);
      return running(rows, (i, previous) => {
        const start = Number(startFn!(i) ?? 1);
        return previous === null || restartFn(i) === true ? start : previous + 1;
      });
    }
    case 'row_cumsum': {
      // row_cumsum(term, [restart = false]): a null term adds nothing
      const [termFn, restartFn] = args as [RowFn, RowFn?];
      return running(rows, (i, previous) => {
        const term = termFn(i);
        const add = typeof term === 'number' ? term : 0;
        return previous === null || restartFn?.(i) === true ? add : previous + add;
      });
    }
    default:
      throw new Error(`not a window function: ${name}`);
  }
}

/** A running value over rows 0..i, computed in row order on first demand and kept (callers may ask in any order). */
function running(rows: number, step: (i: number, previous: number | null) => number): RowFn {
  const values = new Float64Array(rows);
  let done = 0;
  return (i): KqlValue => {
    for (; done <= i; done++) values[done] = step(done, done === 0 ? null : values[done - 1]!);
    return values[i]!;
  };
}
