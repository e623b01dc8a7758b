import { html, markedSnippet, shorten, type Html } from './html.js';
import { layout } from './layout.js';
import { badges } from './badges.js';
import type { Facets, RuleFilters, RuleSort, RuleSummary, SearchResult } from '../../store/catalog-store.js';
import { FILTER_PARAMS, feedQueryString, feedUrl, withoutValue, type FeedState, type FilterParam } from '../feed-query.js';

export interface FeedViewData {
  state: FeedState;
  result: SearchResult;
  facets: Facets;
  pageSize: number;
}

const FACET_TITLES: Record<FilterParam, string> = {
  source: 'Source',
  language: 'Language',
  kind: 'Kind',
  severity: 'Severity',
  confidence: 'Confidence',
  tactic: 'Tactic',
  technique: 'Technique',
  table: 'Table / log source',
  tag: 'Tag',
};

const SORT_LABELS: Record<RuleSort, string> = {
  relevance: 'Relevance',
  changed: 'Last changed',
  name: 'Name',
  severity: 'Severity',
};

/** Values shown at once per facet; the rest sit in a <details>, capped to keep the page light. */
const FACET_VISIBLE = 8;
const FACET_MAX = 60;
const DESCRIPTION_CHARS = 260;
/** A feed row shows a few of each list; the rule page shows all. */
const ROW_BADGE_LIMITS = { techniques: 3, tables: 3, tags: 4 };

/** Short plain-text label for the page title. */
function titleOf(filters: RuleFilters): string {
  return filters.text ? `“${filters.text}” — Feed` : 'Feed';
}

function facetOption(name: FilterParam, o: { value: string; label: string; count: number }, selected: boolean): Html {
  // Stores may give a bare name or one already prefixed with the id (`T1219 Remote Access Tools`).
  const label = !o.label || o.label === o.value ? o.value : o.label.startsWith(o.value) ? o.label : `${o.value} ${o.label}`;
  return html`<li><label><input type="checkbox" name="${name}" value="${o.value}"${selected ? html` checked` : ''}> <span class="opt">${label}</span> <span class="count">${o.count}</span></label></li>`;
}

/** One facet's checkboxes: selected and top values first, the long tail folded away. */
function facetFieldset(name: FilterParam, options: Facets[FilterParam], selectedValues: string[]): Html | null {
  const selected = new Set(selectedValues);
  // A selected value the store no longer counts (0 matches) must still be uncheckable.
  const known = new Set(options.map((o) => o.value));
  const all = [
    ...selectedValues.filter((v) => !known.has(v)).map((value) => ({ value, label: value, count: 0 })),
    ...options,
  ];
  if (all.length === 0) return null;
  const head = all.filter((o, i) => selected.has(o.value) || i < FACET_VISIBLE);
  const tail = all.filter((o, i) => !selected.has(o.value) && i >= FACET_VISIBLE);
  const shownTail = tail.slice(0, FACET_MAX);
  const hidden = tail.length - shownTail.length;
  return html`<fieldset class="facet">
<legend>${FACET_TITLES[name]}</legend>
<ul>${head.map((o) => facetOption(name, o, selected.has(o.value)))}</ul>
${shownTail.length > 0
    ? html`<details><summary>${tail.length} more</summary><ul>${shownTail.map((o) => facetOption(name, o, false))}</ul>${
        hidden > 0 ? html`<p class="hint">${hidden} rarer values not listed.</p>` : ''
      }</details>`
    : ''}
</fieldset>`;
}

/** The count beside a yes/no filter, when the store gave one. */
function toggleCount(n: number | undefined): Html | string {
  return n === undefined ? '' : html` <span class="count">${n}</span>`;
}

function filterForm(state: FeedState, facets: Facets): Html {
  const { filters, sort } = state;
  const sorts = (filters.text ? ['relevance', 'changed', 'name', 'severity'] : ['changed', 'name', 'severity']) as RuleSort[];
  return html`<form class="filters" method="get" action="/" role="search" aria-label="Search and filter rules">
<div class="searchbar">
  <label for="q">Search rules</label>
  <div class="row">
    <input id="q" name="q" type="search" value="${filters.text ?? ''}" placeholder="e.g. addigy, T1219" autocomplete="off">
    <button type="submit">Search</button>
  </div>
</div>
<div class="sortbar">
  <label for="sort">Sort by</label>
  <select id="sort" name="sort">${sorts.map(
    (s) => html`<option value="${s}"${s === sort ? html` selected` : ''}>${SORT_LABELS[s]}</option>`,
  )}</select>
</div>
<details class="facets" open>
<summary>Filters</summary>
${FILTER_PARAMS.map((name) => facetFieldset(name, facets[name] ?? [], filters[name] ?? []))}
<fieldset class="facet">
<legend>Problems</legend>
<label><input type="checkbox" name="flagged" value="1"${filters.flagged ? html` checked` : ''}> <span class="opt">Only flagged rules</span>${toggleCount(facets.flagged)}</label>
<label><input type="checkbox" name="problems" value="1"${filters.problems ? html` checked` : ''}> <span class="opt">Only rules with lint problems</span>${toggleCount(facets.problems)}</label>
</fieldset>
<button type="submit">Apply filters</button>
</details>
</form>`;
}

