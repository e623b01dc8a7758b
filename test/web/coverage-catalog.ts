import type { Rule } from '../../src/catalog/rule.js';
import type { ConfidenceLevel, Enrichment } from '../../src/enrich/enrichment.js';
import { ENRICHMENT_VERSION } from '../../src/enrich/enrichment.js';
import { writeEnrichments } from '../../src/enrich/persist/enrichment-rows.js';
import { handBuiltCatalog, type HandBuiltCatalog } from './hand-built-catalog.js';
import { sampleRule } from './sample-rule.js';

/**
 * A small catalog for the coverage, layer, CSV and Atom tests; every expected value in those
 * tests is worked out by hand from this list:
 *
 * | rule  | source          | lang  | status     | techniques           | tables                                   | confidence |
 * | kql-a | Azure-Sentinel  | kql   | –          | T1219                | DeviceNetworkEvents                      | high       |
 * | kql-b | Azure-Sentinel  | kql   | –          | T1219, T1071.001     | DeviceNetworkEvents, DeviceProcessEvents | low        |
 * | sig-c | SigmaHQ         | sigma | test       | T1059.001            | windows/process_creation                 | medium     |
 * | sig-d | SigmaHQ         | sigma | stable     | T1059.001, T1059.003 | windows/ps_script                        | low        |
 * | ela-e | Elastic         | eql   | production | T1059                | endpoint, winlogbeat-* (alternatives)    | –          |
 * | kql-f | reprise99       | kql   | –          | T1071                | (none)                                   | –          |
 * | spl-g | =HYPERLINK(…)   | spl   | production | T1219, T1090         | Sysmon EventID 3, Zeek Conn (alternatives)| –         |
 *
 * Times (first seen → last changed), newest change first: kql-b 12-03 (added), kql-a 12-02
 * (changed, first seen 11-01), spl-g 12-01 (added), sig-d 11-20 (changed), sig-c 10-01, ela-e
 * 09-01, kql-f 08-01 (all 2026). kql-b's description and spl-g's name carry markup, sig-c's
 * description a BEL control character.
 *
 * Rule counts (a parent counts its sub-techniques' rules): T1219 3 (a, b, g), T1071 2 (f, b),
 * T1071.001 1 (b), T1059 3 (e, c, d), T1059.001 2 (c, d), T1059.003 1 (d), T1090 1 (g).
 */

/** A source name a spreadsheet would run as a formula. */
export const FORMULA_SOURCE = '=HYPERLINK("https://evil.example")';

const t = (id: string, name: string) => ({ id, name, known: true });
const exec = [{ id: 'TA0002', shortname: 'execution', name: 'Execution' }];

export const COVERAGE_RULES: Rule[] = [
  sampleRule({ id: 'kql-a', name: 'RMM A', techniques: [t('T1219', 'Remote Access Tools')], dataSources: ['DeviceNetworkEvents'],
    firstSeen: '2026-11-01T08:00:00.000Z', lastChanged: '2026-12-02T09:00:00.000Z' }),
  sampleRule({ id: 'kql-b', name: 'RMM B', path: 'Hunting Queries/b.yaml', description: 'Beacons <b>bold</b> & "quoted"',
    techniques: [t('T1219', 'Remote Access Tools'), t('T1071.001', 'Web Protocols')], dataSources: ['DeviceNetworkEvents', 'DeviceProcessEvents'],
    firstSeen: '2026-12-03T10:00:00.000Z', lastChanged: '2026-12-03T10:00:00.000Z' }),
  sampleRule({ id: 'sig-c', name: 'PowerShell C', description: 'Rings a bell \u0007 that XML 1.0 cannot carry', source: 'SigmaHQ', format: 'sigma', language: 'sigma', status: 'test', tactics: exec,
    techniques: [t('T1059.001', 'PowerShell')], dataSources: ['windows/process_creation'], path: 'rules/c.yml',
    firstSeen: '2026-10-01T08:00:00.000Z', lastChanged: '2026-10-01T08:00:00.000Z' }),
  sampleRule({ id: 'sig-d', name: 'Shells D', source: 'SigmaHQ', format: 'sigma', language: 'sigma', status: 'stable', tactics: exec,
    techniques: [t('T1059.001', 'PowerShell'), t('T1059.003', 'Windows Command Shell')], dataSources: ['windows/ps_script'], path: 'rules/d.yml',
    firstSeen: '2026-10-02T08:00:00.000Z', lastChanged: '2026-11-20T08:00:00.000Z' }),
  sampleRule({ id: 'ela-e', name: 'Interpreter E', source: 'Elastic', format: 'elastic', language: 'eql', status: 'production', tactics: exec,
    techniques: [t('T1059', 'Command and Scripting Interpreter')], dataSources: ['endpoint', 'winlogbeat-*'], path: 'rules/e.toml',
    firstSeen: '2026-09-01T08:00:00.000Z', lastChanged: '2026-09-01T08:00:00.000Z' }),
  sampleRule({ id: 'kql-f', name: 'Beacon F', source: 'reprise99', format: 'kql', techniques: [t('T1071', 'Application Layer Protocol')],
    dataSources: [], path: 'f.kql', firstSeen: '2026-08-01T08:00:00.000Z', lastChanged: '2026-08-01T08:00:00.000Z' }),
  sampleRule({ id: 'spl-g', name: 'Proxy <script>alert(1)</script> G', source: FORMULA_SOURCE, format: 'splunk', language: 'spl', status: 'production',
    techniques: [t('T1219', 'Remote Access Tools'), t('T1090', 'Proxy')], dataSources: ['Sysmon EventID 3', 'Zeek Conn'], path: 'g.yml',
    firstSeen: '2026-12-01T08:00:00.000Z', lastChanged: '2026-12-01T08:00:00.000Z' }),
];

const CONFIDENCE: Record<string, ConfidenceLevel> = { 'kql-a': 'high', 'kql-b': 'low', 'sig-c': 'medium', 'sig-d': 'low' };

function enrichmentWith(level: ConfidenceLevel): Enrichment {
  return {
    version: ENRICHMENT_VERSION,
    hypothesis: 'h',
    falsePositives: [],
    attack: [],
    dataSources: [],
    references: [],
    confidence: { level, score: 0, reasons: [] },
    author: { kind: 'deterministic' },
  };
}

/** The catalog above, with the confidence levels stored the way sync's enrichment pass stores them. */
export function coverageCatalog(): HandBuiltCatalog {
  const catalog = handBuiltCatalog(COVERAGE_RULES);
  writeEnrichments(
    catalog.store.db,
    COVERAGE_RULES.filter((r) => CONFIDENCE[r.id]).map((r) => ({ ruleId: r.id, contentHash: r.contentHash, stored: { enrichment: enrichmentWith(CONFIDENCE[r.id]!), lint: [] } })),
  );
  return catalog;
}
