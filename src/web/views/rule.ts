import { html, safeHttpsUrl, type Html } from './html.js';
import { layout } from './layout.js';
import { badges } from './badges.js';
import { safeWebUrl, timeElement } from './format.js';
import type { Rule } from '../../catalog/rule.js';
import { feedUrl } from '../feed-query.js';
import type { Enrichment } from '../../enrich/index.js';
import type { LintFinding } from '../../lint/index.js';
import { huntPanel, type HuntPanelData } from './hunt-panel.js';
import { renderMarkdown } from './markdown.js';
import { highlightCode, type LineMark } from '../highlight/render.js';
import type { RelatedRule } from '../../store/catalog-store.js';
import {
  confidenceSummary,
  enrichedAttack,
  enrichedDataSources,
  enrichedFalsePositives,
  enrichedHypothesis,
  enrichedReferences,
  lintSection,
} from './rule-enrichment.js';

/** One technique of the rule as ATT&CK describes it. */
export interface TechniqueContext {
  id: string;
  name: string;
  /** False when ATT&CK does not know the id. */
  known: boolean;
  tactics: string[];
  summary: string | null;
  url: string | null;
  mitigations: { id: string; name: string }[];
  groups: { id: string; name: string }[];
}

/** Everything the rule page shows: the rule plus what was derived for it. */
export interface RulePageData {
  rule: Rule;
  /** One sentence, or null when the rule gives nothing to build it from. */
  hypothesis: string | null;
  /** Notes on the data sources (time columns, connectors …). */
  dataSourceNotes: string[];
  techniques: TechniqueContext[];
  /** The sync's enrichment of the rule; null until computed (the sections then fall back to the rule file). */
  enrichment?: Enrichment | null;
  /** Lint findings stored with the enrichment; null until computed. */
  lint?: LintFinding[] | null;
  /** The "Run this hunt" panel (KQL rules only); absent or null: no panel. */
  hunt?: HuntPanelData | null;
  /** Rules of other sources sharing techniques with this one; absent: the section is left out. */
  related?: RelatedRule[];
}

interface PageSection {
  id: string;
  title: string;
  body: Html;
  /** Marks a section only a running server can serve (the static export replaces it). */
  needsServer?: boolean;
}

function hypothesisSection({ hypothesis, enrichment }: RulePageData): Html {
  if (enrichment) return enrichedHypothesis(enrichment);
  return hypothesis
    ? html`<p class="hypothesis">${hypothesis}</p><p class="hint">Built from the rule's description, techniques and tables; not yet reviewed by an analyst.</p>`
    : html`<p class="none">No hypothesis yet: the rule gives no description, technique or data source to build one from.</p>`;
}

/** Lint findings as marks under their query lines. */
function lintMarks(findings: LintFinding[] | null | undefined): LineMark[] {
  return (findings ?? []).map((f) => ({ line: f.line, column: f.column, severity: f.severity, text: `${f.message} (${f.code})` }));
}

/** A code block with a copy button (shown by rule.js; without JavaScript there is nothing to click). */
function codeBlock(id: string, label: string, code: Html, extraClass = ''): Html {
  return html`<div class="code-block">
<button type="button" class="copy secondary" data-copy="${id}" aria-describedby="${id}-copied" hidden>Copy</button><span class="copied" id="${id}-copied" role="status"></span>
<pre class="code${extraClass}" tabindex="0" aria-label="${label}"><code id="${id}">${code}</code></pre>
</div>`;
}

/** The grammar of a rule file: YAML for Sentinel, Sigma and Splunk, TOML for Elastic, KQL for loose .kql files. */
function fileLanguage(rule: Rule): string {
  if (rule.format === 'elastic') return 'toml';
  if (rule.format === 'kql') return /\.(kql|csl|txt)$/i.test(rule.path) ? 'kql' : 'plain';
  return 'yaml';
}

function querySection({ rule, lint }: RulePageData): Html {
  if (!rule.query.trim()) return html`<p class="none">No query: the rule file holds none.</p>`;
  const marks = lintMarks(lint);
  const note = marks.length
    ? html`<p class="hint">${marks.length} lint finding${marks.length === 1 ? ' is' : 's are'} marked under ${marks.length === 1 ? 'its line' : 'their lines'}; see <a href="#lint">Lint</a>.</p>`
    : '';
  return html`${note}${codeBlock('query-code', `Query (${rule.language})`, highlightCode(rule.query, rule.language, marks, 'q'))}`;
}

function definitionSection({ rule }: RulePageData): Html {
  return rule.raw.trim()
    ? codeBlock('definition-code', `Rule file ${rule.path}`, highlightCode(rule.raw, fileLanguage(rule), [], 'd'), ' raw')
    : html`<p class="none">No rule definition: the file text was not kept.</p>`;
}

