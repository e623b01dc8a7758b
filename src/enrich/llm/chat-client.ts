/** A minimal OpenAI-compatible chat-completions client: one request, JSON mode, a timeout, typed failures. */
import { chatCompletionsUrl, type LlmConfig } from './llm-config.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Why a completion failed: the HTTP status, a timeout, a network error or a reply that is not a completion. */
export class LlmRequestError extends Error {
  override name = 'LlmRequestError';
  constructor(
    message: string,
    readonly kind: 'http' | 'timeout' | 'network' | 'malformed',
  ) {
    super(message);
  }
}

/** Sends `messages` and returns the first choice's content; throws `LlmRequestError` for anything else. */
export async function chatCompletion(config: LlmConfig, messages: ChatMessage[]): Promise<string> {
  const url = chatCompletionsUrl(config.endpoint);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({ model: config.model, messages, temperature: 0, response_format: { type: 'json_object' } }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new LlmRequestError(`${url}: no reply within ${config.timeoutMs} ms`, 'timeout');
    throw new LlmRequestError(`${url}: ${e.message}`, 'network');
  }
  let body: string;
  try {
    body = await response.text();
  } catch (err) {
    const e = err as Error;
    throw new LlmRequestError(`${url}: ${e.name === 'TimeoutError' || e.name === 'AbortError' ? `no reply within ${config.timeoutMs} ms` : e.message}`, e.name === 'TimeoutError' ? 'timeout' : 'network');
  }
  if (!response.ok) throw new LlmRequestError(`${url}: HTTP ${response.status} ${body.slice(0, 200)}`, 'http');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new LlmRequestError(`${url}: the reply is not JSON`, 'malformed');
  }
  const content = (json as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new LlmRequestError(`${url}: the reply has no choices[0].message.content`, 'malformed');
  return content;
}
