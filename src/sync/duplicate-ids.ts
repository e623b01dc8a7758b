/** Finds rules of one source that share an upstream id. */

export interface IdentifiedRule {
  id: string;
  upstreamId: string | null;
  path: string;
}

/**
 * For each rule whose upstream id (compared trimmed, ignoring case) is also used in another
 * file of the same source: its id → the paths of those other files. Rules of one file may
 * share an id (an Elastic hunt's queries share its uuid); rules without an id never clash.
 */
export function findDuplicateUpstreamIds(rules: IdentifiedRule[]): Map<string, string[]> {
  const groups = new Map<string, IdentifiedRule[]>();
  for (const r of rules) {
    const key = r.upstreamId?.trim().toLowerCase();
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out = new Map<string, string[]>();
  for (const group of groups.values()) {
    const paths = new Set(group.map((r) => r.path));
    if (paths.size < 2) continue;
    for (const r of group) out.set(r.id, [...paths].filter((p) => p !== r.path));
  }
  return out;
}
