/** The content hash that decides whether a rule changed between two syncs. */
import { createHash } from 'node:crypto';
import type { Rule } from '../catalog/rule.js';

/** Fields that record when or where a rule was seen, not what it says. */
const PROVENANCE_FIELDS = new Set(['firstSeen', 'lastChanged', 'retrievedAt', 'contentHash', 'commit', 'url']);

/**
 * sha256 over every field of `rule` except its provenance (times, commit, link): the raw text
 * plus everything derived from outside it (ATT&CK names, source tags, tables, flags). A rule
 * whose file did not change keeps its hash even when the repository moved to a new commit.
 */
export function ruleContentHash(rule: Rule): string {
  const entries = Object.keys(rule)
    .filter((k) => !PROVENANCE_FIELDS.has(k))
    .sort()
    .map((k) => [k, rule[k as keyof Rule]]);
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}
