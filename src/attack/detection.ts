/**
 * ATT&CK v18 detection content: a detection strategy (`DET…`) `detects` a technique and lists
 * analytics (`AN…`); each analytic names log sources, each filed under a data component (`DC…`).
 */
import type { AttackAnalytic, AttackDataComponent, AttackDetectionStrategy, AttackLogSource } from './model.js';
import { deepFreeze } from './freeze.js';
import { attackId, isRetired, type StixObject } from './stix.js';
import { dataComponentUrl, detectionStrategyUrl } from './urls.js';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The bundle's own link for an object (analytics link to an anchor on their strategy's page). */
function bundleUrl(o: StixObject): string | undefined {
  return o.external_references?.find((r) => r && r.source_name === 'mitre-attack' && typeof r.url === 'string')?.url;
}

/** Expands detection-strategy STIX ids into strategies with analytics, caching each expansion. */
export class DetectionCatalog {
  private readonly strategies = new Map<string, AttackDetectionStrategy | null>();
  private readonly components = new Map<string, AttackDataComponent | null>();

  constructor(private readonly objects: Map<string, StixObject>) {}

  /** The strategies for these STIX ids, sorted by id; ids that resolve to nothing are skipped. */
  expand(strategyIds: readonly string[]): AttackDetectionStrategy[] {
    const out: AttackDetectionStrategy[] = [];
    for (const ref of strategyIds) {
      const strategy = this.strategy(ref);
      if (strategy) out.push(strategy);
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  private strategy(ref: string): AttackDetectionStrategy | null {
    if (this.strategies.has(ref)) return this.strategies.get(ref)!;
    const o = this.objects.get(ref);
    const id = o ? attackId(o) : undefined;
    let result: AttackDetectionStrategy | null = null;
    if (o && id) {
      const analytics = (Array.isArray(o.x_mitre_analytic_refs) ? o.x_mitre_analytic_refs : [])
        .map((a) => this.analytic(a, id))
        .filter((a): a is AttackAnalytic => a !== null);
      result = { id, name: text(o.name) || id, url: detectionStrategyUrl(id), analytics };
    }
    this.strategies.set(ref, deepFreeze(result));
    return result;
  }

  private analytic(ref: unknown, strategyId: string): AttackAnalytic | null {
    const o = typeof ref === 'string' ? this.objects.get(ref) : undefined;
    const id = o ? attackId(o) : undefined;
    if (!o || !id || o.type !== 'x-mitre-analytic' || isRetired(o)) return null;
    const logSources: AttackLogSource[] = [];
    for (const source of Array.isArray(o.x_mitre_log_source_references) ? o.x_mitre_log_source_references : []) {
      if (!source || typeof source.name !== 'string') continue;
      const channel = text(source.channel);
      logSources.push({
        name: source.name,
        channel: channel === '' ? null : channel,
        dataComponent: this.component(source.x_mitre_data_component_ref),
      });
    }
    const dataComponents: AttackDataComponent[] = [];
    for (const { dataComponent } of logSources) {
      if (dataComponent && !dataComponents.some((d) => d.id === dataComponent.id)) dataComponents.push(dataComponent);
    }
    const mutableElements = (Array.isArray(o.x_mitre_mutable_elements) ? o.x_mitre_mutable_elements : [])
      .filter((m) => m && typeof m.field === 'string')
      .map((m) => ({ field: m.field!, description: text(m.description) }));
    return {
      id,
      name: text(o.name) || id,
      description: text(o.description),
      platforms: Array.isArray(o.x_mitre_platforms) ? o.x_mitre_platforms.filter((p) => typeof p === 'string') : [],
      // Analytics have no page of their own: they are anchors on their strategy's page.
      url: bundleUrl(o) ?? `${detectionStrategyUrl(strategyId)}#${id}`,
      logSources,
      dataComponents,
      mutableElements,
    };
  }

  private component(ref: unknown): AttackDataComponent | null {
    if (typeof ref !== 'string' || ref === '') return null;
    if (this.components.has(ref)) return this.components.get(ref)!;
    const o = this.objects.get(ref);
    const id = o && o.type === 'x-mitre-data-component' ? attackId(o) : undefined;
    const result = o && id ? { id, name: text(o.name) || id, url: dataComponentUrl(id) } : null;
    this.components.set(ref, result);
    return result;
  }
}
