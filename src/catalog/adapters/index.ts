/** The format → adapter registry: the one place that knows which adapters exist. */
import type { SourceFormat } from '../rule.js';
import type { SourceAdapter } from './adapter.js';
import { elasticAdapter } from './elastic.js';
import { kqlAdapter } from './kql.js';
import { sentinelAdapter } from './sentinel.js';
import { sigmaAdapter } from './sigma.js';
import { splunkAdapter } from './splunk.js';

const ADAPTERS: SourceAdapter[] = [sentinelAdapter, sigmaAdapter, elasticAdapter, splunkAdapter, kqlAdapter];

/** The adapter reading `format`, or null when none is registered (yet). */
export function adapterFor(format: SourceFormat): SourceAdapter | null {
  return ADAPTERS.find((a) => a.format === format) ?? null;
}

/** Formats that have an adapter. */
export function supportedFormats(): SourceFormat[] {
  return ADAPTERS.map((a) => a.format);
}
