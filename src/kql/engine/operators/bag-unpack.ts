/**
 * `evaluate bag_unpack(bag, …) : (schema)`: the input rows with the bag's top-level slots as
 * columns. The output columns are the binder's; each is an input column passed through, or a
 * slot (its name without the prefix) converted to the column's type. `replace_source` takes
 * the slot's value for an input column of the same name; `keep_source` keeps the input's.
 */
import type { Table } from '../column.js';
import { columnValue } from '../column.js';
import { compileScalar } from '../compile/compile-scalar.js';
import type { ExecEnv } from '../compile/exec-env.js';
import { convertTo } from '../functions/conversion.js';
import { buildColumn } from '../table-builder.js';
import type { KqlValue } from '../values.js';
import type { TabularPlan } from '../../plan/types.js';

type BagUnpackPlan = Extract<TabularPlan, { op: 'bagUnpack' }>;

/** Runs bag_unpack with a known output schema. */
export function runBagUnpack(plan: BagUnpackPlan, input: Table, env: ExecEnv): Table {
  const bagOf = compileScalar(plan.bag, input, env);
  const bags: KqlValue[] = Array.from({ length: input.length }, (_, i) => bagOf(i));
  const columns = plan.columns.map((def) => {
    const source = input.columns.find((c) => c.name === def.name)?.column;
    if (source && plan.conflict !== 'replace_source') return { name: def.name, column: source };
    const slot = def.name.startsWith(plan.prefix) ? def.name.slice(plan.prefix.length) : def.name;
    return {
      name: def.name,
      column: buildColumn(def.type, input.length, (i) => {
        const bag = bags[i];
        const v = bag && typeof bag === 'object' && !Array.isArray(bag) ? (bag as Record<string, KqlValue>)[slot] : undefined;
        if (v === undefined) return source ? columnValue(source, i) : null;
        return convertTo(v ?? null, def.type);
      }),
    };
  });
  return { name: input.name, length: input.length, columns };
}
