import { html, type Html } from './html.js';
import { layout } from './layout.js';
import { feedUrl } from '../feed-query.js';
import type { Facets, RuleFilters, ValueCount } from '../../store/catalog-store.js';
import type { CoverageCell, CoverageMatrix } from '../coverage/coverage-matrix.js';
import { coverageQueryString, type CoverageQuery, type CoverageShade } from '../coverage/coverage-query.js';

export type { CoverageCell, CoverageMatrix, CoverageTactic } from '../coverage/coverage-matrix.js';

type Option = { value: string; count: number };

export interface CoverageViewData {
  matrix: CoverageMatrix;
  query: CoverageQuery;
  /** Values offered in the form, from the unfiltered catalog. */
  options: Pick<Facets, 'source' | 'language' | 'kind' | 'table'> & { status: ValueCount[] };
}

/** Upper bounds of shades 1–3; 4 is anything above. A full catalog has hundreds of rules for common techniques. */
const SHADE_LIMITS = [4, 19, 99];

/** Shade bucket 0–4 for a rule count: none, 1–4, 5–19, 20–99, 100+. */
export function shadeOf(count: number): number {
  if (count <= 0) return 0;
  const i = SHADE_LIMITS.findIndex((limit) => count <= limit);
  return i === -1 ? 4 : i + 1;
}

/** The CSS class that shades a cell under the chosen shading. */
export function cellClass(cell: CoverageCell, shade: CoverageShade): string {
  if (shade === 'confidence') return cell.count === 0 ? 'c-none' : `c-${cell.confidence ?? 'unknown'}`;
  if (shade === 'data') return cell.status === 'runnable' ? 'd-runnable' : cell.status === 'missing-data' ? 'd-missing' : 'd-none';
  return `s${shadeOf(cell.count)}`;
}


/**
 * What the cell says besides its count, in words (so colour is never the only signal): the
 * words shown, and the ones before them that only the accessible name carries for want of room.
 */
function cellNote(cell: CoverageCell, shade: CoverageShade): { hidden: string; shown: string } | null {
  if (cell.count === 0) return null;
  if (shade === 'confidence') return { hidden: 'best confidence ', shown: cell.confidence ?? 'not enriched' };
  if (shade === 'data') return { hidden: '', shown: cell.runnable > 0 ? `${cell.runnable} runnable` : 'needs data' };
  return null;
}

function cellLink(cell: CoverageCell, data: CoverageViewData): Html {
  const { shade, filters } = data.query;
  const note = cellNote(cell, shade);
  const hidden = (text: string) => html`<span class="visually-hidden">${text}</span>`;
  // No aria-label: the link's own text, with the words short of room visually hidden, reads
  // "T1219 Remote Access Tools: 3 rules, best confidence high" and so contains everything shown
  // (WCAG 2.5.3, label in name). The CSS puts the name first and the count last.
  const noteText = note ? html`<span class="note">${hidden(`, ${note.hidden}`)}${note.shown}</span>` : '';
  return html`<a class="cell ${cellClass(cell, shade)}" href="${feedUrl({ ...feedFilters(filters), technique: [cell.id] })}"><span class="tid">${cell.id}</span> <span class="tname">${cell.name}</span>${hidden(':')} <span class="tcount">${cell.count}</span>${hidden(cell.count === 1 ? ' rule' : ' rules')}${noteText}</a>`;
}

/** The feed has no status filter: links to it carry the others. */
function feedFilters(filters: RuleFilters): RuleFilters {
  const { status: _status, ...rest } = filters;
  return rest;
}

function techniqueItem(cell: CoverageCell, data: CoverageViewData): Html {
  if (cell.subtechniques.length === 0) return html`<li>${cellLink(cell, data)}</li>`;
  const covered = cell.subtechniques.filter((s) => s.count > 0).length;
  return html`<li>${cellLink(cell, data)}<details><summary>${cell.subtechniques.length} sub-techniques, ${covered} covered</summary><ul>${cell.subtechniques.map(
    (s) => html`<li>${cellLink(s, data)}</li>`,
  )}</ul></details></li>`;
}

function filterSelect(name: 'source' | 'language' | 'kind' | 'status', label: string, options: Option[], filters: RuleFilters): Html {
  const current = filters[name]?.[0] ?? '';
  return html`<div><label for="cov-${name}">${label}</label>
<select id="cov-${name}" name="${name}"><option value="">Any</option>${options.map(
    (o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.value} (${o.count})</option>`,
  )}</select></div>`;
}

const SHADE_LABELS: Record<CoverageShade, string> = {
  count: 'Number of rules',
  confidence: 'Best confidence',
  data: 'Data I have',
};

function shadeChoice(current: CoverageShade): Html {
  return html`<fieldset class="shade"><legend>Shade cells by</legend>${(Object.keys(SHADE_LABELS) as CoverageShade[]).map(
    (s) => html`<label><input type="radio" name="shade" value="${s}"${s === current ? html` checked` : ''}> ${SHADE_LABELS[s]}</label>`,
  )}</fieldset>`;
}

/** "Data I have": a checkbox per table / log source in the catalog (most used first). */
function haveFieldset(data: CoverageViewData): Html {
  const have = new Set(data.query.have ?? []);
  // A chosen table the catalog does not name any more must stay visible (and uncheckable).
  const known = new Set(data.options.table.map((o) => o.value));
  // Ticked ones first, so a long list does not hide the choice.
  const tables: Option[] = [
    ...[...have].filter((t) => !known.has(t)).map((value) => ({ value, count: 0 })),
    ...data.options.table.filter((o) => have.has(o.value)),
    ...data.options.table.filter((o) => !have.has(o.value)),
  ];
  return html`<details class="have"${data.query.have !== null ? html` open` : ''}>
