import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRuleQuery } from '../../src/analysis/index.js';
import { enrichRule } from '../../src/enrich/index.js';
import { parseSchemaFile } from '../../src/kql/schema/load-schemas.js';
import { lintKqlRule } from '../../src/lint/index.js';
import { rulePageData } from '../../src/web/rule-page-model.js';
import { rulePage } from '../../src/web/views/rule.js';
import { REFERENCE_RULE_PATH, SCHEMAS } from '../helpers/shared.js';
import { corpusRule, realAttack } from './corpus-rule.js';

describe('the rule page shows the stored enrichment and lint findings', () => {
  const rule = corpusRule('sentinel', REFERENCE_RULE_PATH);
  const enrichment = enrichRule(rule, { attack: realAttack(), analysis: analyzeRuleQuery(rule) });

  test('reference rule: hypothesis, confidence with reasons, data source notes, detection strategy, tuning, references, clean lint', () => {
    const page = rulePage(rulePageData(rule, realAttack(), { enrichment, lint: [] })).toString();
    assert.ok(page.includes('Addigy, a legitimate remote monitoring and management (RMM) tool'));
    assert.match(page, /class="confidence confidence-high">high</);
    assert.ok(page.includes('Published by the product vendor'));
    assert.ok(page.includes('MicrosoftThreatProtection (declared by the rule)'));
    assert.ok(page.includes('DET0496'));
    assert.match(page, /<em>Tuning:<\/em> Allow-list the devices your IT or MSP manages/);
    assert.ok(page.includes('https://github.com/jischell-msft/RemoteManagementMonitoringTools'));
    assert.match(page, /id="lint".*No problems found/s);
    assert.doesNotMatch(page, /AI-generated/);
  });

  test('lint findings against the older schema are listed with their code; AI-written prose is labelled', () => {
    const path = join(SCHEMAS, 'sentinel/DeviceNetworkEvents.json');
    const lint = lintKqlRule(rule, { schemas: [parseSchemaFile(path, readFileSync(path, 'utf8'), [])!] });
    const ai = { ...enrichment, hypothesis: 'Prose from a model.', author: { kind: 'ai' as const, model: 'm', promptVersion: 'p' } };
    const page = rulePage(rulePageData(rule, realAttack(), { enrichment: ai, lint })).toString();
    assert.match(page, /<code>unknown-column<\/code> line 20:17 — Unknown column InitiatingProcessVersionInfoCompanyName/);
    assert.match(page, /<strong>AI-generated<\/strong> by m/);
  });

  test('rule text inside the enrichment is escaped', () => {
    const evil = { ...rule, description: '<img src=x onerror=alert(1)> steals things. More.' };
    const e = enrichRule({ ...evil, techniques: [] }, { attack: realAttack(), analysis: analyzeRuleQuery(evil) });
    const page = rulePage(rulePageData(evil, realAttack(), { enrichment: e, lint: [] })).toString();
    assert.ok(!page.includes('<img src=x'));
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  test('without a stored enrichment the page falls back to the rule file and says confidence is not yet assessed', () => {
    const page = rulePage(rulePageData(rule, realAttack(), null)).toString();
    assert.match(page, /not yet assessed/);
    assert.doesNotMatch(page, /id="lint"/);
  });
});
