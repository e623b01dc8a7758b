import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRuleQuery } from '../../src/analysis/index.js';
import { enrichRule } from '../../src/enrich/index.js';
import { FileLlmCache, llmConfigFromEnv, MemoryLlmCache, PROMPT_VERSION, rewriteEnrichment, type LlmConfig } from '../../src/enrich/llm/index.js';
import { REFERENCE_RULE_PATH } from '../helpers/shared.js';
import { corpusRule, realAttack } from './corpus-rule.js';

type Mode = 'ok' | 'http-500' | 'slow' | 'not-json' | 'no-choices' | 'wrong-shape';

describe('optional language-model provider against a local OpenAI-compatible server', () => {
  const rule = corpusRule('sentinel', REFERENCE_RULE_PATH);
  const analysis = analyzeRuleQuery(rule);
  const deterministic = enrichRule(rule, { attack: realAttack(), analysis });
  let server: Server;
  let mode: Mode = 'ok';
  const requests: { auth: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  let config: LlmConfig;

  const prose = {
    hypothesis: 'An intruder who installs Addigy agents (T1219) can keep a command-and-control channel; look in DeviceNetworkEvents for prod.addigy.com.',
    falsePositives: deterministic.falsePositives.map((n, i) => ({ text: `Rewritten note ${i}: ${n.text}`, tuning: n.tuning })),
  };

  function reply(res: import('node:http').ServerResponse, status: number, body: string) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  }

  before(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      requests.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
      const completion = (content: string) => JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
      switch (mode) {
        case 'ok':
          return reply(res, 200, completion(JSON.stringify(prose)));
        case 'http-500':
          return reply(res, 500, '{"error":{"message":"overloaded"}}');
        case 'slow':
          setTimeout(() => reply(res, 200, completion(JSON.stringify(prose))), 1500);
          return;
        case 'not-json':
          return reply(res, 200, '<html>gateway</html>');
        case 'no-choices':
          return reply(res, 200, '{"choices":[]}');
        case 'wrong-shape':
          return reply(res, 200, completion(JSON.stringify({ hypothesis: 'too short', falsePositives: [] })));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    // Generous for a loaded machine; the timeout case sets its own short one.
    config = { endpoint: `http://127.0.0.1:${port}/v1`, model: 'test-model', apiKey: 'sk-test', timeoutMs: 10_000 };
  });

  after(() => new Promise<void>((r) => server.close(() => r())));

  test('off by default: no configuration from an empty environment, and no request is sent', async () => {
    assert.equal(llmConfigFromEnv({}), null);
    assert.equal(llmConfigFromEnv({ SOCFEED_LLM_ENDPOINT: 'http://127.0.0.1:1/v1' }), null, 'a model is needed too');
    const before = requests.length;
    const r = await rewriteEnrichment(rule, deterministic, analysis, { config: null, cache: new MemoryLlmCache() });
    assert.equal(r.outcome, 'off');
    assert.equal(r.enrichment, deterministic);
    assert.equal(requests.length, before);
  });

  test('generated: validated prose replaces hypothesis and notes, labelled AI-generated; the request speaks the protocol', async () => {
    mode = 'ok';
    const r = await rewriteEnrichment(rule, deterministic, analysis, { config, cache: new MemoryLlmCache() });
    assert.equal(r.outcome, 'generated');
    assert.equal(r.enrichment.hypothesis, prose.hypothesis);
    assert.deepEqual(r.enrichment.author, { kind: 'ai', model: 'test-model', promptVersion: PROMPT_VERSION });
    assert.equal(r.enrichment.falsePositives[0]?.origin, deterministic.falsePositives[0]?.origin);
    assert.match(r.enrichment.falsePositives[0]!.text, /^Rewritten note 0/);
    const last = requests.at(-1)!;
    assert.equal(last.auth, 'Bearer sk-test');
    assert.equal(last.body.model, 'test-model');
    assert.deepEqual(last.body.messages.map((m) => m.role), ['system', 'user']);
    assert.match(last.body.messages[1]!.content, /prod\.addigy\.com/);
  });

  test('cached by (content hash, model, prompt version): a second run sends no request, even from a new process (file cache)', async () => {
    mode = 'ok';
    const dir = mkdtempSync(join(tmpdir(), 'socfeed-llm-'));
    try {
      const first = await rewriteEnrichment(rule, deterministic, analysis, { config, cache: new FileLlmCache(dir) });
      assert.equal(first.outcome, 'generated');
      const count = requests.length;
      const second = await rewriteEnrichment(rule, deterministic, analysis, { config, cache: new FileLlmCache(dir) });
      assert.equal(second.outcome, 'cached');
      assert.equal(second.enrichment.hypothesis, prose.hypothesis);
      assert.equal(requests.length, count);
      const otherModel = await rewriteEnrichment(rule, deterministic, analysis, { config: { ...config, model: 'other' }, cache: new FileLlmCache(dir) });
      assert.equal(otherModel.outcome, 'generated');
      assert.equal(requests.length, count + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [failure, expected] of [
    ['http-500', /HTTP 500/],
    ['slow', /no reply within 300 ms/],
    ['not-json', /not JSON/],
    ['no-choices', /no choices\[0\]\.message\.content/],
    ['wrong-shape', /rejected: hypothesis must be/],
  ] as [Mode, RegExp][]) {
    test(`falls back to the deterministic text on ${failure}`, async () => {
      mode = failure;
      const cache = new MemoryLlmCache();
      const r = await rewriteEnrichment(rule, deterministic, analysis, { config: failure === 'slow' ? { ...config, timeoutMs: 300 } : config, cache });
      assert.equal(r.outcome, 'fallback');
      assert.match(r.reason!, expected);
      assert.equal(r.enrichment, deterministic);
      assert.deepEqual(r.enrichment.author, { kind: 'deterministic' });
    });
  }

  test('a connection refused falls back too', async () => {
    const r = await rewriteEnrichment(rule, deterministic, analysis, { config: { ...config, endpoint: 'http://127.0.0.1:1/v1' }, cache: new MemoryLlmCache() });
    assert.equal(r.outcome, 'fallback');
  });
});
