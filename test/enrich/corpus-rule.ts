/**
 * Test helper: one real corpus file → catalog rules, through the real adapter and the real
 * sync rule builder, with the real ATT&CK knowledge base (loaded once per process).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAttackKnowledgeBase, type AttackKnowledgeBase } from '../../src/attack/index.js';
import { adapterFor } from '../../src/catalog/adapters/index.js';
import type { Rule, SourceFormat } from '../../src/catalog/rule.js';
import type { SourceConfig } from '../../src/config/config-types.js';
import { buildRule } from '../../src/sync/build-rule.js';
import { ATTACK_BUNDLE, CORPUS } from '../helpers/shared.js';

let attack: AttackKnowledgeBase | null = null;

/** The real ATT&CK v18.1 knowledge base, loaded on first use. */
export function realAttack(): AttackKnowledgeBase {
  attack ??= loadAttackKnowledgeBase(ATTACK_BUNDLE);
  return attack;
}

/** Sources as `config/shared-corpus.json` names them: corpus folder, format, source name, tags. */
export const CORPUS_SOURCES = {
  sentinel: { folder: 'azure-sentinel', format: 'sentinel', name: 'Azure-Sentinel', tags: ['microsoft', 'official'], repo: 'https://github.com/Azure/Azure-Sentinel' },
  rmm: { folder: 'rmm-tools', format: 'sentinel', name: 'RMM-Tools', tags: ['rmm', 'community'], repo: 'https://github.com/jischell-msft/RemoteManagementMonitoringTools' },
  sigma: { folder: 'sigma', format: 'sigma', name: 'SigmaHQ', tags: ['sigmahq', 'community'], repo: 'https://github.com/SigmaHQ/sigma' },
  elastic: { folder: 'elastic', format: 'elastic', name: 'Elastic', tags: ['elastic', 'official'], repo: 'https://github.com/elastic/detection-rules' },
  splunk: { folder: 'splunk', format: 'splunk', name: 'Splunk', tags: ['splunk', 'official'], repo: 'https://github.com/splunk/security_content' },
  reprise99: { folder: 'reprise99-sentinel-queries', format: 'kql', name: 'reprise99', tags: ['community'], repo: 'https://github.com/reprise99/Sentinel-Queries' },
  m365: { folder: 'm365-defender-hunting-queries', format: 'kql', name: 'M365-Defender-Hunting-Queries', tags: ['microsoft', 'community'], repo: 'https://github.com/microsoft/Microsoft-365-Defender-Hunting-Queries' },
} as const satisfies Record<string, { folder: string; format: SourceFormat; name: string; tags: string[]; repo: string }>;

/** Every rule of one corpus file, as sync would build them (times left empty). */
export function corpusRules(source: keyof typeof CORPUS_SOURCES, path: string): Rule[] {
  const s = CORPUS_SOURCES[source];
  const adapter = adapterFor(s.format);
  if (!adapter) throw new Error(`no adapter for ${s.format}`);
  const root = join(CORPUS, s.folder);
  const config: SourceConfig = {
    name: s.name,
    format: s.format,
    location: { kind: 'dir', path: root },
    paths: ['**'],
    repo: s.repo,
    ref: 'main',
    tags: [...s.tags],
    manifest: null,
  };
  const result = adapter.parse({ path, text: readFileSync(join(root, path), 'utf8') });
  return result.rules.map((parsed) => buildRule(parsed, { source: config, commit: 'main', attack: realAttack() }));
}

/** The one rule of a corpus file (throws when the file gives none). */
export function corpusRule(source: keyof typeof CORPUS_SOURCES, path: string): Rule {
  const [rule] = corpusRules(source, path);
  if (!rule) throw new Error(`${source}:${path} gave no rule`);
  return rule;
}
