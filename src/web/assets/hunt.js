// Progressive enhancement of the "Run this hunt" form: run through /api/hunt and draw the
// result in place (the same markup the server draws after a plain form POST), and turn the
// download buttons into file downloads. Every value goes in through textContent: no HTML is
// ever built from a result.
const form = document.querySelector('form.hunt-form');
const output = document.querySelector('.hunt-result');

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(n, word) {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

function cellText(v) {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function notes(data) {
  if (!data || !data.notes || data.notes.length === 0) return [];
  const ul = el('ul', { class: 'hunt-notes hint' });
  for (const n of data.notes) ul.append(el('li', {}, n));
  return [ul];
}

function grid(r) {
  let summary = `${plural(r.rowCount, 'row')} in ${r.elapsedMs} ms`;
  if (r.truncated) summary += ` (the first ${plural(r.rows.length, 'row')} shown; downloads carry up to 100,000)`;
  const parts = [el('p', { class: 'hunt-summary', role: 'status' }, summary), ...notes(r.data)];
  if (r.columns.length === 0) return [...parts, el('p', { class: 'none' }, 'The query returned no columns.')];
  const wrap = el('div', { class: 'grid-wrap', role: 'region', 'aria-label': 'Hunt result', tabindex: '0' });
  const table = el('table', { class: 'grid' });
  table.append(el('caption', {}, `Hunt result: ${plural(r.rowCount, 'row')}`));
  const head = el('tr');
  for (const c of r.columns) {
    const th = el('th', { scope: 'col' }, `${c.name} `);
    th.append(el('span', { class: 'type' }, c.type));
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const row of r.rows) {
    const tr = el('tr');
    for (const v of row) tr.append(el('td', {}, cellText(v)));
    body.append(tr);
  }
  table.append(body);
  wrap.append(table);
  return [...parts, wrap];
}

const TITLES = { syntax: 'Syntax error', semantic: 'Query error', unsupported: 'Not supported by the engine', limit: 'Limit reached', data: 'Data error', upload: 'Upload refused', request: 'Cannot run' };

function failure(f, query) {
  const e = f.error;
  const box = el('div', { class: 'hunt-error', role: 'alert' });
  const p = el('p');
  const where = e.line !== null && e.line !== undefined ? ` at line ${e.line}, column ${e.column ?? 1}` : '';
  p.append(el('strong', {}, `${TITLES[e.kind] ?? 'Error'}${where}`), `: ${e.message}`);
  box.append(p);
  const text = e.line ? query.split('\n')[e.line - 1] : undefined;
  if (text !== undefined) {
    const pre = el('pre', { class: 'code error-line', 'aria-label': `Line ${e.line} of the query` });
    pre.append(el('code', {}, `${text}\n${' '.repeat(Math.max(0, (e.column ?? 1) - 1))}^`));
    box.append(pre);
  }
  const rest = (e.diagnostics ?? []).slice(1);
  if (rest.length) {
    const ul = el('ul');
    for (const d of rest) ul.append(el('li', {}, `line ${d.line}, column ${d.column}: ${d.message}`));
    box.append(ul);
  }
  return [box, ...notes(f.data)];
}

async function errorOf(res) {
  try {
    return await res.json();
  } catch {
    return { ok: false, error: { kind: 'request', message: `the server answered ${res.status}` } };
  }
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

if (form && output) {
  // Choosing a file means running on it.
  form.querySelector('input[type="file"][name="file"]')?.addEventListener('change', (event) => {
    if (event.target.files?.length) form.querySelector('input[name="data"][value="upload"]').checked = true;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submitter = event.submitter;
    const body = new FormData(form, submitter ?? undefined);
    const download = body.get('download');
    const query = String(body.get('query') ?? '');
    form.setAttribute('aria-busy', 'true');
    if (!download) output.replaceChildren(el('p', { class: 'hint', role: 'status' }, 'Running…'));
    try {
      const res = await fetch(form.dataset.api, { method: 'POST', body });
      if (download && res.ok) {
        const disposition = res.headers.get('content-disposition') ?? '';
        const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `hunt.${download}`;
        save(await res.blob(), name);
        return;
      }
      const result = res.ok ? await res.json() : await errorOf(res);
      output.replaceChildren(...(result.ok ? grid(result) : failure(result, query)));
    } catch (err) {
      output.replaceChildren(...failure({ ok: false, error: { kind: 'request', message: String(err) } }, query));
    } finally {
      form.removeAttribute('aria-busy');
    }
  });
}
