// The feed of a static export (see src/web/export/): search and filters run here, over the
// index that search-index.js assigns to window.SOCFEED_SEARCH_INDEX. A classic script, not a
// module: Chromium runs neither module scripts nor fetch() from file://. The index (megabytes
// for a full catalog) is loaded only when the URL asks for a search or a filter. Each entry
// carries its row as HTML the server rendered and escaped; nothing from the URL is ever
// inserted as markup.
(function () {
  'use strict';
  var indexUrl = document.currentScript && document.currentScript.dataset.index;
  var form = document.querySelector('form.filters');
  var results = document.querySelector('section.results');
  if (!indexUrl || !form || !results) return;

  var PAGE = 50;
  var FILTERS = { source: 's', language: 'l', kind: 'k', severity: 'v', tactic: 'ta', technique: 'te', table: 'tb', tag: 'tg' };
  var SEVERITY = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
  var params = new URLSearchParams(location.search);

  function words(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  // The form shows the state of the URL, as the server would have rendered it.
  var q = (params.get('q') || '').trim();
  var input = form.querySelector('input[name="q"]');
  if (input) input.value = q;
  form.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
    box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
  });
  var sort = params.get('sort') || (q ? 'relevance' : 'changed');
  var sortSelect = form.querySelector('select[name="sort"]');
  if (sortSelect) {
    if (q && !sortSelect.querySelector('option[value="relevance"]')) {
      var option = document.createElement('option');
      option.value = 'relevance';
      option.textContent = 'Relevance';
      sortSelect.prepend(option);
    }
    sortSelect.value = sort;
  }
  // Lint findings are not in the index: that filter needs the server.
  var lint = form.querySelector('input[name="problems"]');
  if (lint) {
    lint.checked = false;
    lint.disabled = true;
    lint.closest('label').title = 'Needs the socfeed server: lint findings are not part of the static export';
  }
  // A changed filter or sort applies at once (what feed.js does when served).
  form.addEventListener('change', function (event) {
    var t = event.target;
    if ((t instanceof HTMLInputElement && t.type === 'checkbox') || t instanceof HTMLSelectElement) form.requestSubmit();
  });

  var active = Object.keys(FILTERS).some(function (name) { return params.getAll(name).length > 0; });
  var flagged = params.get('flagged') === '1';
  if (!q && !active && !flagged && !params.get('sort')) return; // the page as exported already shows this

  var summary = results.querySelector('p.summary');
  if (summary) summary.textContent = 'Searching…';
  var loader = document.createElement('script');
  loader.src = indexUrl;
  loader.onload = function () {
    if (Array.isArray(window.SOCFEED_SEARCH_INDEX)) show(window.SOCFEED_SEARCH_INDEX);
  };
  loader.onerror = function () {
    if (summary) summary.textContent = 'The search index (' + indexUrl + ') could not be loaded.';
  };
  document.head.append(loader);

  function show(index) {
    var needles = words(q);
    var wanted = {};
    Object.keys(FILTERS).forEach(function (name) {
      var values = params.getAll(name).map(function (v) { return v.trim(); }).filter(Boolean);
      if (name === 'technique' || name === 'tactic') values = values.map(function (v) { return v.toUpperCase(); });
      if (values.length) wanted[name] = values;
    });

    function matches(e) {
      for (var i = 0; i < needles.length; i++) if (e.w.indexOf(' ' + needles[i]) < 0) return false;
      if (flagged && !e.f) return false;
      for (var name in wanted) {
        var have = e[FILTERS[name]];
        var list = Array.isArray(have) ? have : [have];
        var ok = wanted[name].some(function (w) {
          return list.some(function (v) { return v === w || (name === 'technique' && typeof v === 'string' && v.indexOf(w + '.') === 0); });
        });
        if (!ok) return false;
      }
      return true;
    }

    var hits = index.filter(matches);
    var nameHit = function (e) { return needles.every(function (n) { return (' ' + words(e.n).join(' ')).indexOf(' ' + n) >= 0; }) ? 0 : 1; };
    var byChange = function (a, b) { return a.c < b.c ? 1 : a.c > b.c ? -1 : 0; };
    var byName = function (a, b) { return a.n.localeCompare(b.n); };
    if (sort === 'name') hits.sort(byName);
    else if (sort === 'severity') hits.sort(function (a, b) { return (SEVERITY[b.v] || 0) - (SEVERITY[a.v] || 0) || byName(a, b); });
    else if (sort === 'relevance') hits.sort(function (a, b) { return nameHit(a) - nameHit(b) || byChange(a, b); });
    else hits.sort(byChange);

    var list = results.querySelector('ol.rules');
    if (!list) {
      list = document.createElement('ol');
      list.className = 'rules';
      (summary || results).after(list);
    }
    results.querySelectorAll('nav.pagination, p.empty').forEach(function (el) { el.remove(); });
    var more = document.createElement('button');
    more.type = 'button';
    more.className = 'more';
    list.after(more);
    var shown = 0;

    function render() {
      shown = Math.min(hits.length, shown + PAGE);
      list.innerHTML = hits.slice(0, shown).map(function (e) { return e.h; }).join('');
      if (summary) {
        summary.textContent = hits.length === 0
          ? 'No rules match (searched in your browser: static export)'
          : hits.length.toLocaleString('en') + ' rules · showing 1–' + shown.toLocaleString('en') + ' (searched in your browser: static export)';
      }
      more.hidden = shown >= hits.length;
      more.textContent = 'Show ' + Math.min(PAGE, hits.length - shown) + ' more';
    }
    more.addEventListener('click', render);
    render();
  }
})();
