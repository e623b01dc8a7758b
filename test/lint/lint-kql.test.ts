import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../../src/catalog/rule.js';
import { loadTableSchemas, parseSchemaFile } from '../../src/kql/schema/load-schemas.js';
import { lintKqlRule } from '../../src/lint/index.js';
import { REFERENCE_RULE_PATH, SCHEMAS } from '../helpers/shared.js';
import { corpusRule, realAttack } from '../enrich/corpus-rule.js';

function schemaFile(folder: string, table: string) {
  const path = join(SCHEMAS, folder, `${table}.json`);
  return [parseSchemaFile(path, readFileSync(path, 'utf8'), [])!];
}

const DEFENDER_DNE = schemaFile('defender', 'DeviceNetworkEvents');
const SENTINEL_DNE = schemaFile('sentinel', 'DeviceNetworkEvents');
const ALL = [...loadTableSchemas([join(SCHEMAS, 'sentinel'), join(SCHEMAS, 'defender')]).tables.values()];

/** A catalog rule around a hand-written query, for unit cases. */
function kqlRule(query: string, extra: Partial<Rule> = {}): Rule {
  const base = corpusRule('sentinel', REFERENCE_RULE_PATH);
  return { ...base, id: 'test-rule', query, raw: `query: |\n${query.split('\n').map((l) => `  ${l}`).join('\n')}\n`, ...extra };
}

describe('lint of the reference rule and its variant (real schemas)', () => {
  const reference = corpusRule('sentinel', REFERENCE_RULE_PATH);

  test('clean against the current Defender DeviceNetworkEvents schema (ATT&CK check included)', () => {
    assert.deepEqual(lintKqlRule(reference, { schemas: DEFENDER_DNE, attack: realAttack() }), []);
  });

  test('against the older Sentinel copy it names exactly InitiatingProcessVersionInfoCompanyName, at its place in the query and the file', () => {
    const findings = lintKqlRule(reference, { schemas: SENTINEL_DNE });
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.code, 'unknown-column');
    assert.equal(f?.severity, 'error');
    assert.match(f!.message, /InitiatingProcessVersionInfoCompanyName/);
    // Query line 20 is "      and isempty(InitiatingProcessVersionInfoCompanyName)"; the YAML block adds 12 lines and 2 columns.
    assert.deepEqual([f?.line, f?.column, f?.fileLine, f?.fileColumn], [20, 17, 32, 19]);
  });

  test('the rmm-tools variant groups by AccountUpn, which DeviceNetworkEvents does not have', () => {
    const variant = corpusRule('rmm', 'RMM/Addigy/rmm_Addigy_netconn.yaml');
    const findings = lintKqlRule(variant, { schemas: DEFENDER_DNE });
    assert.deepEqual(findings.map((f) => [f.code, f.line]), [['unknown-column', 23]]);
    assert.match(findings[0]!.message, /AccountUpn/);
  });

  test('against both folders (defender overriding sentinel) the reference rule is clean', () => {
    assert.deepEqual(lintKqlRule(reference, { schemas: ALL }), []);
  });
});

describe('lint findings on other real rules', () => {
  test('an upstream quoting mistake is a syntax error (Detect Outbound LDAP Traffic: eventresult=\'Failure")', () => {
    const rule = corpusRule('sentinel', 'Solutions/Network Session Essentials/Hunting Queries/Detect Outbound LDAP Traffic(ASIM Network Session schema).yaml');
    const findings = lintKqlRule(rule, { schemas: ALL, attack: realAttack() });
    assert.ok(findings.some((f) => f.code === 'syntax-error'));
    // Its T1071 is mapped under Initial Access and Execution only.
    assert.ok(findings.some((f) => f.code === 'technique-tactic-mismatch' && /T1071/.test(f.message)));
  });

  test('ASIM parser and watchlist in a real hunting query: each named once, no "fuzzy name" echo', () => {
    const rule = corpusRule('sentinel', 'Solutions/Network Session Essentials/Hunting Queries/DetectPortMisuseByAnomalyHunting.yaml');
    const codes = lintKqlRule(rule, { schemas: ALL }).map((f) => f.code);
    assert.equal(codes.filter((c) => c === 'asim-parser').length, 1);
    assert.ok(codes.includes('workspace-function'));
    assert.ok(!codes.includes('semantic-error'), codes.join());
  });
});

