/** The optional language-model provider: import from here. */
export { rewriteEnrichment, type RewriteOptions, type RewriteResult } from './rewrite-enrichment.js';
export { llmConfigFromEnv, type LlmConfig } from './llm-config.js';
export { FileLlmCache, MemoryLlmCache, llmCacheKey, type LlmCache } from './llm-cache.js';
export { PROMPT_VERSION } from './prompt.js';
