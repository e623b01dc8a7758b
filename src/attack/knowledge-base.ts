/**
 * The ATT&CK knowledge base: load a STIX bundle once per process, then answer lookups and
 * normalize the tactic and technique spellings found in rule files.
 */
import { basename } from 'node:path';
import type { TacticRef, TechniqueRef } from '../catalog/rule.js';
import { DetectionCatalog } from './detection.js';
import { parseTechniqueId, TACTIC_ALIASES, tacticKey } from './ids.js';
import { buildIndex, type AttackIndex } from './index-build.js';
import type {
  AttackDetectionStrategy,
  AttackKnowledgeBase,
  AttackMitigation,
  AttackTactic,
  AttackTechnique,
  AttackUsage,
  TacticResolution,
  TechniqueResolution,
} from './model.js';
import { asBundle, readBundleFile } from './stix.js';
import { tacticUrl, techniqueUrl } from './urls.js';

/** Options for `loadAttackKnowledgeBase`. */
export interface LoadAttackOptions {
  /** ATT&CK release to report when the bundle has no x-mitre-collection (assembled bundles don't). */
  version?: string;
}

// Revocation chains in the real bundle are at most two steps; the bound only guards against cycles.
const MAX_REVOCATION_HOPS = 16;

class KnowledgeBase implements AttackKnowledgeBase {
  readonly version: string | null;
  readonly domain: string | null;
  readonly modified: string | null;
  private readonly tacticsByKey = new Map<string, AttackTactic>();
  private readonly tacticsById = new Map<string, AttackTactic>();
  private readonly parentsByTactic = new Map<string, AttackTechnique[]>();
  private readonly detection: DetectionCatalog;
  private sortedTechniques: AttackTechnique[] | undefined;

  constructor(private readonly index: AttackIndex, version: string | null) {
    this.version = version;
    this.domain = index.domain;
    this.modified = index.modified;
    this.detection = new DetectionCatalog(index.detectionObjects);
    for (const tactic of index.tactics) {
      this.tacticsById.set(tactic.id, tactic);
      this.tacticsByKey.set(tacticKey(tactic.id), tactic);
      this.tacticsByKey.set(tacticKey(tactic.shortname), tactic);
      this.tacticsByKey.set(tacticKey(tactic.name), tactic);
      this.parentsByTactic.set(tactic.shortname, []);
    }
    for (const t of index.techniques.values()) {
      if (t.isSubtechnique || t.revoked || t.deprecated) continue;
      for (const shortname of t.tactics) this.parentsByTactic.get(shortname)?.push(t);
    }
    for (const list of this.parentsByTactic.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  }

  tactics(): AttackTactic[] {
    return [...this.index.tactics];
  }

  tactic(idOrShortname: string): AttackTactic | undefined {
    return this.tacticsById.get(idOrShortname) ?? this.index.tactics.find((t) => t.shortname === idOrShortname);
  }

  technique(id: string): AttackTechnique | undefined {
    return this.index.techniques.get(id) ?? this.index.techniques.get(parseTechniqueId(id) ?? '');
  }

  allTechniques(): AttackTechnique[] {
    this.sortedTechniques ??= [...this.index.techniques.values()].sort((a, b) => a.id.localeCompare(b.id));
    return [...this.sortedTechniques];
  }

  techniquesForTactic(tactic: string): AttackTechnique[] {
    const shortname = this.parentsByTactic.has(tactic) ? tactic : this.normalizeTactic(tactic)?.shortname;
    return [...(this.parentsByTactic.get(shortname ?? '') ?? [])];
  }

  mitigations(techniqueId: string): AttackMitigation[] {
    return [...(this.index.mitigations.get(this.canonicalId(techniqueId)) ?? [])];
  }

  usedBy(techniqueId: string): AttackUsage {
    const id = this.canonicalId(techniqueId);
    return { groups: [...(this.index.groups.get(id) ?? [])], software: [...(this.index.software.get(id) ?? [])] };
  }

  detectionStrategies(techniqueId: string): AttackDetectionStrategy[] {
    return this.detection.expand(this.index.strategyRefs.get(this.canonicalId(techniqueId)) ?? []);
  }

  replacementFor(id: string): string | undefined {
    let current = this.canonicalId(id);
    if (!this.index.techniques.get(current)?.revoked) return undefined;
    for (let hop = 0; hop < MAX_REVOCATION_HOPS; hop++) {
      const next = this.index.revokedBy.get(current);
      if (next === undefined) return undefined;
      if (!this.index.techniques.get(next)?.revoked) return next;
      current = next;
    }
    return undefined;
  }

  normalizeTactic(raw: string): TacticRef | null {
    return this.resolveTactic(raw)?.ref ?? null;
  }

  resolveTactic(raw: string): TacticResolution | null {
    if (typeof raw !== 'string') return null;
    const key = tacticKey(raw);
    if (key === '') return null;
    const direct = this.tacticsByKey.get(key);
    if (direct) return { ref: tacticRef(direct) };
    for (const id of TACTIC_ALIASES.get(key) ?? []) {
      const tactic = this.tacticsById.get(id);
      if (tactic) return { ref: tacticRef(tactic), aliasOf: raw.trim().replace(/^['"`]+|['"`]+$/g, '') };
    }
    return null;
  }

  normalizeTechnique(raw: string): TechniqueResolution | null {
    const id = typeof raw === 'string' ? parseTechniqueId(raw) : null;
    if (id === null) return null;
    const technique = this.index.techniques.get(id);
    if (!technique) return { ref: { id, name: id, known: false } };
    if (technique.revoked) {
      const replacement = this.replacementFor(id);
      const target = replacement === undefined ? undefined : this.index.techniques.get(replacement);
      if (target) return { ref: techniqueRef(target), replacedFrom: id };
      // Revoked with nowhere to go: keep the id, say it is retired.
      return { ref: techniqueRef(technique), deprecated: true };
    }
    return technique.deprecated ? { ref: techniqueRef(technique), deprecated: true } : { ref: techniqueRef(technique) };
  }

  techniqueUrl(id: string): string {
    return techniqueUrl(id);
  }

  tacticUrl(id: string): string {
    return tacticUrl(id);
  }

  /** Exact id if known, else the canonical spelling of `raw` (so `t1059.001` works everywhere). */
  private canonicalId(raw: string): string {
    return this.index.techniques.has(raw) ? raw : parseTechniqueId(raw) ?? raw;
  }
}

function tacticRef(t: AttackTactic): TacticRef {
  return { id: t.id, shortname: t.shortname, name: t.name };
}

function techniqueRef(t: AttackTechnique): TechniqueRef {
  return { id: t.id, name: t.name, known: true };
}

/** `enterprise-attack-18.1.json` → `18.1`; null when the file name carries no version. */
function versionFromFileName(path: string): string | null {
  return /-v?(\d+(?:\.\d+)*)\.json$/i.exec(basename(path))?.[1] ?? null;
}

/**
 * Loads an ATT&CK STIX 2 bundle from a file path or an already-parsed bundle object. Throws an
 * Error naming the file and the fault (unreadable, not JSON, not a STIX bundle).
 */
export function loadAttackKnowledgeBase(source: string | object, options: LoadAttackOptions = {}): AttackKnowledgeBase {
  const bundle = typeof source === 'string' ? readBundleFile(source) : asBundle(source, '(object)');
  const index = buildIndex(bundle);
  const version =
    options.version ?? index.collectionVersion ?? (typeof source === 'string' ? versionFromFileName(source) : null);
  return new KnowledgeBase(index, version);
}