describe('lint checks on hand-written queries', () => {
  test('syntax error with its position; binder echoes suppressed', () => {
    const findings = lintKqlRule(kqlRule('DeviceNetworkEvents\n| where RemoteUrl == '), { schemas: DEFENDER_DNE });
    assert.deepEqual(findings.map((f) => f.code), ['syntax-error']);
    assert.equal(findings[0]?.line, 2);
  });

  test('unknown table is one finding, not one per column', () => {
    const findings = lintKqlRule(kqlRule('NoSuchTable\n| where Timestamp > ago(1d) and Foo == "x" and Bar has "yyy"'), { schemas: DEFENDER_DNE });
    assert.deepEqual(findings.map((f) => [f.code, f.line, f.column]), [['unknown-table', 1, 1]]);
  });

  test('ASIM parser and workspace function are named as such; a misspelt built-in is an unknown function', () => {
    const findings = lintKqlRule(
      kqlRule('_Im_NetworkSession(starttime=ago(1d))\n| where DstIpAddr == "10.0.0.1"\n| extend u = tolowr(SrcUsername)\n| join kind=inner (_GetWatchlist("vips")) on $left.SrcUsername == $right.SearchKey'),
      { schemas: ALL },
    );
    const codes = findings.map((f) => f.code);
    assert.ok(codes.includes('asim-parser'), codes.join());
    assert.ok(codes.includes('workspace-function'), codes.join());
    assert.ok(codes.includes('unknown-function'), codes.join());
    assert.match(findings.find((f) => f.code === 'unknown-function')!.message, /tolowr/);
    assert.equal(findings.find((f) => f.code === 'asim-parser')?.severity, 'warning');
  });

  test('no time filter is a warning for hunting queries, not for scheduled analytics (queryPeriod)', () => {
    const q = 'DeviceNetworkEvents\n| where RemoteUrl has "evil.example"';
    assert.deepEqual(lintKqlRule(kqlRule(q), { schemas: DEFENDER_DNE }).map((f) => [f.code, f.severity]), [['no-time-filter', 'warning']]);
    assert.deepEqual(lintKqlRule(kqlRule(q, { extra: { queryPeriod: '1d' } }), { schemas: DEFENDER_DNE }), []);
  });

  test('has with a term shorter than 3 characters, at the comparison', () => {
    const findings = lintKqlRule(kqlRule('DeviceNetworkEvents\n| where Timestamp > ago(1d)\n| where RemoteUrl has_any ("ab", "longer") or RemotePort has "8"'), { schemas: DEFENDER_DNE });
    const short = findings.filter((f) => f.code === 'short-has-term');
    assert.equal(short.length, 2);
    assert.match(short[0]!.message, /"ab"/);
    assert.equal(short[0]!.line, 3);
  });

  test('technique without a matching tactic (T1219 under Persistence)', () => {
    const rule = kqlRule('DeviceNetworkEvents | where Timestamp > ago(1d)', { tactics: [{ id: 'TA0003', shortname: 'persistence', name: 'Persistence' }] });
    const findings = lintKqlRule(rule, { schemas: DEFENDER_DNE, attack: realAttack() });
    assert.deepEqual(findings.map((f) => f.code), ['technique-tactic-mismatch']);
    assert.match(findings[0]!.message, /T1219 Remote Access Tools belongs to Command and Control/);
  });

  test('without schemas (parse only): syntax, ASIM and workspace functions, time filter, short has; no table or column findings', () => {
    const findings = lintKqlRule(kqlRule('imProcessCreate\n| where CommandLine has "ab"\n| join (_GetWatchlist("x")) on $left.A == $right.B'), { schemas: null });
    assert.deepEqual(findings.map((f) => f.code).sort(), ['asim-parser', 'no-time-filter', 'short-has-term', 'workspace-function']);
    assert.deepEqual(lintKqlRule(corpusRule('rmm', 'RMM/Addigy/rmm_Addigy_netconn.yaml'), { schemas: null }), []);
    assert.deepEqual(lintKqlRule(kqlRule('T | where A == '), { schemas: null }).map((f) => f.code), ['syntax-error']);
  });
});