/** Removable chips for every active filter, plus "clear all". */
function activeFilters(filters: RuleFilters): Html {
  const chips: Html[] = [];
  if (filters.text) chips.push(chip(`Search: ${filters.text}`, withoutValue(filters, 'q')));
  for (const name of FILTER_PARAMS) {
    for (const v of filters[name] ?? []) chips.push(chip(`${FACET_TITLES[name]}: ${v}`, withoutValue(filters, name, v)));
  }
  if (filters.flagged) chips.push(chip('Only flagged', withoutValue(filters, 'flagged')));
  if (filters.problems) chips.push(chip('Has lint problems', withoutValue(filters, 'problems')));
  if (chips.length === 0) return html``;
  return html`<ul class="chips" aria-label="Active filters">${chips}<li><a href="/">Clear all</a></li></ul>`;
}

function chip(text: string, rest: RuleFilters): Html {
  return html`<li><a class="chip" href="${feedUrl(rest)}" aria-label="Remove filter ${text}">${text} <span aria-hidden="true">×</span></a></li>`;
}

/** One feed row: name linking to the rule page, badges, snippet or short description. */
export function ruleRow(rule: RuleSummary): Html {
  const text = rule.snippet ? markedSnippet(rule.snippet) : shorten(rule.description, DESCRIPTION_CHARS);
  const flagged = rule.flags.length > 0;
  return html`<li class="rule${flagged ? ' flagged' : ''}">
<h2><a href="/rules/${encodeURIComponent(rule.id)}">${rule.name}</a></h2>
${badges(rule, false, ROW_BADGE_LIMITS)}
${text.toString() ? html`<p class="desc">${text}</p>` : html`<p class="desc empty">No description.</p>`}
</li>`;
}

function pagination(state: FeedState, total: number, pageSize: number): Html {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  const { filters, sort, page } = state;
  const link = (p: number, text: string, rel?: string) =>
    p >= 1 && p <= pages && p !== page
      ? html`<a href="${feedUrl(filters, sort, p)}"${rel ? html` rel="${rel}"` : ''}>${text}</a>`
      : html`<span aria-disabled="true">${text}</span>`;
  return html`<nav class="pagination" aria-label="Pagination">
${link(1, '« First')} ${link(page - 1, '‹ Previous', 'prev')}
<span class="current" aria-current="page">Page ${page} of ${pages}</span>
${link(page + 1, 'Next ›', 'next')} ${link(pages, 'Last »')}
</nav>`;
}

function hasFilters(filters: RuleFilters): boolean {
  return Object.keys(filters).length > 0;
}

/** The feed page: search and facets, the matching rules, pagination. */
export function feedPage({ state, result, facets, pageSize }: FeedViewData): Html {
  const { filters, page } = state;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(result.total, page * pageSize);
  const summary =
    result.total === 0
      ? 'No rules'
      : result.rules.length === 0
        ? `${result.total.toLocaleString('en')} rules (no rules on page ${page})`
        : `${result.total.toLocaleString('en')} rules · showing ${first.toLocaleString('en')}–${last.toLocaleString('en')}`;
  const empty = !hasFilters(filters)
    ? html`<p class="empty">The catalog is empty. Run <code>socfeed sync</code> to fill it.</p>`
    : html`<p class="empty">No rules match these filters. <a href="/">Clear all filters</a>.</p>`;
  const body = html`<div class="feed">
<aside class="sidebar">${filterForm(state, facets)}</aside>
<section class="results" aria-labelledby="results-title">
<h1 id="results-title">Detection rules</h1>
<p class="subscribe"><a href="/feed.atom${feedQueryString(filters)}" type="application/atom+xml">Subscribe to these rules (Atom)</a></p>
${activeFilters(filters)}
<p class="summary" role="status">${summary}</p>
${result.rules.length > 0 ? html`<ol class="rules">${result.rules.map(ruleRow)}</ol>` : empty}
${pagination(state, result.total, pageSize)}
</section>
</div>`;
  return layout({ title: titleOf(filters), section: 'feed', body, scripts: ['feed'], atom: `/feed.atom${feedQueryString(filters)}` });
}
