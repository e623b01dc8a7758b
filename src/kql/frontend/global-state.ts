/**
 * Builds the Kusto `GlobalState` a query is bound against: one database holding the tables in
 * play (from schema files and from loaded telemetry), each with its typed columns.
 */
import { kusto } from './kusto.js';
import type { TableSchema } from '../schema/table-schema.js';

/** Recently built states by schema signature: a batch of queries over the same tables binds against one state. */
const cache = new Map<string, Kusto.Language.GlobalState>();
const CACHE_SIZE = 8;

/** A GlobalState with one database `socfeed` holding `tables`; equal schemas give the same (cached) state. */
export function globalStateFor(tables: readonly TableSchema[]): Kusto.Language.GlobalState {
  const signature = tables.map((t) => `${t.name}(${t.columns.map((c) => `${c.name}:${c.type}`).join(',')})`).join(';');
  const cached = cache.get(signature);
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
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(signature, state);
  return state;
}
