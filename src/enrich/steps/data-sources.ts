/**
 * Required data sources: for each table, log source, index or data model the query reads, the
 * product and connector behind it, the columns the rule relies on, and the notes a user needs
 * before running it (time column, ASIM parsers, macros, custom tables).
 */
import type { AnalysisSource, QueryAnalysis } from '../../analysis/index.js';
import type { Rule } from '../../catalog/rule.js';
import { isDefenderTable, kqlTableInfo } from '../catalog/kql-tables.js';
import { EQL_CATEGORIES, splunkDatamodelInfo } from '../catalog/other-sources.js';
import { sigmaLogsourceInfo } from '../catalog/sigma-logsources.js';
import type { RequiredDataSource } from '../enrichment.js';
import { listOf } from '../phrases.js';

/** What the rows of a source are, for the hypothesis, and the data components they document. */
export interface SourceRows {
  rows: string;
  dataComponents: string[];
}

/** Sentinel `requiredDataConnectors` of the rule: data type → connector id. */
function declaredConnectors(rule: Pick<Rule, 'extra'>): Map<string, string> {
  const out = new Map<string, string>();
  const raw = rule.extra['requiredDataConnectors'];
  if (!Array.isArray(raw)) return out;
  for (const entry of raw as { connectorId?: unknown; dataTypes?: unknown }[]) {
    if (!entry || typeof entry.connectorId !== 'string') continue;
    for (const t of Array.isArray(entry.dataTypes) ? entry.dataTypes : []) if (typeof t === 'string') out.set(t, entry.connectorId);
  }
  return out;
}

function kqlSource(source: AnalysisSource, analysis: QueryAnalysis, connectors: Map<string, string>, single: boolean): RequiredDataSource {
  const columns = single ? analysis.columns : [];
  if (source.kind === 'function') {
    const asim = /^(_?(im|ASim)[A-Z]|_(Im|ASim)_)/.test(source.name);
    return {
      name: source.name,
      kind: 'function',
      product: asim ? 'ASIM (Advanced Security Information Model) parser' : 'workspace function',
      connector: asim ? 'any connector whose data the ASIM parsers normalize' : 'defined in the workspace (saved function or watchlist)',
      columns,
      notes: [
        asim
          ? `${source.name} is an ASIM parser: deploy the ASIM parsers to the workspace, and connect at least one source they normalize.`
          : `${source.name} is not a table: the workspace must define this function${source.name === '_GetWatchlist' ? ' (a watchlist with the alias the query names must exist)' : ''}.`,
      ],
    };
  }
  const info = kqlTableInfo(source.name);
  const notes: string[] = [];
  const timeColumns = analysis.columns.filter((c) => c === 'Timestamp' || c === 'TimeGenerated');
  if (isDefenderTable(source.name)) {
    notes.push(
      timeColumns.includes('TimeGenerated') && !timeColumns.includes('Timestamp')
        ? `The query uses TimeGenerated, which ${source.name} has only in a Microsoft Sentinel workspace; in Defender XDR advanced hunting the event time is Timestamp.`
        : `${source.name} uses Timestamp for the event time in Defender XDR advanced hunting; the copy streamed to Microsoft Sentinel also has TimeGenerated (ingestion time), which Sentinel's time picker filters on.`,
    );
  }
  if (!info.known) notes.push(source.name.endsWith('_CL') ? `${source.name} is a custom log table: its columns depend on how it is ingested.` : `${source.name} is not in our table catalog: check that the workspace has it.`);
  const declared = connectors.get(source.name);
  return {
    name: source.name,
    kind: 'table',
    product: info.product,
    connector: declared ? `${declared} (declared by the rule)` : info.connector,
    columns,
    notes,
  };
}

