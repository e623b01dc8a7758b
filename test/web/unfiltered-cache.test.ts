import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogWriter } from '../../src/store/catalog-writer.js';
import { withUnfilteredCache } from '../../src/web/unfiltered-cache.js';
import { handBuiltCatalog } from './hand-built-catalog.js';
import { sampleRule } from './sample-rule.js';

test('unfiltered answers are kept until the next sync; filtered ones always come from the store', () => {
  const catalog = handBuiltCatalog([sampleRule({ id: 'a' }), sampleRule({ id: 'b', path: 'b.yaml' })]);
  try {
    const cached = withUnfilteredCache(catalog.store);
    const count = (f: ReturnType<typeof cached.facets>) => f.source.find((s) => s.value === 'Azure-Sentinel')?.count;
    assert.equal(count(cached.facets({})), 2);
    assert.equal(cached.searchRules({}, { limit: 10, offset: 0 }).total, 2);
    assert.equal(cached.coverage({}).get('T1219'), 2);

    // A change that is not a sync (no new run recorded): the cache keeps its answers…
    catalog.store.db.prepare("DELETE FROM rules WHERE id = 'b'").run();
    assert.equal(count(cached.facets({})), 2);
    assert.equal(cached.searchRules({}, { limit: 10, offset: 0 }).total, 2);
    // …while a filtered query sees the store as it is.
    assert.equal(cached.searchRules({ source: ['Azure-Sentinel'] }, { limit: 10, offset: 0 }).total, 1);

    // A sync lands: everything is read afresh.
    const at = '2026-12-04T00:00:00.000Z';
    new CatalogWriter(catalog.store.db).commitSync({
      startedAt: at,
      finishedAt: at,
      sources: [
        {
          source: 'Azure-Sentinel',
          upsert: [sampleRule({ id: 'c', path: 'c.yaml' }), sampleRule({ id: 'd', path: 'd.yaml' })],
          removeIds: [],
          upsertFiles: [],
          removeFiles: [],
          state: { commit: null, retrievedAt: at, contextHash: 'x' },
        },
      ],
      dropSources: [],
      problems: [],
      summary: [],
    });
    assert.equal(count(cached.facets({})), 3);
    assert.equal(cached.searchRules({}, { limit: 10, offset: 0 }).total, 3);
    assert.equal(cached.coverage({}).get('T1219'), 3);
  } finally {
    catalog.dispose();
  }
});