function relatedSection({ related }: RulePageData): Html {
  if (!related?.length) return html`<p class="none">No rule of another source shares a technique with this one.</p>`;
  return html`<ul class="related">${related.map(
    (r) =>
      html`<li><a href="/rules/${encodeURIComponent(r.id)}">${r.name}</a> <span class="badge b-source">${r.source}</span> <span class="badge b-language">${r.language}</span> <span class="hint">${r.shared} shared technique${r.shared === 1 ? '' : 's'}</span></li>`,
  )}</ul>`;
}

function dataSourcesSection({ rule, dataSourceNotes, enrichment }: RulePageData): Html {
  if (enrichment) return enrichedDataSources(enrichment);
  const tables = rule.dataSources.length
    ? html`<ul class="plain">${rule.dataSources.map((t) => html`<li><a href="${feedUrl({ table: [t] })}"><code>${t}</code></a></li>`)}</ul>`
    : html`<p class="none">No data source declared or found in the query.</p>`;
  const notes = dataSourceNotes.length
    ? html`<h3>Notes</h3><ul>${dataSourceNotes.map((n) => html`<li>${n}</li>`)}</ul>`
    : html`<p class="hint">No notes on these data sources.</p>`;
  return html`${tables}${notes}`;
}

function techniqueBlock(t: TechniqueContext): Html {
  const url = safeHttpsUrl(t.url);
  if (!t.known) {
    return html`<article class="technique"><h3>${t.id}</h3><p class="none">ATT&amp;CK does not know this technique id (a typo, or removed from ATT&amp;CK).</p></article>`;
  }
  const list = (items: { id: string; name: string }[], none: string) =>
    items.length ? html`<ul class="inline">${items.map((i) => html`<li>${i.name} <span class="id">${i.id}</span></li>`)}</ul>` : html`<span class="none">${none}</span>`;
  return html`<article class="technique">
<h3><a href="${feedUrl({ technique: [t.id] })}">${t.id}</a> ${t.name}</h3>
<dl class="facts">
<dt>Tactics</dt><dd>${t.tactics.length ? t.tactics.join(', ') : html`<span class="none">none listed</span>`}</dd>
<dt>Mitigations</dt><dd>${list(t.mitigations, 'none listed in ATT&CK')}</dd>
<dt>Used by</dt><dd>${list(t.groups, 'no group listed in ATT&CK')}</dd>
</dl>
${t.summary ? html`<p>${t.summary}</p>` : ''}
${url ? html`<p><a href="${url}" rel="noopener noreferrer">${t.id} on attack.mitre.org</a></p>` : ''}
</article>`;
}

function attackSection({ rule, techniques, enrichment }: RulePageData): Html {
  const tactics = rule.tactics.length
    ? html`<p>Tactics of the rule: ${rule.tactics.map((t, i) => html`${i ? ', ' : ''}<a href="${feedUrl({ tactic: [t.id] })}">${t.name}</a> <span class="id">${t.id}</span>`)}</p>`
    : html`<p class="none">The rule names no ATT&amp;CK tactic.</p>`;
  if (enrichment) return html`${tactics}${enrichedAttack(enrichment)}`;
  const blocks = techniques.length
    ? techniques.map(techniqueBlock)
    : html`<p class="none">The rule names no ATT&amp;CK technique.</p>`;
  return html`${tactics}${blocks}`;
}

function referencesSection({ rule, enrichment }: RulePageData): Html {
  if (enrichment) return enrichedReferences(enrichment);
  if (rule.references.length === 0) return html`<p class="none">No references declared in the rule file.</p>`;
  return html`<ul>${rule.references.map((r) => {
    const url = safeWebUrl(r);
    return url ? html`<li><a href="${url}" rel="noopener noreferrer">${r}</a></li>` : html`<li>${r}</li>`;
  })}</ul>`;
}

function falsePositivesSection({ rule, enrichment }: RulePageData): Html {
  if (enrichment) return enrichedFalsePositives(enrichment);
  if (rule.falsePositives.length === 0) {
    return html`<p class="none">No false positives declared in the rule file. Expect legitimate use of what the query looks for and baseline it before alerting.</p>`;
  }
  return html`<ul>${rule.falsePositives.map((fp) => html`<li>${fp}</li>`)}</ul>`;
}

