import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** Root of this repository. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The read-only `shared/` folder that CI lays beside the checkout. */
export const SHARED = resolve(REPO_ROOT, '../shared');
export const CORPUS = resolve(SHARED, 'corpus');
export const ATTACK_BUNDLE = resolve(SHARED, 'attack/enterprise-attack.json');
export const SCHEMAS = resolve(SHARED, 'schemas');
export const TELEMETRY = resolve(SHARED, 'telemetry');
/** The reference rule of PRODUCT.md, relative to the azure-sentinel corpus root. */
export const REFERENCE_RULE_PATH =
  'Hunting Queries/Microsoft 365 Defender/RemoteManagementMonitoring/rmm_Addigy_netconn.yaml';
