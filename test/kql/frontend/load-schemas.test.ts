import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMAS } from '../../helpers/shared.js';
import { loadTableSchemas } from '../../../src/kql/schema/load-schemas.js';

describe('loadTableSchemas on the real schema folders', () => {
  const { tables, problems } = loadTableSchemas([join(SCHEMAS, 'sentinel'), join(SCHEMAS, 'defender')]);

  test('every file loads, lower-case keys (AlertEvidence) included', () => {
    const alert = tables.get('AlertEvidence');
    assert.ok(alert);
    assert.equal(alert.columns.length, 40);
    assert.deepEqual(alert.columns.find((c) => c.name === 'TimeGenerated'), { name: 'TimeGenerated', type: 'datetime' });
  });

  test('type spellings normalize: String, Datetime, BigInt, Float', () => {
    const csl = tables.get('CommonSecurityLog')!;
    const types = new Set(csl.columns.map((c) => c.type));
    assert.ok(!types.has('dynamic'), 'no column fell back to dynamic');
    const sentinelDne = loadTableSchemas([join(SCHEMAS, 'sentinel')]).tables.get('DeviceNetworkEvents')!;
    assert.deepEqual(sentinelDne.columns.find((c) => c.name === 'Timestamp'), { name: 'Timestamp', type: 'datetime' });
  });

  test('defender/ overrides sentinel/: DeviceNetworkEvents has the VersionInfo columns', () => {
    const dne = tables.get('DeviceNetworkEvents')!;
    assert.equal(dne.columns.length, 49);
    assert.ok(dne.columns.some((c) => c.name === 'InitiatingProcessVersionInfoCompanyName'));
  });

  test('ThreatIntelligenceIndicator.json names Malware_data_CL inside: both names load, with a problem', () => {
    assert.ok(tables.get('Malware_data_CL'));
    assert.equal(tables.get('ThreatIntelligenceIndicator')?.columns.length, 64);
    assert.ok(problems.some((p) => p.includes('ThreatIntelligenceIndicator.json') && p.includes('Malware_data_CL')));
  });

  test('IdentityDirectoryEvents lists a column twice: kept once, reported', () => {
    const ide = tables.get('IdentityDirectoryEvents')!;
    const names = ide.columns.map((c) => c.name);
    assert.equal(new Set(names).size, names.length);
    assert.ok(problems.some((p) => p.includes('IdentityDirectoryEvents.json') && p.includes('listed twice')));
  });
});

describe('loadTableSchemas on bad input', () => {
  test('invalid JSON, a missing folder and an unknown type are problems, not crashes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'Bad.json'), '{ "Name": ');
    writeFileSync(join(dir, 'a', 'T.json'), '\uFEFF{"name":"T","properties":[{"name":"x","type":"Weird"},{"Name":"y","Type":"int64"}]}');
    const { tables, problems } = loadTableSchemas([join(dir, 'a'), join(dir, 'missing')]);
    assert.deepEqual(tables.get('T')?.columns, [
      { name: 'x', type: 'dynamic' },
      { name: 'y', type: 'long' },
    ]);
    assert.equal(problems.length, 3);
  });
});
