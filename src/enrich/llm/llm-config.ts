/** Configuration of the optional language-model provider (an OpenAI-compatible chat-completions endpoint). Off unless an endpoint and a model are given. */

export interface LlmConfig {
  /** Base URL (`https://api.openai.com/v1`) or the full `…/chat/completions` URL. */
  endpoint: string;
  model: string;
  /** Sent as a Bearer token when set. */
  apiKey: string | null;
  /** Per-request timeout. */
  timeoutMs: number;
}

export const DEFAULT_LLM_TIMEOUT_MS = 30_000;

/**
 * The provider configuration from the environment: `SOCFEED_LLM_ENDPOINT`, `SOCFEED_LLM_MODEL`,
 * `SOCFEED_LLM_API_KEY` (else `OPENAI_API_KEY`), `SOCFEED_LLM_TIMEOUT_MS`. Null (off) unless
 * both an endpoint and a model are set.
 */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const endpoint = env['SOCFEED_LLM_ENDPOINT']?.trim();
  const model = env['SOCFEED_LLM_MODEL']?.trim();
  if (!endpoint || !model) return null;
  const timeout = Number(env['SOCFEED_LLM_TIMEOUT_MS']);
  return {
    endpoint,
    model,
    apiKey: env['SOCFEED_LLM_API_KEY']?.trim() || env['OPENAI_API_KEY']?.trim() || null,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_LLM_TIMEOUT_MS,
  };
}

/** The chat-completions URL of an endpoint (`…/v1` → `…/v1/chat/completions`; a full URL is kept). */
export function chatCompletionsUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, '');
  return /\/chat\/completions$/.test(trimmed) ? trimmed : `${trimmed}/chat/completions`;
}
