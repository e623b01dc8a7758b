// Progressive enhancement for the feed. Without JavaScript the same form works through its
// submit buttons and the filters stay unfolded.
const form = document.querySelector('form.filters');
if (form) {
  // A changed filter or sort applies at once.
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') form.requestSubmit();
    else if (target instanceof HTMLSelectElement) form.requestSubmit();
  });
  // On a phone the facets would push the results off screen: fold them unless one is in use.
  const facets = form.querySelector('details.facets');
  const anyChecked = form.querySelector('details.facets input:checked');
  if (facets && !anyChecked && window.matchMedia('(max-width: 760px)').matches) facets.open = false;
}
