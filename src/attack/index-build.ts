/**
 * One pass over a STIX bundle into the lookup tables the knowledge base answers from. Only
 * what is asked for is kept, so the parsed bundle can be garbage-collected after loading.
 */
import type { AttackGroup, AttackMitigation, AttackSoftware, AttackTactic, AttackTechnique } from './model.js';
import { deepFreeze } from './freeze.js';
import { attackId, isRetired, type StixBundle, type StixObject } from './stix.js';
import { summarize } from './text.js';
import { groupUrl, mitigationUrl, softwareUrl, tacticUrl, techniqueUrl } from './urls.js';

/** The tables built from a bundle. Keys are ATT&CK ids (`T1059.001`) unless named otherwise. */
export interface AttackIndex {
  domain: string | null;
  collectionVersion: string | null;
  modified: string | null;
  /** Matrix order. */
  tactics: AttackTactic[];
  techniques: Map<string, AttackTechnique>;
  mitigations: Map<string, AttackMitigation[]>;
  groups: Map<string, AttackGroup[]>;
  software: Map<string, AttackSoftware[]>;
  /** Technique id → the technique id it was revoked by (one step). */
  revokedBy: Map<string, string>;
  /** Technique id → STIX ids of the active detection strategies that detect it. */
  strategyRefs: Map<string, string[]>;
  /** Detection strategies, analytics and data components by STIX id, expanded on demand. */
  detectionObjects: Map<string, StixObject>;
}

const DETECTION_TYPES = new Set(['x-mitre-detection-strategy', 'x-mitre-analytic', 'x-mitre-data-component']);
const RELATED_TYPES = new Set(['attack-pattern', 'course-of-action', 'intrusion-set', 'malware', 'tool']);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The matrix to follow: the Enterprise one when the bundle holds several, else the first. */
function pickMatrix(objects: StixObject[]): StixObject | undefined {
  const matrices = objects.filter((o) => o.type === 'x-mitre-matrix' && !isRetired(o));
  return matrices.find((m) => attackId(m) === 'enterprise-attack') ?? matrices[0];
}

function buildTactics(objects: StixObject[], matrix: StixObject | undefined, inDomain: (o: StixObject) => boolean): AttackTactic[] {
  const byStixId = new Map<string, StixObject>();
  for (const o of objects) if (o.type === 'x-mitre-tactic' && !isRetired(o) && inDomain(o)) byStixId.set(o.id, o);
  // Without a matrix there is no order to follow; tactic ids give a stable one.
  const ordered = matrix
    ? strings(matrix.tactic_refs).map((ref) => byStixId.get(ref)).filter((o): o is StixObject => o !== undefined)
    : [...byStixId.values()].sort((a, b) => (attackId(a) ?? '').localeCompare(attackId(b) ?? ''));
  const tactics: AttackTactic[] = [];
  for (const o of ordered) {
    const id = attackId(o);
    const shortname = text(o.x_mitre_shortname);
    if (!id || !shortname) continue;
    tactics.push({ id, shortname, name: text(o.name) || shortname, description: text(o.description), url: tacticUrl(id) });
  }
  return tactics;
}

function buildTechnique(o: StixObject, id: string, tacticOrder: Map<string, number>): AttackTechnique {
  const phases = Array.isArray(o.kill_chain_phases) ? o.kill_chain_phases : [];
  const tactics = [...new Set(phases.filter((p) => p && p.kill_chain_name === 'mitre-attack').map((p) => text(p.phase_name)))]
    .filter((name) => name !== '')
    .sort((a, b) => (tacticOrder.get(a) ?? 99) - (tacticOrder.get(b) ?? 99));
  const isSubtechnique = o.x_mitre_is_subtechnique === true || id.includes('.');
  const description = text(o.description);
  const detection = text(o.x_mitre_detection).trim();
  return {
    id,
    name: text(o.name) || id,
    description,
    summary: summarize(description),
    tactics,
    isSubtechnique,
    // Refined from `subtechnique-of` relationships; the id prefix is the fallback.
    parentId: isSubtechnique ? id.split('.')[0]! : null,
    subtechniqueIds: [],
    platforms: strings(o.x_mitre_platforms),
    url: techniqueUrl(id),
    deprecated: o.x_mitre_deprecated === true,
    revoked: o.revoked === true,
    detection: detection === '' ? null : detection,
  };
}

type RelatedEntry =
  | { kind: 'mitigation'; value: AttackMitigation }
  | { kind: 'group'; value: AttackGroup }
  | { kind: 'software'; value: AttackSoftware };

/** The record a mitigation, group or software object contributes; undefined when retired or without an id. */
function relatedEntry(o: StixObject): RelatedEntry | undefined {
  const id = isRetired(o) ? undefined : attackId(o);
  if (!id) return undefined;
  const name = text(o.name) || id;
  switch (o.type) {
    case 'course-of-action':
      return { kind: 'mitigation', value: { id, name, description: summarize(text(o.description)), url: mitigationUrl(id) } };
    case 'intrusion-set':
      return { kind: 'group', value: { id, name, url: groupUrl(id) } };
    case 'malware':
    case 'tool':
      return { kind: 'software', value: { id, name, type: o.type, url: softwareUrl(id) } };
    default:
      return undefined;
  }
}