<summary>Data I have <span class="count">(${have.size} selected)</span></summary>
<p class="hint">Tick the tables and log sources you collect, then apply. A KQL rule runs when every table its query reads is ticked; Sigma, Elastic and Splunk rules list alternatives, and one of them is enough. Rules naming no data source never count as runnable.</p>
<p class="have-find" hidden><label for="have-filter">Find a table</label> <input type="search" id="have-filter" class="have-filter"></p>
<fieldset class="have-list"><legend class="visually-hidden">Tables and log sources</legend><ul>${tables.map(
    (o) => html`<li><label><input type="checkbox" name="have" value="${o.value}"${have.has(o.value) ? html` checked` : ''}> <span class="opt">${o.value}</span> <span class="count">${o.count}</span></label></li>`,
  )}</ul></fieldset>
<p><a class="forget" href="/coverage">Clear the selection</a></p>
</details>`;
}

function legend(data: CoverageViewData): Html {
  const item = (cls: string, text: string) => html`<li><span class="cell ${cls}"></span> ${text}</li>`;
  if (data.query.shade === 'confidence') {
    return html`<ul class="legend" aria-label="Legend">${item('c-high', 'high')}${item('c-medium', 'medium')}${item('c-low', 'low')}${item('c-unknown', 'not enriched')}${item('c-none', 'no rule')}</ul>`;
  }
  if (data.query.shade === 'data') {
    const parents = uniqueParents(data.matrix);
    const n = (status: string) => parents.filter((c) => c.status === status).length;
    return html`<ul class="legend" aria-label="Legend">${item('d-runnable', `covered by rules you can run: ${n('runnable')}`)}${item(
      'd-missing',
      `covered only by rules needing data you do not have: ${n('missing-data')}`,
    )}${item('d-none', `not covered: ${n('none')}`)}</ul>`;
  }
  return html`<ul class="legend" aria-label="Legend">${item('s0', 'none')}${item('s1', '1–4')}${item('s2', '5–19')}${item('s3', '20–99')}${item('s4', '100+')}</ul>`;
}

/** Each technique once (a technique sits under every tactic it belongs to). */
function uniqueParents(matrix: CoverageMatrix): CoverageCell[] {
  return [...new Map(matrix.tactics.flatMap((t) => t.techniques).map((c) => [c.id, c])).values()];
}

/** The ATT&CK matrix: tactics as columns in matrix order, techniques shaded by rule count, confidence or the data I have. */
export function coveragePage(data: CoverageViewData): Html {
  const { matrix, query } = data;
  const { filters } = query;
  const unique = uniqueParents(matrix);
  const covered = unique.filter((c) => c.count > 0).length;
  const qs = coverageQueryString(query);
  const body = html`<section class="coverage" aria-labelledby="coverage-title">
<h1 id="coverage-title">ATT&amp;CK coverage</h1>
<p class="summary">${covered} of ${unique.length} techniques have at least one rule. Each cell opens the feed filtered by that technique; counts include sub-techniques.</p>
<form class="coverage-form" method="get" action="/coverage" aria-label="Filter coverage" data-needs-server>
<div class="coverage-filters">
${filterSelect('source', 'Source', data.options.source, filters)}
${filterSelect('language', 'Language', data.options.language, filters)}
${filterSelect('kind', 'Kind', data.options.kind, filters)}
${filterSelect('status', 'Status', data.options.status, filters)}
${shadeChoice(query.shade)}
<button type="submit">Apply</button>
</div>
${haveFieldset(data)}
</form>
<p class="downloads">Download: <a href="/coverage/layer.json${qs}" download="socfeed-layer.json">ATT&amp;CK Navigator layer (JSON)</a> · <a href="/coverage.csv${qs}" download="socfeed-coverage.csv">CSV</a></p>
${legend(data)}
<div class="matrix" role="region" aria-label="ATT&amp;CK matrix" tabindex="0">
${matrix.tactics.map((t) => {
    const n = t.techniques.filter((c) => c.count > 0).length;
    return html`<section class="tactic" aria-labelledby="tac-${t.id}">
<h2 id="tac-${t.id}"><a href="${feedUrl({ ...feedFilters(filters), tactic: [t.id] })}">${t.name}</a> <span class="tid">${t.id}</span></h2>
<p class="tsum">${n} / ${t.techniques.length} covered</p>
<ul>${t.techniques.map((c) => techniqueItem(c, data))}</ul>
</section>`;
  })}
</div>
</section>`;
  return layout({ title: 'ATT&CK coverage', section: 'coverage', body, scripts: ['coverage'] });
}
