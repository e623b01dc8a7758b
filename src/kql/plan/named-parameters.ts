/** Reads an operator's named parameters (`kind=inner`, `isfuzzy=true`, `withsource=T`, `bagexpansion=array`). */
import { listToArray, type KSyntaxElement } from '../frontend/kusto.js';

/** Parameter name (lower case) → its value as written (identifier or literal text, quotes removed). */
export function namedParameters(op: KSyntaxElement): Map<string, string> {
  const list = (op as unknown as { Parameters?: System.Collections.Generic.IReadOnlyList$1<Kusto.Language.Syntax.NamedParameter> | null }).Parameters;
  const out = new Map<string, string>();
  for (const p of listToArray(list)) {
    const name = (p.Name?.SimpleName ?? '').toLowerCase();
    const value = (p.Expression?.toString() ?? '').trim().replace(/^(['"])(.*)\1$/, '$2');
    out.set(name, value);
  }
  return out;
}
