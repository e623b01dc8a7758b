// Progressive enhancement for the coverage page. Without JavaScript the form works through its
// Apply button and the URL carries the selection; this script applies changes at once,
// remembers "Data I have" in localStorage and restores it when the page is opened bare.
const KEY = 'socfeed.coverage.have';
const form = document.querySelector('form.coverage-form');

function readSaved() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return Array.isArray(saved) && saved.every((t) => typeof t === 'string') ? saved : null;
  } catch {
    return null; // storage disabled or a value we did not write
  }
}

function save(tables) {
  try {
    localStorage.setItem(KEY, JSON.stringify(tables));
  } catch {
    // storage disabled: the URL still carries the selection
  }
}

if (form) {
  const saved = readSaved();
  if (location.search === '' && saved) {
    // A bare /coverage: show the remembered selection (the URL then says what is shown).
    const params = new URLSearchParams(saved.map((t) => ['have', t]));
    params.set('shade', 'data');
    location.replace(`${location.pathname}?${params}`);
  }
  const checked = () => [...form.querySelectorAll('input[name="have"]:checked')].map((i) => i.value);
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.name === 'have') {
      // Ticking a table means "show me the data view".
      const data = form.querySelector('input[name="shade"][value="data"]');
      if (data) data.checked = true;
    }
    if (target instanceof HTMLInputElement && target.classList.contains('have-filter')) return;
    form.requestSubmit();
  });
  form.addEventListener('submit', () => {
    const shade = form.querySelector('input[name="shade"]:checked');
    if (shade && shade.value === 'data') save(checked());
    // "Any" filters add nothing to the URL but noise.
    for (const select of form.querySelectorAll('select')) if (select.value === '') select.disabled = true;
  });
  // Coming back through the history may restore the disabled state.
  window.addEventListener('pageshow', () => {
    for (const select of form.querySelectorAll('select')) select.disabled = false;
  });
  const forget = form.querySelector('a.forget');
  forget?.addEventListener('click', () => {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // nothing stored
    }
  });
  // Narrow the (long) list of tables as the user types.
  const filter = form.querySelector('input.have-filter');
  if (filter) {
    filter.closest('p').hidden = false;
    filter.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') event.preventDefault(); // finding is not applying
    });
    filter.addEventListener('input', () => {
      const needle = filter.value.trim().toLowerCase();
      for (const li of form.querySelectorAll('.have-list li')) {
        li.hidden = needle !== '' && !li.textContent.toLowerCase().includes(needle);
      }
    });
  }
}
