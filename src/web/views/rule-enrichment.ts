/**
 * The rule-page sections that come from enrichment and lint: hypothesis (labelled when a model
 * wrote it), required data sources, ATT&CK context, false-positive guidance, references,
 * confidence and lint findings. Pure functions from stored data to escaped HTML.
 */
import type { Enrichment, AttackTechniqueContext } from '../../enrich/index.js';
import type { LintFinding } from '../../lint/index.js';
import { feedUrl } from '../feed-query.js';
import { html, safeHttpsUrl, type Html } from './html.js';

function link(url: string, text: string): Html {
  const safe = safeHttpsUrl(url);
  return safe ? html`<a href="${safe}" rel="noopener noreferrer">${text}</a>` : html`${text}`;
}

function aiLabel(e: Enrichment): Html {
  return e.author.kind === 'ai'
    ? html`<p class="hint"><strong>AI-generated</strong> by ${e.author.model} (prompt ${e.author.promptVersion}) from the deterministic analysis; check it against the query.</p>`
    : html`<p class="hint">Written from the rule, the analysis of its query and ATT&amp;CK (deterministic); not reviewed by an analyst.</p>`;
}

/** Hunt Hypothesis from the enrichment. */
export function enrichedHypothesis(e: Enrichment): Html {
  return html`<p class="hypothesis">${e.hypothesis}</p>${aiLabel(e)}`;
}

/** Confidence level with its reasons, for the page header. */
export function confidenceSummary(e: Enrichment): Html {
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '·');
  return html`<strong class="confidence confidence-${e.confidence.level}">${e.confidence.level}</strong>
<details class="confidence-reasons"><summary>why</summary><ul>${e.confidence.reasons.map((r) => html`<li><span class="effect">${sign(r.effect)}</span> ${r.text}</li>`)}</ul></details>`;
}

/** Required Data Sources from the enrichment. */
export function enrichedDataSources(e: Enrichment): Html {
  if (e.dataSources.length === 0) return html`<p class="none">No data source found in the query or declared by the rule.</p>`;
  return html`${e.dataSources.map(
    (d) => html`<article class="data-source">
<h3><a href="${feedUrl({ table: [d.name] })}"><code>${d.name}</code></a> <span class="id">${d.kind}</span></h3>
<dl class="facts">
<dt>Product</dt><dd>${d.product}</dd>
<dt>Connector</dt><dd>${d.connector}</dd>
<dt>Columns used</dt><dd>${d.columns.length ? d.columns.map((c, i) => html`${i ? ', ' : ''}<code>${c}</code>`) : html`<span class="none">none named</span>`}</dd>
</dl>
${d.notes.length ? html`<ul>${d.notes.map((n) => html`<li>${n}</li>`)}</ul>` : html`<p class="hint">No notes on this source.</p>`}
</article>`,
  )}`;
}

function names(items: { id: string; name: string; url: string }[], total: number, none: string): Html {
  if (items.length === 0) return html`<span class="none">${none}</span>`;
  return html`<ul class="inline">${items.map((i) => html`<li>${link(i.url, i.name)} <span class="id">${i.id}</span></li>`)}</ul>${total > items.length ? html` <span class="hint">(${total} in all)</span>` : ''}`;
}

function techniqueContext(t: AttackTechniqueContext): Html {
  if (!t.known) return html`<article class="technique"><h3>${t.id}</h3><p class="none">${t.flag ?? 'ATT&CK does not know this technique id.'}</p></article>`;
  const strategies = t.detectionStrategies.length
    ? html`<ul>${t.detectionStrategies.map(
        (s) => html`<li>${link(s.url, `${s.id} ${s.name}`)}${
          s.analytics.length
            ? html`<ul>${s.analytics.map((a) => html`<li>${link(a.url, a.name)} — on ${a.matchedOn.join(', ')}</li>`)}</ul>`
            : html` <span class="hint">(no analytic on this rule's data)</span>`
        }</li>`,
      )}</ul>`
    : html`<span class="none">no detection strategy in ATT&amp;CK</span>`;
  return html`<article class="technique">
<h3><a href="${feedUrl({ technique: [t.id] })}">${t.id}</a> ${t.name}</h3>
${t.flag ? html`<p class="sev-warning" role="note">${t.flag}</p>` : ''}
<dl class="facts">
<dt>Tactics</dt><dd>${t.tactics.join(', ') || html`<span class="none">none listed</span>`}</dd>
<dt>Detection</dt><dd>${strategies}</dd>
<dt>Mitigations</dt><dd>${names(t.mitigations, t.mitigationCount, 'none listed in ATT&CK')}</dd>
<dt>Groups</dt><dd>${names(t.groups, t.groupCount, 'no group listed in ATT&CK')}</dd>
<dt>Software</dt><dd>${names(t.software, t.softwareCount, 'no software listed in ATT&CK')}</dd>
</dl>
${t.summary ? html`<p>${t.summary}</p>` : ''}
<p>${link(t.url, `${t.id} on attack.mitre.org`)}</p>
</article>`;
}

/** ATT&CK Context blocks from the enrichment. */
export function enrichedAttack(e: Enrichment): Html {
  return e.attack.length ? html`${e.attack.map(techniqueContext)}` : html`<p class="none">The rule names no ATT&amp;CK technique.</p>`;
}

const ORIGIN: Record<string, string> = { declared: 'declared by the rule', technique: 'technique', attack: 'ATT&CK analytic', filter: 'query filter' };

/** False Positive Guidance from the enrichment. */
export function enrichedFalsePositives(e: Enrichment): Html {
  if (e.falsePositives.length === 0) return html`<p class="none">None found: the rule declares none and its filters give nothing specific to tune. Baseline it before alerting.</p>`;
  return html`<ul class="false-positives">${e.falsePositives.map(
    (n) => html`<li><span class="id">${ORIGIN[n.origin] ?? n.origin}</span> ${n.text}${n.tuning ? html`<br><em>Tuning:</em> ${n.tuning}` : ''}</li>`,
  )}</ul>${e.author.kind === 'ai' ? html`<p class="hint"><strong>AI-generated</strong> wording.</p>` : ''}`;
}

/** References from the enrichment. */
export function enrichedReferences(e: Enrichment): Html {
  if (e.references.length === 0) return html`<p class="none">No references found.</p>`;
  return html`<ul>${e.references.map((r) => html`<li>${link(r.url, r.label)} <span class="id">${r.origin}</span></li>`)}</ul>`;
}

/** Lint findings of the rule, or a line saying it linted clean. */
export function lintSection(findings: LintFinding[], language: string): Html {
  if (language !== 'kql' && findings.length === 0) return html`<p class="none">Lint checks KQL queries; for this language only the ATT&amp;CK mapping was checked, and it agrees.</p>`;
  if (findings.length === 0) return html`<p>No problems found (syntax, functions, time filter, <code>has</code> terms, ATT&amp;CK mapping). Table and column checks need <code>socfeed lint --schemas</code>.</p>`;
  return html`<ul class="lint">${findings.map(
    (f) => html`<li><span class="sev-${f.severity}">${f.severity}</span> <code>${f.code}</code> line ${f.line}:${f.column} — ${f.message}</li>`,
  )}</ul>`;
}
