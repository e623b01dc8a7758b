/** Cache of model answers keyed by (rule content hash, model, prompt version), so a re-sync repeats no request. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RewrittenProse } from './prompt.js';

export interface LlmCache {
  get(key: string): RewrittenProse | undefined;
  set(key: string, value: RewrittenProse): void;
}

/** The cache key of one rule's rewrite. */
export function llmCacheKey(contentHash: string, model: string, promptVersion: string): string {
  return createHash('sha256').update(`${contentHash}\u0000${model}\u0000${promptVersion}`).digest('hex');
}

/** An in-process cache (tests, one-off runs). */
export class MemoryLlmCache implements LlmCache {
  private readonly entries = new Map<string, RewrittenProse>();
  get(key: string): RewrittenProse | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: RewrittenProse): void {
    this.entries.set(key, value);
  }
}

/** A cache of one JSON file per key under `dir` (kept beside the catalog), written atomically. */
export class FileLlmCache implements LlmCache {
  constructor(private readonly dir: string) {}
  get(key: string): RewrittenProse | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as RewrittenProse;
    } catch {
      return undefined;
    }
  }
  set(key: string, value: RewrittenProse): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${key}.json`);
    writeFileSync(`${file}.part`, JSON.stringify(value));
    renameSync(`${file}.part`, file);
  }
}
