/**
 * Sigma rule collections: a multi-document file may open with `action: global` (fields every
 * following rule shares), `action: reset` (forget them) and `action: repeat` (the previous rule
 * again with some fields changed), as the Sigma specification describes. Expanding them turns
 * the documents into the rules they stand for.
 */
import { isRecord } from './loose-values.js';
import type { RuleDocument } from './yaml-rule-file.js';

/** `over` merged onto `base`: nested mappings merge key by key, anything else is replaced. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isRecord(prev) && isRecord(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function withoutAction(doc: Record<string, unknown>): Record<string, unknown> {
  const { action: _action, ...rest } = doc;
  return rest;
}

/**
 * The rule documents of a file, collection actions applied. A file without actions comes back
 * unchanged, one entry per document.
 */
export function expandSigmaCollection(docs: Record<string, unknown>[]): RuleDocument[] {
  // A plain file (the common case) stays as it is, each document shown as written.
  if (!docs.some((d) => 'action' in d)) return docs.map((doc, sourceIndex) => ({ doc, sourceIndex }));
  let shared: Record<string, unknown> = {};
  let previous: Record<string, unknown> | null = null;
  const out: RuleDocument[] = [];
  docs.forEach((doc, sourceIndex) => {
    const action = typeof doc.action === 'string' ? doc.action.toLowerCase() : null;
    if (action === 'global') {
      shared = deepMerge(shared, withoutAction(doc));
      return;
    }
    if (action === 'reset') {
      shared = {};
      return;
    }
    const rule: Record<string, unknown> =
      action === 'repeat' && previous ? deepMerge(previous, withoutAction(doc)) : deepMerge(shared, withoutAction(doc));
    out.push({ doc: rule, sourceIndex, merged: true });
    previous = rule;
  });
  return out;
}
