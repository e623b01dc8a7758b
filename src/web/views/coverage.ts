import { html, type Html } from './html.js';
import { layout } from './layout.js';
import { feedUrl } from '../feed-query.js';
import type { Facets, RuleFilters } from '../../store/catalog-store.js';

/** One technique cell with its rule count (parents include their sub-techniques' rules). */
export interface CoverageCell {
  id: string;
  name: string;
  count: number;
  subtechniques: CoverageCell[];
}

export interface CoverageTactic {
  id: string;
  shortname: string;
  name: string;
  techniques: CoverageCell[];
}

export interface CoverageMatrix {
  tactics: CoverageTactic[];
}

export interface CoverageViewData {
  matrix: CoverageMatrix;
  filters: RuleFilters;
  /** Values offered in the filter form (source, language, kind). */
  facets: Pick<Facets, 'source' | 'language' | 'kind'>;
}

/** Upper bounds of shades 1–3; 4 is anything above. A full catalog has hundreds of rules for common techniques. */
const SHADE_LIMITS = [4, 19, 99];

/** Shade bucket 0–4 for a rule count: none, 1–4, 5–19, 20–99, 100+. */
export function shadeOf(count: number): number {
  if (count <= 0) return 0;
  const i = SHADE_LIMITS.findIndex((limit) => count <= limit);
  return i === -1 ? 4 : i + 1;
}

function cellLink(cell: CoverageCell, filters: RuleFilters): Html {
  const rules = `${cell.count} rule${cell.count === 1 ? '' : 's'}`;
  return html`<a class="cell s${shadeOf(cell.count)}" href="${feedUrl({ ...filters, technique: [cell.id] })}" aria-label="${cell.id} ${cell.name}: ${rules}"><span class="tname">${cell.name}</span> <span class="tid">${cell.id}</span> <span class="tcount">${cell.count}</span></a>`;
}

function techniqueItem(cell: CoverageCell, filters: RuleFilters): Html {
  if (cell.subtechniques.length === 0) return html`<li>${cellLink(cell, filters)}</li>`;
  const covered = cell.subtechniques.filter((s) => s.count > 0).length;
  return html`<li>${cellLink(cell, filters)}<details><summary>${cell.subtechniques.length} sub-techniques, ${covered} covered</summary><ul>${cell.subtechniques.map(
    (s) => html`<li>${cellLink(s, filters)}</li>`,
  )}</ul></details></li>`;
}

function filterSelect(name: 'source' | 'language' | 'kind', label: string, data: CoverageViewData): Html {
  const current = data.filters[name]?.[0] ?? '';
  return html`<div><label for="cov-${name}">${label}</label>
<select id="cov-${name}" name="${name}"><option value="">Any</option>${data.facets[name].map(
    (o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.value} (${o.count})</option>`,
  )}</select></div>`;
}

/** The ATT&CK matrix: tactics as columns in matrix order, techniques shaded by rule count. */
export function coveragePage(data: CoverageViewData): Html {
  const { matrix, filters } = data;
  const all = matrix.tactics.flatMap((t) => t.techniques);
  const unique = new Map(all.map((c) => [c.id, c]));
  const covered = [...unique.values()].filter((c) => c.count > 0).length;
  const body = html`<section class="coverage" aria-labelledby="coverage-title">
<h1 id="coverage-title">ATT&amp;CK coverage</h1>
<p class="summary">${covered} of ${unique.size} techniques have at least one rule. Each cell opens the feed filtered by that technique; counts include sub-techniques.</p>
<form class="coverage-filters" method="get" action="/coverage" aria-label="Filter coverage">
${filterSelect('source', 'Source', data)}
${filterSelect('language', 'Language', data)}
${filterSelect('kind', 'Kind', data)}
<button type="submit">Apply</button>
</form>
<ul class="legend" aria-label="Legend">
<li><span class="cell s0"></span> none</li><li><span class="cell s1"></span> 1–4</li><li><span class="cell s2"></span> 5–19</li><li><span class="cell s3"></span> 20–99</li><li><span class="cell s4"></span> 100+</li>
</ul>
<div class="matrix" role="region" aria-label="ATT&amp;CK matrix" tabindex="0">
${matrix.tactics.map((t) => {
    const n = t.techniques.filter((c) => c.count > 0).length;
    return html`<section class="tactic" aria-labelledby="tac-${t.id}">
<h2 id="tac-${t.id}"><a href="${feedUrl({ ...filters, tactic: [t.id] })}">${t.name}</a> <span class="tid">${t.id}</span></h2>
<p class="tsum">${n} / ${t.techniques.length} covered</p>
<ul>${t.techniques.map((c) => techniqueItem(c, filters))}</ul>
</section>`;
  })}
</div>
</section>`;
  return layout({ title: 'ATT&CK coverage', section: 'coverage', body });
}