/** The required data sources of a rule, one per source the analysis found (the rule's declared data sources when it found none). */
export function requiredDataSources(rule: Pick<Rule, 'extra' | 'dataSources' | 'language'>, analysis: QueryAnalysis): RequiredDataSource[] {
  const connectors = declaredConnectors(rule);
  const sources: AnalysisSource[] = analysis.sources.length ? analysis.sources : rule.dataSources.map((name) => ({ name, kind: 'index' as const }));
  const single = sources.length === 1;
  const fields = analysis.columns;
  const out: RequiredDataSource[] = [];
  for (const s of sources) {
    if (rule.language === 'kql') {
      out.push(kqlSource(s, analysis, connectors, single));
    } else if (s.kind === 'logsource' && analysis.sigma) {
      const info = sigmaLogsourceInfo(analysis.sigma.logsource);
      const tables = info ? [...info.defenderTables, ...info.sentinelTables] : [];
      out.push({
        name: s.name,
        kind: 'logsource',
        product: info ? info.producer : 'a product emitting this Sigma log source',
        connector: info ? `Defender XDR: ${listOf(info.defenderTables) || 'none'}; Sentinel: ${listOf(info.sentinelTables) || 'none'}` : 'no Sentinel / Defender table mapped (see docs/sigma-logsource-mapping.md)',
        columns: fields,
        notes: [
          `Sigma field names (${listOf(fields.slice(0, 4)) || 'none'}) must be mapped to the target's columns by a Sigma backend or pipeline before the rule runs.`,
          ...(info && tables.length ? [`In Microsoft tools these events are in ${listOf(tables)}.`] : []),
          ...(analysis.sigma.logsource.definition ? [`Upstream note: ${analysis.sigma.logsource.definition}`] : []),
        ],
      });
    } else if (s.kind === 'event-category') {
      const info = EQL_CATEGORIES[s.name];
      out.push({ name: s.name, kind: s.kind, product: info?.product ?? 'Elastic integrations', connector: info?.connector ?? 'see the rule integrations', columns: fields, notes: ['EQL event category: the indices listed must hold events with this `event.category`.'] });
    } else if (s.kind === 'datamodel') {
      const info = splunkDatamodelInfo(s.name);
      out.push({ name: s.name, kind: s.kind, product: info?.product ?? 'a Splunk CIM data model', connector: info?.connector ?? 'add-ons mapping to this data model', columns: fields, notes: ['The search reads an accelerated CIM data model (`tstats`): the data model must be accelerated and fed by CIM-compliant add-ons.'] });
    } else if (s.kind === 'macro') {
      out.push({ name: s.name, kind: s.kind, product: 'Splunk search macro', connector: 'defined in Splunk (security_content macros)', columns: fields, notes: [`The macro \`${s.name}\` sets the index and sourcetype; define it for your environment.`] });
    } else {
      const integrations = Array.isArray(rule.extra['integrations']) ? (rule.extra['integrations'] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      out.push({
        name: s.name,
        kind: s.kind,
        product: s.kind === 'index' ? 'Elasticsearch index pattern' : `Splunk ${s.kind}`,
        connector: integrations.length ? `Elastic integrations: ${listOf(integrations)}` : 'the index or sourcetype named',
        columns: fields,
        notes: [],
      });
    }
  }
  return out;
}

/** What the rows of the rule's main source are (`network connections`), and every data component its sources document. */
export function sourceRows(rule: Pick<Rule, 'language'>, analysis: QueryAnalysis): SourceRows {
  const components = new Set<string>();
  let rows: string | null = null;
  for (const s of analysis.sources) {
    let info: { rows: string; dataComponents: string[] } | null = null;
    if (rule.language === 'kql' && s.kind === 'table') info = kqlTableInfo(s.name);
    else if (s.kind === 'logsource' && analysis.sigma) info = sigmaLogsourceInfo(analysis.sigma.logsource);
    else if (s.kind === 'event-category') info = EQL_CATEGORIES[s.name] ?? null;
    else if (s.kind === 'datamodel') info = splunkDatamodelInfo(s.name);
    if (!info) continue;
    rows ??= info.rows;
    for (const c of info.dataComponents) components.add(c);
  }
  return { rows: rows ?? 'events', dataComponents: [...components] };
}
