import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sigmaLogsourceInfo, sigmaLogsourceTable } from '../../src/enrich/catalog/sigma-logsources.js';
import { REPO_ROOT } from '../helpers/shared.js';

test('docs/sigma-logsource-mapping.md lists every log source of the code table with its tables', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/sigma-logsource-mapping.md'), 'utf8');
  for (const [key, info] of sigmaLogsourceTable()) {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
    assert.ok(row, `row for ${key}`);
    for (const t of [...info.defenderTables, ...info.sentinelTables]) assert.ok(row.includes(t), `${key}: ${t}`);
  }
});

test('lookup: windows by category or service, others by product/category, unknown → null', () => {
  assert.deepEqual(sigmaLogsourceInfo({ product: 'windows', category: 'process_creation' })?.defenderTables, ['DeviceProcessEvents']);
  assert.deepEqual(sigmaLogsourceInfo({ product: 'windows', service: 'security' })?.sentinelTables, ['SecurityEvent']);
  assert.deepEqual(sigmaLogsourceInfo({ product: 'azure', service: 'signinlogs' })?.sentinelTables, ['SigninLogs', 'AADNonInteractiveUserSignInLogs']);
  assert.deepEqual(sigmaLogsourceInfo({ category: 'proxy' })?.sentinelTables, ['CommonSecurityLog']);
  assert.equal(sigmaLogsourceInfo({ product: 'zeek', service: 'smb_files' }), null);
});
