import { SEVERITIES, type Severity } from '../rule.js';
import { textOf } from './loose-values.js';

const ALIASES: Record<string, Severity> = { info: 'informational', informational: 'informational' };

/**
 * A severity named in a rule file (`high`, `High`, `info`), or null when the value is missing
 * or names no severity we know.
 */
export function severityFromName(value: unknown): Severity | null {
  const text = textOf(value)?.toLowerCase();
  if (text === undefined) return null;
  if (ALIASES[text]) return ALIASES[text];
  return (SEVERITIES as readonly string[]).includes(text) ? (text as Severity) : null;
}
