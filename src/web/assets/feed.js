// Progressive enhancement for the feed. Without JavaScript the same form works through its
// submit buttons and the filters stay unfolded. With it, a changed filter, sort or search
// (after a pause in typing) fetches the feed for the new URL and swaps in its results and
// facets: no full reload, the search box keeps its caret, and the URL and history follow.
const form = document.querySelector('form.filters');

// The sort goes into the URL only once chosen: otherwise the server's default applies
// (relevance while searching, last change otherwise), as in the server's own links.
let sortChosen = new URLSearchParams(location.search).has('sort');

/** The feed URL the form describes; an empty search is left out, like the server's own links. */
function formUrl() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) {
    if (typeof v !== 'string' || (k === 'q' && v.trim() === '') || (k === 'sort' && !sortChosen)) continue;
    params.append(k, v);
  }
  const qs = params.toString();
  return `${form.getAttribute('action') || '/'}${qs ? `?${qs}` : ''}`;
}

let pending = null;

/** Loads `url` and swaps the parts that depend on it; falls back to a plain navigation on any failure. */
async function show(url, push) {
  pending?.abort();
  const controller = new AbortController();
  pending = controller;
  const active = document.activeElement;
  const focusKey = active instanceof HTMLInputElement && active.type === 'checkbox' ? [active.name, active.value] : null;
  try {
    const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/html' } });
    if (!res.ok) throw new Error(String(res.status));
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const results = doc.querySelector('.results');
    const facets = doc.querySelector('details.facets');
    const sort = doc.querySelector('select#sort');
    if (!results || !facets || !sort) throw new Error('unexpected page');
    document.querySelector('.results').replaceWith(results);
    const oldFacets = form.querySelector('details.facets');
    facets.open = oldFacets.open;
    oldFacets.replaceWith(facets);
    form.querySelector('select#sort').replaceWith(sort);
    document.title = doc.title;
    if (push) history.pushState(null, '', url);
    if (focusKey) {
      const again = [...form.querySelectorAll('input[type="checkbox"]')].find((i) => i.name === focusKey[0] && i.value === focusKey[1]);
      again?.focus();
    }
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    location.assign(url);
  }
}

if (form) {
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLSelectElement) sortChosen = true;
    if ((target instanceof HTMLInputElement && target.type === 'checkbox') || target instanceof HTMLSelectElement) show(formUrl(), true);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show(formUrl(), true);
  });
  let typing = 0;
  form.querySelector('input[name="q"]')?.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => show(formUrl(), true), 350);
  });
  window.addEventListener('popstate', () => {
    sortChosen = new URLSearchParams(location.search).has('sort');
    show(location.pathname + location.search, false);
  });
  // On a phone the facets would push the results off screen: fold them unless one is in use.
  const facets = form.querySelector('details.facets');
  const anyChecked = form.querySelector('details.facets input:checked');
  if (facets && !anyChecked && window.matchMedia('(max-width: 760px)').matches) facets.open = false;
}
