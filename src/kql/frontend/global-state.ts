/**
 * Builds the Kusto `GlobalState` a query is bound against: one database holding the tables in
 * play (from schema files and from loaded telemetry), each with its typed columns.
 */
import { kusto } from './kusto.js';
import type { TableSchema } from '../schema/table-schema.js';

const cache = new WeakMap<readonly TableSchema[], Kusto.Language.GlobalState>();

/** A GlobalState with one database `socfeed` holding `tables`; the same array object gives the same (cached) state. */
export function globalStateFor(tables: readonly TableSchema[]): Kusto.Language.GlobalState {
  const cached = cache.get(tables);
  if (cached) return cached;
  const K = kusto();
  const S = K.Symbols;
  const scalar = (type: string): Kusto.Language.Symbols.ScalarSymbol =>
    S.ScalarTypes.GetSymbol(type) ?? (S.ScalarTypes.Dynamic as Kusto.Language.Symbols.ScalarSymbol);
  const symbols = tables.map((t) => {
    const columns = t.columns.map((c) => new S.ColumnSymbol(c.name, scalar(c.type), null, null, null, null));
    return new S.TableSymbol.$ctor4(t.name, columns);
  });
  // Bridge.NET accepts a JS array where C# takes IEnumerable<Symbol>.
  const db = new S.DatabaseSymbol.$ctor1('socfeed', symbols as unknown as System.Collections.Generic.IEnumerable$1<Kusto.Language.Symbols.Symbol>, false);
  const state = K.GlobalState.Default!.WithDatabase(db)!;
  cache.set(tables, state);
  return state;
}
