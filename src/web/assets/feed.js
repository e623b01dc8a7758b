// Progressive enhancement for the feed: a changed filter or sort applies at once.
// Without JavaScript the same form works through its submit buttons.
const form = document.querySelector('form.filters');
if (form) {
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === 'checkbox') form.requestSubmit();
    else if (target instanceof HTMLSelectElement) form.requestSubmit();
  });
}
