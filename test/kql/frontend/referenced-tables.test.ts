import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CORPUS, REFERENCE_RULE_PATH } from '../../helpers/shared.js';
import { parseQuerySyntax } from '../../../src/kql/frontend/kusto.js';
import { referencedSources, referencedTables } from '../../../src/kql/frontend/referenced-tables.js';

const SENTINEL = join(CORPUS, 'azure-sentinel');

function corpusQuery(path: string): string {
  const doc = parse(readFileSync(join(SENTINEL, path), 'utf8')) as { query: string };
  return doc.query;
}

describe('referencedTables on real corpus rules', () => {
  test('the reference rule reads DeviceNetworkEvents only (its let-bound scalars are not tables)', () => {
    assert.deepEqual(referencedTables(corpusQuery(REFERENCE_RULE_PATH)), ['DeviceNetworkEvents']);
  });

  test('a let-function reading table(param) resolves the literal arguments of its calls', () => {
    // aadFunc = (tableName:string){ table(tableName) | … }; aadFunc("SigninLogs"); aadFunc("AADNonInteractiveUserSignInLogs"); union …
    const q = corpusQuery('Solutions/Microsoft Entra ID/Analytic Rules/BypassCondAccessRule.yaml');
    assert.deepEqual(referencedTables(q), ['SigninLogs', 'AADNonInteractiveUserSignInLogs']);
  });

  test('a let inside a function body hides its name; the table behind it is reported', () => {
    // let ProcessCreationEvents=() { let processEvents=SecurityEvent | …; processEvents }; … join kind=anti (encodedPSScripts …)
    const q = corpusQuery('Hunting Queries/SecurityEvent/powershell_newencodedscipts.yaml');
    assert.deepEqual(referencedTables(q), ['SecurityEvent']);
  });

  test('ASIM parsers and watchlists are reported as functions, materialize() looked into', () => {
    const q = corpusQuery('Solutions/Network Session Essentials/Hunting Queries/DetectPortMisuseByAnomalyHunting.yaml');
    const sources = referencedSources(q);
    assert.deepEqual(sources.find((s) => s.name === '_GetWatchlist'), { name: '_GetWatchlist', kind: 'function' });
    assert.deepEqual(sources.find((s) => s.name === '_Im_NetworkSession'), { name: '_Im_NetworkSession', kind: 'function' });
    assert.ok(!sources.some((s) => s.name === 'mapping' || s.name === 'eps'), 'let names are not sources');
  });
});

describe('referencedTables on small queries', () => {
  test('union legs, parenthesized legs, database().T and wildcards', () => {
    assert.deepEqual(referencedTables("union isfuzzy=true withsource=Src A, (B | where x), database('d').C, Dev*"), [
      'A',
      'B',
      'C',
      'Dev*',
    ]);
  });

  test('join and lookup right sides, toscalar and materialize arguments, table("X")', () => {
    const q =
      "let m = materialize(M); let n = toscalar(N | count); T | join kind=inner (U | project b) on b | lookup V on c | join m on d; table('W') | take 1";
    assert.deepEqual(referencedTables(q), ['M', 'N', 'T', 'U', 'V', 'W']);
  });

  test('a name used before a let of the same name is a table; after it, not', () => {
    assert.deepEqual(referencedTables('let T = T | where a > 1; T | count'), ['T']);
    assert.deepEqual(referencedTables('let S = X; S | count'), ['X']);
  });

  test('lambda parameters are local to the lambda', () => {
    assert.deepEqual(referencedTables('let f = (T:(a:long)) { T | count }; T | take 1'), ['T']);
    assert.deepEqual(referencedTables('let f = (T:(a:long)) { T | count }; f(A)'), []);
  });

  test('ASIM names without parentheses are flagged as functions; calls to unknown functions too', () => {
    assert.deepEqual(referencedSources('imProcessCreate | take 1; _Im_Dns(starttime=ago(1d)) | take 1; Heartbeat'), [
      { name: 'imProcessCreate', kind: 'function' },
      { name: '_Im_Dns', kind: 'function' },
      { name: 'Heartbeat', kind: 'table' },
    ]);
  });

  test('built-in tabular expressions and as-names are not sources', () => {
    assert.deepEqual(referencedTables('datatable(a:long)[1] | as X; X | join (range i from 1 to 3 step 1) on $left.a == $right.i; print 1'), []);
  });

  test('never throws: a broken query still yields the names it can read, empty text yields none', () => {
    assert.deepEqual(referencedTables('SecurityEvent | where EventID == 4624 | where ('), ['SecurityEvent']);
    assert.deepEqual(referencedTables(''), []);
    assert.deepEqual(referencedTables(')))((( | | |'), []);
  });
});

test('parseQuerySyntax hands a second caller of the same text the same tree (sync\'s tables and enrichment share one parse)', () => {
  const query = 'DeviceNetworkEvents | where RemotePort == 443 | take 10';
  const first = parseQuerySyntax(query);
  assert.equal(parseQuerySyntax(query), first);
  assert.notEqual(parseQuerySyntax(`${query} | count`), first);
  assert.deepEqual(referencedTables(query), ['DeviceNetworkEvents']);
});
