import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteCatalogStore } from '../../src/store/sqlite-store.js';
import { FACET_NAMES } from '../../src/store/facet-index.js';
import type { FacetName, RuleFilters } from '../../src/store/catalog-store.js';
import type { Rule } from '../../src/catalog/rule.js';
import { readEnrichment } from '../../src/enrich/persist/enrichment-rows.js';
import { AZURE_SENTINEL_SOURCE, syncAt, tempDir, writeConfig } from '../sync/sync-fixture.js';

/**
 * Facet counts from the in-memory index, checked against the rules themselves (read in full
 * through getRules, with their stored enrichment) over a real sync of corpus/azure-sentinel.
 */

let store: SqliteCatalogStore;
let rules: Rule[];
let confidence: Map<string, string>;
let lintProblems: Set<string>;

before(async () => {
  const { config } = writeConfig(tempDir(), [AZURE_SENTINEL_SOURCE]);
  await syncAt(config, '2026-02-01T00:00:00.000Z');
  store = SqliteCatalogStore.open(config.db);
  rules = store.getRules(store.allRuleIds());
  confidence = new Map();
  lintProblems = new Set();
  for (const r of rules) {
    const e = readEnrichment(store.db, r.id);
    if (e) confidence.set(r.id, e.enrichment.confidence.level);
    if (e && e.lint.some((f) => f.severity === 'error' || f.severity === 'warning')) lintProblems.add(r.id);
  }
});

after(() => store?.close());

/** A rule's values for one facet, as the rule record says. */
function valuesOf(r: Rule, name: FacetName): string[] {
  switch (name) {
    case 'source':
      return [r.source];
    case 'language':
      return [r.language];
    case 'kind':
      return [r.kind];
    case 'severity':
      return r.severity ? [r.severity] : [];
    case 'confidence':
      return confidence.has(r.id) ? [confidence.get(r.id)!] : [];
    case 'tactic':
      return r.tactics.map((t) => t.id);
    case 'technique':
      return r.techniques.map((t) => t.id);
    case 'table':
      return r.dataSources;
    case 'tag':
      return r.tags;
  }
}

/** Whether a rule passes `filters`, ignoring the text (which these checks leave out). */
function passes(r: Rule, filters: RuleFilters, except?: FacetName): boolean {
  for (const name of FACET_NAMES) {
    const wanted = filters[name];
    if (!wanted?.length || name === except) continue;
    const have = valuesOf(r, name);
    const ok = name === 'technique' ? have.some((t) => wanted.some((w) => t === w || t.startsWith(`${w}.`))) : have.some((v) => wanted.includes(v));
    if (!ok) return false;
  }
  if (filters.problems && !lintProblems.has(r.id)) return false;
  return true;
}

/** Expected counts of one facet: rules passing every filter but the facet's own, per value. */
function expectedCounts(filters: RuleFilters, name: FacetName): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rules) {
    if (!passes(r, filters, name)) continue;
    for (const v of new Set(valuesOf(r, name))) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

describe('facet counts', () => {
  test('unfiltered: every facet counts every rule value', () => {
    const f = store.facets({});
    for (const name of FACET_NAMES) {
      assert.deepEqual(new Map(f[name].map((o) => [o.value, o.count])), expectedCounts({}, name), name);
    }
    assert.ok(f.confidence.length > 0 && f.confidence.every((o) => ['high', 'medium', 'low'].includes(o.value)));
    // Severity and confidence keep their natural order, whatever the counts.
    const order = ['critical', 'high', 'medium', 'low', 'informational'];
    const ranks = f.severity.map((o) => order.indexOf(o.value));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    assert.deepEqual(f.confidence.map((o) => o.value), ['high', 'medium', 'low'].filter((v) => f.confidence.some((o) => o.value === v)));
    assert.equal(f.problems, lintProblems.size);
    assert.equal(f.flagged, rules.filter((r) => r.problems.length > 0 || r.flags.length > 0).length);
  });

  test('two filters: each facet leaves out its own filter, and agrees with the rules', () => {
    const filters: RuleFilters = { technique: ['T1219'], table: ['DeviceNetworkEvents'] };
    const f = store.facets(filters);
    for (const name of FACET_NAMES) {
      assert.deepEqual(new Map(f[name].map((o) => [o.value, o.count])), expectedCounts(filters, name), name);
    }
    // With the technique filter left out of its own facet, other techniques still show.
    assert.ok(f.technique.length > 1);
    // The checked value's count is the number of rules the feed shows.
    const total = store.searchRules(filters, { limit: 0, offset: 0 }).total;
    assert.equal(f.table.find((o) => o.value === 'DeviceNetworkEvents')!.count, total);
  });

  test('a parent technique filter keeps its sub-techniques; labels name the technique', () => {
    const f = store.facets({ technique: ['T1078'], source: ['Azure-Sentinel'] });
    const total = store.searchRules({ technique: ['T1078'], source: ['Azure-Sentinel'] }, { limit: 0, offset: 0 }).total;
    assert.equal(f.source.find((o) => o.value === 'Azure-Sentinel')!.count, total);
    assert.equal(f.technique.find((o) => o.value === 'T1219')!.label, 'T1219 Remote Access Tools');
  });

  test('the text filter and the yes/no filters narrow every facet', () => {
    const filters: RuleFilters = { text: 'addigy', confidence: ['high'] };
    const f = store.facets(filters);
    const total = store.searchRules(filters, { limit: 0, offset: 0 }).total;
    assert.ok(total > 0);
    assert.equal(f.confidence.find((o) => o.value === 'high')!.count, total);
    assert.equal(f.source.reduce((n, o) => n + o.count, 0), total);
    const withProblems = store.facets({ ...filters, problems: true });
    assert.equal(withProblems.problems, f.problems, 'the yes/no count leaves out its own filter');
    assert.equal(withProblems.source.reduce((n, o) => n + o.count, 0), store.searchRules({ ...filters, problems: true }, { limit: 0, offset: 0 }).total);
  });

  test('a write through the same connection rebuilds the index', () => {
    const before = store.facets({}).kind;
    const id = rules.find((r) => r.kind === 'hunting')!.id;
    store.db.prepare("UPDATE rules SET kind = 'zz-test' WHERE id = ?").run(id);
    try {
      assert.deepEqual(store.facets({}).kind.find((o) => o.value === 'zz-test'), { value: 'zz-test', label: 'zz-test', count: 1 });
    } finally {
      store.db.prepare("UPDATE rules SET kind = 'hunting' WHERE id = ?").run(id);
    }
    assert.deepEqual(store.facets({}).kind, before);
  });
});
