// Load time of the ATT&CK knowledge base: the cost every sync and serve process pays once.
// Usage: npx tsx bench/attack-load.ts [BUNDLE] [RUNS]   (BUNDLE defaults to ../shared/attack/enterprise-attack.json)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadAttackKnowledgeBase } from '../src/attack/index.js';

const path = resolve(process.argv[2] ?? '../shared/attack/enterprise-attack.json');
const runs = Number(process.argv[3] ?? 5);

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

// The first load is the one a process really pays (cold JIT, file maybe not in page cache).
const [kb, first] = time(() => loadAttackKnowledgeBase(path));
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
const [text, readMs] = time(() => readFileSync(path, 'utf8'));
const [, parseMs] = time(() => JSON.parse(text) as unknown);
const later: number[] = [];
for (let i = 0; i < runs; i++) later.push(time(() => loadAttackKnowledgeBase(path))[1]);
later.sort((a, b) => a - b);

const [, lookupsMs] = time(() => {
  for (const t of kb.allTechniques()) {
    kb.mitigations(t.id);
    kb.usedBy(t.id);
    kb.detectionStrategies(t.id);
  }
});

console.log(`bundle ${path}`);
console.log(`first load: ${first.toFixed(0)} ms (heap after: ${heapMb.toFixed(0)} MB)`);
console.log(`of which at least: read ${readMs.toFixed(0)} ms, JSON.parse ${parseMs.toFixed(0)} ms`);
console.log(`later loads (${runs}): median ${later[Math.floor(runs / 2)]!.toFixed(0)} ms, max ${later.at(-1)!.toFixed(0)} ms`);
console.log(`mitigations + usedBy + detectionStrategies for all ${kb.allTechniques().length} techniques: ${lookupsMs.toFixed(0)} ms`);