function pushUnique<T extends { id: string }>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [item]);
  else if (!list.some((x) => x.id === item.id)) list.push(item);
}

/** Builds every lookup table from a validated bundle. */
export function buildIndex(bundle: StixBundle): AttackIndex {
  const { objects } = bundle;
  const matrix = pickMatrix(objects);
  const domain = matrix ? attackId(matrix) ?? null : null;
  // Bundles combining domains (enterprise + mobile + ics) share tactic names; keep one domain.
  const inDomain = (o: StixObject): boolean =>
    domain === null || !Array.isArray(o.x_mitre_domains) || o.x_mitre_domains.includes(domain);

  const tactics = buildTactics(objects, matrix, inDomain);
  const tacticOrder = new Map(tactics.map((t, i) => [t.shortname, i]));
  const related = new Map<string, StixObject>();
  const techniqueIdByStix = new Map<string, string>();
  const index: AttackIndex = {
    domain,
    collectionVersion: null,
    modified: null,
    tactics,
    techniques: new Map(),
    mitigations: new Map(),
    groups: new Map(),
    software: new Map(),
    revokedBy: new Map(),
    strategyRefs: new Map(),
    detectionObjects: new Map(),
  };

  for (const o of objects) {
    if (typeof o.modified === 'string' && (index.modified === null || o.modified > index.modified)) index.modified = o.modified;
    if (o.type === 'x-mitre-collection' && typeof o.x_mitre_version === 'string') index.collectionVersion = o.x_mitre_version;
    if (DETECTION_TYPES.has(o.type)) index.detectionObjects.set(o.id, o);
    if (!RELATED_TYPES.has(o.type) || !inDomain(o)) continue;
    related.set(o.id, o);
    if (o.type !== 'attack-pattern') continue;
    const id = attackId(o);
    if (!id) continue;
    techniqueIdByStix.set(o.id, id);
    index.techniques.set(id, buildTechnique(o, id, tacticOrder));
  }

  // One shared record per mitigation, group or software, however many techniques it touches.
  const entries = new Map<string, RelatedEntry | undefined>();
  const entry = (source: StixObject): RelatedEntry | undefined => {
    if (!entries.has(source.id)) entries.set(source.id, relatedEntry(source));
    return entries.get(source.id);
  };

  for (const r of objects) {
    if (r.type !== 'relationship' || isRetired(r) || !r.source_ref || !r.target_ref) continue;
    const techId = techniqueIdByStix.get(r.target_ref);
    if (techId === undefined) continue;
    const source = related.get(r.source_ref);
    switch (r.relationship_type) {
      case 'subtechnique-of': {
        const sub = source && index.techniques.get(techniqueIdByStix.get(source.id) ?? '');
        if (sub) sub.parentId = techId;
        break;
      }
      case 'revoked-by': {
        const from = techniqueIdByStix.get(r.source_ref);
        if (from !== undefined) index.revokedBy.set(from, techId);
        break;
      }
      case 'detects': {
        const strategy = index.detectionObjects.get(r.source_ref);
        if (strategy && strategy.type === 'x-mitre-detection-strategy' && !isRetired(strategy)) {
          const refs = index.strategyRefs.get(techId) ?? [];
          if (!refs.includes(strategy.id)) refs.push(strategy.id);
          index.strategyRefs.set(techId, refs);
        }
        break;
      }
      case 'mitigates': {
        const e = source ? entry(source) : undefined;
        if (e?.kind === 'mitigation') pushUnique(index.mitigations, techId, e.value);
        break;
      }
      case 'uses': {
        const e = source ? entry(source) : undefined;
        if (e?.kind === 'software') pushUnique(index.software, techId, e.value);
        else if (e?.kind === 'group') pushUnique(index.groups, techId, e.value);
        break;
      }
    }
  }

  linkSubtechniques(index.techniques);
  sortLists(index);
  for (const map of [index.techniques, index.mitigations, index.groups, index.software]) {
    for (const value of map.values()) deepFreeze(value);
  }
  deepFreeze(index.tactics);
  return index;
}

function linkSubtechniques(techniques: Map<string, AttackTechnique>): void {
  for (const t of techniques.values()) {
    if (!t.isSubtechnique || t.revoked || t.deprecated || t.parentId === null) continue;
    techniques.get(t.parentId)?.subtechniqueIds.push(t.id);
  }
  for (const t of techniques.values()) t.subtechniqueIds.sort();
}

function sortLists(index: AttackIndex): void {
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  for (const list of index.mitigations.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  for (const list of index.groups.values()) list.sort(byName);
  for (const list of index.software.values()) list.sort(byName);
}
