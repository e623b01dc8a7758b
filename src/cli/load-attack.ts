/** The ATT&CK knowledge base a reading command needs: the configured bundle, the cached copy preferred. */
import { dirname } from 'node:path';
import { loadAttackKnowledgeBase, type AttackKnowledgeBase } from '../attack/index.js';
import type { SocfeedConfig } from '../config/config-types.js';
import { resolveAttackBundle } from '../sync/attack-bundle.js';

/** Loads the configuration's ATT&CK bundle (a URL is read from the sync's cache next to the catalog when there). */
export async function loadConfiguredAttack(config: SocfeedConfig): Promise<AttackKnowledgeBase> {
  const bundle = await resolveAttackBundle(config.attack, dirname(config.db), { preferCache: true });
  if (bundle.warning) process.stderr.write(`socfeed: ${bundle.warning}\n`);
  return loadAttackKnowledgeBase(bundle.path);
}
