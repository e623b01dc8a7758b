import { html, type Html } from './html.js';
import type { HuntDataSummary, HuntFailure, HuntSuccess } from '../hunt/run-hunt.js';
import { HUNT_LIMITS } from '../hunt/hunt-limits.js';

/**
 * The "Run this hunt" panel of a KQL rule's page: a form (editable query, pinned "now", data:
 * synthetic or an uploaded file) that works as a plain HTML form POST, and, after a run, the
 * result grid or the error with its line and column. `hunt.js` enhances the same form to run
 * in place through `/api/hunt`, drawing the same markup.
 */

/** What the panel shows: the form's values, and the outcome of a run when there was one. */
export interface HuntPanelData {
  ruleId: string;
  query: string;
  /** The `now` input's value, `YYYY-MM-DDTHH:MM:SS` in UTC. */
  now: string;
  data: 'synthetic' | 'upload';
  table?: string;
  /** The run's outcome; absent before any run. */
  outcome?: Omit<HuntSuccess, 'table'> | HuntFailure;
}

/** A `datetime-local` value (UTC) for µs since the epoch. */
export function nowInputValue(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
}

/** A cell's display text: null empty, dynamic values as JSON, the rest as the API sends them. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

function dataNotes(data: HuntDataSummary | undefined): Html {
  if (!data || data.notes.length === 0) return html``;
  return html`<ul class="hunt-notes hint">${data.notes.map((n) => html`<li>${n}</li>`)}</ul>`;
}

/** The result grid: a real table with a caption and column headers, scrollable on its own. */
function resultGrid(r: Omit<HuntSuccess, 'table'>): Html {
  const summary = `${plural(r.rowCount, 'row')} in ${r.elapsedMs} ms${r.truncated ? ` (the first ${plural(r.rows.length, 'row')} shown; downloads carry up to ${HUNT_LIMITS.maxDownloadRows.toLocaleString('en')})` : ''}`;
  return html`<p class="hunt-summary" role="status">${summary}</p>
${dataNotes(r.data)}
${r.columns.length === 0
    ? html`<p class="none">The query returned no columns.</p>`
    : html`<div class="grid-wrap" role="region" aria-label="Hunt result" tabindex="0"><table class="grid">
<caption>Hunt result: ${plural(r.rowCount, 'row')}</caption>
<thead><tr>${r.columns.map((c) => html`<th scope="col">${c.name} <span class="type">${c.type}</span></th>`)}</tr></thead>
<tbody>${r.rows.map((row) => html`<tr>${row.map((v) => html`<td>${cellText(v)}</td>`)}</tr>`)}</tbody>
</table></div>`}`;
}

/** The query line an error points at, with a caret under the column. */
function errorContext(query: string, line: number | null, column: number | null): Html {
  if (line === null) return html``;
  const text = query.split('\n')[line - 1];
  if (text === undefined) return html``;
  const caret = `${' '.repeat(Math.max(0, (column ?? 1) - 1))}^`;
  return html`<pre class="code error-line" aria-label="Line ${line} of the query"><code>${text}\n${caret}</code></pre>`;
}

const ERROR_TITLES: Record<HuntFailure['error']['kind'], string> = {
  syntax: 'Syntax error',
  semantic: 'Query error',
  unsupported: 'Not supported by the engine',
  limit: 'Limit reached',
  data: 'Data error',
  upload: 'Upload refused',
  request: 'Cannot run',
};

function errorBlock(f: HuntFailure, query: string): Html {
  const { kind, message, line, column, diagnostics } = f.error;
  const where = line !== null ? ` at line ${line}, column ${column ?? 1}` : '';
  const rest = diagnostics.slice(1);
  return html`<div class="hunt-error" role="alert">
<p><strong>${ERROR_TITLES[kind]}${where}</strong>: ${message}</p>
${errorContext(query, line, column)}
${rest.length ? html`<ul>${rest.map((d) => html`<li>line ${d.line}, column ${d.column}: ${d.message}</li>`)}</ul>` : ''}
</div>
${dataNotes(f.data)}`;
}

/** The outcome of a run (grid or error); exported for the result-only render. */
export function huntOutcome(outcome: HuntPanelData['outcome'], query: string): Html {
  if (!outcome) return html``;
  return outcome.ok ? resultGrid(outcome) : errorBlock(outcome, query);
}

/** The whole panel: form, download buttons, result area. (The newline after <textarea> is eaten by the HTML parser, so a query's own first newline survives.) */
export function huntPanel(p: HuntPanelData): Html {
  const checked = (d: HuntPanelData['data']) => (p.data === d ? html` checked` : '');
  const rows = Math.min(24, Math.max(6, p.query.split('\n').length + 1));
  const maxMb = HUNT_LIMITS.maxUploadBytes / 1024 / 1024;
  return html`<p>Runs the query with socfeed's own KQL engine, on synthetic telemetry generated for its tables or on a file of yours. Nothing leaves this server.</p>
<form class="hunt-form" method="post" action="/rules/${encodeURIComponent(p.ruleId)}/hunt#hunt" enctype="multipart/form-data" data-api="/api/hunt">
<label for="hunt-query">Query</label>
<textarea id="hunt-query" name="query" rows="${rows}" spellcheck="false" autocapitalize="off" autocomplete="off" maxlength="${HUNT_LIMITS.maxQueryChars}">
${p.query}</textarea>
<div class="hunt-options">
<p><label for="hunt-now">Now (UTC)</label>
<input id="hunt-now" name="now" type="datetime-local" step="1" value="${p.now}" aria-describedby="hunt-now-hint">
<span id="hunt-now-hint" class="hint">what <code>now()</code> and <code>ago()</code> mean in this run</span></p>
<fieldset class="hunt-data"><legend>Data</legend>
<label><input type="radio" name="data" value="synthetic"${checked('synthetic')}> Synthetic telemetry for the query's tables (${HUNT_LIMITS.syntheticRows.toLocaleString('en')} rows each, fixed seed)</label>
<label><input type="radio" name="data" value="upload"${checked('upload')}> A file of mine</label>
<p class="upload"><label for="hunt-file">Telemetry file</label>
<input id="hunt-file" name="file" type="file" accept=".ndjson,.jsonl,.json,.csv" aria-describedby="hunt-file-hint">
<span id="hunt-file-hint" class="hint">NDJSON, JSON array or CSV, up to ${maxMb} MB; the table is named after the file (<code>DeviceNetworkEvents.ndjson</code>) unless given here:</span>
<label for="hunt-table">Table</label> <input id="hunt-table" name="table" type="text" value="${p.table ?? ''}" pattern="[A-Za-z_][A-Za-z0-9_]*" placeholder="from the file name" autocomplete="off"></p>
</fieldset>
</div>
<div class="hunt-actions">
<button type="submit" name="run" value="1">Run hunt</button>
<button type="submit" class="secondary" name="download" value="csv" formaction="/api/hunt">Download CSV</button>
<button type="submit" class="secondary" name="download" value="json" formaction="/api/hunt">Download JSON</button>
<span class="hint">Limits: ${HUNT_LIMITS.timeoutMs / 1000} s, ${HUNT_LIMITS.maxResponseRows.toLocaleString('en')} rows shown.</span>
</div>
</form>
<div class="hunt-result" aria-live="polite">${huntOutcome(p.outcome, p.query)}</div>`;
}
