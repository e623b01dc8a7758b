import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRuleQuery } from '../../src/analysis/index.js';
import { analyzeKql } from '../../src/analysis/kql.js';
import { REFERENCE_RULE_PATH } from '../helpers/shared.js';
import { corpusRule } from '../enrich/corpus-rule.js';

const DAY = 86_400_000;

describe('KQL analysis of the reference rule (rmm_Addigy_netconn.yaml)', () => {
  // Expectations read off the YAML by hand: two has_any lists, one isempty, a between on
  // Timestamp with let-bound now(-5d) / now(), one summarize by DeviceId, DeviceName, RemoteUrl.
  const analysis = analyzeRuleQuery(corpusRule('sentinel', REFERENCE_RULE_PATH));

  test('parses cleanly and reads DeviceNetworkEvents', () => {
    assert.equal(analysis.parsed, true);
    assert.deepEqual(analysis.syntaxErrors, []);
    assert.deepEqual(analysis.sources, [{ name: 'DeviceNetworkEvents', kind: 'table' }]);
  });

  test('RemoteUrl has_any the three Addigy domains', () => {
    const f = analysis.filters.find((x) => x.field === 'RemoteUrl');
    assert.ok(f);
    assert.equal(f.operator, 'has_any');
    assert.equal(f.negated, false);
    assert.deepEqual(f.values, ['prod.addigy.com', 'grtmprod.addigy.com', 'agents.addigy.com']);
    assert.equal(f.line, 6);
  });

  test('InitiatingProcessFileName has_any the seven agent process names', () => {
    const f = analysis.filters.find((x) => x.field === 'InitiatingProcessFileName');
    assert.equal(f?.operator, 'has_any');
    assert.deepEqual(f?.values, ['go-agent', 'auditor', 'collector', 'xpcproxy', 'lan-cache', 'mdmclient', 'launchd']);
  });

  test('isempty(InitiatingProcessVersionInfoCompanyName) is a filter with no values', () => {
    const f = analysis.filters.find((x) => x.field === 'InitiatingProcessVersionInfoCompanyName');
    assert.equal(f?.operator, 'isempty');
    assert.deepEqual(f?.values, []);
    assert.equal(f?.negated, false);
  });

  test('the window is now(-5d)..now() on Timestamp, through the let names', () => {
    assert.equal(analysis.timeWindow?.column, 'Timestamp');
    assert.equal(analysis.timeWindow?.lookbackMs, 5 * DAY);
    assert.equal(analysis.timeWindow?.toMs, 0);
  });

  test('summarize by DeviceId, DeviceName, RemoteUrl; no thresholds, no joins', () => {
    assert.deepEqual(analysis.aggregations.map((a) => a.keys), [['DeviceId', 'DeviceName', 'RemoteUrl']]);
    assert.deepEqual(analysis.thresholds, []);
    assert.deepEqual(analysis.joins, []);
  });

  test('columns read are the table columns, not the names the query declares', () => {
    assert.deepEqual(analysis.columns, [
      'Timestamp',
      'RemoteUrl',
      'InitiatingProcessFileName',
      'InitiatingProcessVersionInfoCompanyName',
      'ReportId',
      'DeviceId',
      'DeviceName',
    ]);
    assert.ok(!analysis.columns.includes('Time_start') && !analysis.columns.includes('FirstSeen'));
  });
});

describe('KQL analysis: operators, negation, windows, thresholds, joins', () => {
  const a = analyzeKql(`let lookback = 7d;
let bad = dynamic(["a.exe", "b.exe"]);
SigninLogs
| where TimeGenerated > ago(lookback)
| where FileName in~ (bad) and CommandLine !has "xyz" and not(AccountName == "svc")
| where isnotempty(IPAddress) and RemoteUrl matches regex @"^evil\\."
| summarize Count = count() by UserPrincipalName, bin(TimeGenerated, 1h)
| where Count > 10
| join kind=inner (AuditLogs | where OperationName == "Add member") on $left.UserPrincipalName == $right.InitiatedBy`);

  test('let-bound dynamic list resolves to its values', () => {
    const f = a.filters.find((x) => x.field === 'FileName');
    assert.equal(f?.operator, 'in~');
    assert.deepEqual(f?.values, ['a.exe', 'b.exe']);
  });

  test('!has and not(...) are negations; isnotempty is not', () => {
    assert.equal(a.filters.find((x) => x.field === 'CommandLine')?.negated, true);
    assert.equal(a.filters.find((x) => x.field === 'AccountName')?.negated, true);
    assert.equal(a.filters.find((x) => x.field === 'IPAddress')?.negated, false);
    assert.equal(a.filters.find((x) => x.field === 'RemoteUrl')?.operator, 'matches regex');
  });

  test('ago(let name) gives a 7-day look-back on TimeGenerated', () => {
    assert.equal(a.timeWindow?.column, 'TimeGenerated');
    assert.equal(a.timeWindow?.lookbackMs, 7 * DAY);
  });

  test('where Count > 10 after summarize is a threshold, not a filter', () => {
    assert.deepEqual(a.thresholds.map((t) => [t.field, t.operator, t.value]), [['Count', '>', 10]]);
    assert.ok(!a.filters.some((f) => f.field === 'Count'));
    assert.deepEqual(a.aggregations[0]?.keys, ['UserPrincipalName', 'bin(TimeGenerated, 1h)']);
  });

  test('join: kind, joined table and on clause', () => {
    assert.deepEqual(a.joins, [{ operator: 'join', kind: 'inner', tables: ['AuditLogs'], on: ['$left.UserPrincipalName == $right.InitiatedBy'] }]);
    assert.deepEqual(a.sources.map((s) => s.name), ['SigninLogs', 'AuditLogs']);
  });

  test('now() - 1h and between with absolute dates', () => {
    const b = analyzeKql('T | where Timestamp >= now() - 1h | where Port between (1000 .. 2000)');
    assert.equal(b.timeWindow?.lookbackMs, 3_600_000);
    assert.deepEqual(b.filters.find((f) => f.field === 'Port')?.values, ['1000', '2000']);
  });

  test('a syntax error is reported with its position, and the query is not parsed', () => {
    const bad = analyzeKql('T | where A == | project B');
    assert.equal(bad.parsed, false);
    assert.ok(bad.syntaxErrors.length > 0);
    assert.equal(bad.syntaxErrors[0]?.line, 1);
  });
});