function originalSourceSection({ rule }: RulePageData): Html {
  const url = safeHttpsUrl(rule.url);
  const row = (label: string, value: Html | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<dl class="facts">
${row('Source', rule.source)}
${row('Format', rule.format)}
${row('Path', html`<code>${rule.path}</code>`)}
${row('Upstream id', rule.upstreamId ? html`<code>${rule.upstreamId}</code>` : html`<span class="none">none</span>`)}
${row('Commit', rule.commit ? html`<code>${rule.commit}</code>` : html`<span class="none">unknown</span>`)}
${row('Link', url ? html`<a href="${url}" rel="noopener noreferrer">${url}</a>` : html`<span class="none">no https link to the original</span>`)}
${row('Authors', rule.authors.length ? rule.authors.join(', ') : html`<span class="none">none named</span>`)}
${row('Created', timeElement(rule.created))}
${row('Modified', timeElement(rule.modified))}
${row('First seen', timeElement(rule.firstSeen))}
${row('Last changed', timeElement(rule.lastChanged))}
${row('Content hash', html`<code class="hash">${rule.contentHash}</code>`)}
</dl>`;
}

function problemsSection({ rule }: RulePageData): Html {
  const problems = rule.problems.map(
    (p) => html`<li><span class="sev-${p.severity}">${p.severity}</span> <code>${p.file}${p.line ? `:${p.line}` : ''}${p.column ? `:${p.column}` : ''}</code> ${p.reason}</li>`,
  );
  return html`<p>This rule was kept, but reading it was not clean: check it before use.</p>
${rule.flags.length ? html`<p>Flags: ${rule.flags.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`)}</p>` : ''}
${problems.length ? html`<ul>${problems}</ul>` : ''}`;
}

/** The sections of the page in reading order; Problems only for flagged rules. */
function sectionsOf(data: RulePageData): PageSection[] {
  const sections: PageSection[] = [
    { id: 'hypothesis', title: 'Hunt Hypothesis', body: hypothesisSection(data) },
    { id: 'query', title: 'Query', body: querySection(data) },
    ...(data.hunt ? [{ id: 'hunt', title: 'Run this hunt', body: huntPanel(data.hunt), needsServer: true }] : []),
    { id: 'definition', title: 'Rule Definition', body: definitionSection(data) },
    { id: 'data-sources', title: 'Required Data Sources', body: dataSourcesSection(data) },
    { id: 'attack', title: 'ATT&CK Context', body: attackSection(data) },
    ...(data.related ? [{ id: 'related', title: 'Related Rules', body: relatedSection(data) }] : []),
    { id: 'references', title: 'References', body: referencesSection(data) },
    { id: 'false-positives', title: 'False Positive Guidance', body: falsePositivesSection(data) },
    { id: 'source', title: 'Original Source', body: originalSourceSection(data) },
  ];
  if (data.lint) sections.splice(sections.length - 1, 0, { id: 'lint', title: 'Lint', body: lintSection(data.lint, data.rule.language) });
  if (data.rule.flags.length > 0 || data.rule.problems.length > 0) {
    sections.unshift({ id: 'problems', title: 'Problems', body: problemsSection(data) });
  }
  return sections;
}

/** The reference page of one rule (PRODUCT.md "The page of one rule"). */
export function rulePage(data: RulePageData): Html {
  const { rule } = data;
  const url = safeHttpsUrl(rule.url);
  const sections = sectionsOf(data);
  const body = html`<article class="rule-page">
<header class="rule-head">
<p class="crumbs"><a href="/">Feed</a> › <a href="${feedUrl({ source: [rule.source] })}">${rule.source}</a></p>
<h1>${rule.name}</h1>
${badges(rule, true)}
<p class="provenance" role="note">This content was pulled from an open-source repository and enriched automatically. Validate it before production use.</p>
<dl class="facts meta">
<dt>Original</dt><dd>${url ? html`<a href="${url}" rel="noopener noreferrer">View the original file</a>` : html`<span class="none">no https link to the original</span>`}</dd>
<dt>Retrieved</dt><dd>${timeElement(rule.retrievedAt)}</dd>
<dt>Confidence</dt><dd>${data.enrichment ? confidenceSummary(data.enrichment) : html`<span class="none">not yet assessed</span>`}</dd>
<dt>Kind</dt><dd>${rule.kind}</dd>
<dt>Status</dt><dd>${rule.status ?? html`<span class="none">not given</span>`}</dd>
</dl>
${rule.description.trim() ? html`<div class="description">${renderMarkdown(rule.description)}</div>` : html`<p class="none">The rule file gives no description.</p>`}
<nav class="toc" aria-label="On this page"><ul>${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ul></nav>
</header>
${sections.map((s) => html`<section id="${s.id}"${s.needsServer ? html` data-needs-server` : ''} aria-labelledby="${s.id}-title"><h2 id="${s.id}-title">${s.title}</h2>${s.body}</section>`)}
</article>`;
  return layout({ title: rule.name, section: 'rule', body, scripts: data.hunt ? ['rule', 'hunt'] : ['rule'] });
}
