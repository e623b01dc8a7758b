// Checks that run inside the page for test/web/accessibility.test.ts. Plain browser JavaScript,
// evaluated as a string: the project's TypeScript has no DOM types, and tsx's output would call
// helpers the page does not have. Defines one global, `a11yProbes`.
globalThis.a11yProbes = {
  /** What has focus: its id, class, text, link target and whether it is inside <main>. */
  active() {
    const e = document.activeElement;
    return { id: e?.id ?? '', cls: e?.className ?? '', text: (e?.textContent ?? '').trim(), href: e?.getAttribute('href') ?? null, inMain: Boolean(e?.closest('main')) };
  },

  /** Marks every visible control a keyboard user should reach and returns how many there are. */
  markControls() {
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')];
    // A control inside a closed <details> (other than its summary) is not reachable until opened.
    // A radio group is one Tab stop, its checked radio; arrow keys move within it.
    const otherRadio = (e) => e.type === 'radio' && !e.checked && e.form?.querySelector(`input[type=radio][name="${e.name}"]:checked`);
    const shown = all.filter((e) => e.getClientRects().length > 0 && !e.closest('details:not([open]) > :not(summary)') && !otherRadio(e));
    shown.forEach((e, i) => (e.dataset.a11yIndex = String(i)));
    return shown.length;
  },

  /** The marked controls whose index is not in `seen`, as the start of their markup. */
  unreached(seen) {
    return [...document.querySelectorAll('[data-a11y-index]')].filter((e) => !seen.includes(e.dataset.a11yIndex)).map((e) => e.outerHTML.slice(0, 120));
  },

  /** The focused element: its mark, whether an outline or a shadow shows it, and what it is. */
  focus() {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return { index: e.dataset.a11yIndex ?? `unlisted ${e.tagName}`, visible, what: `${e.tagName.toLowerCase()}${e.type ? `[type=${e.type}]` : ''}${e.id ? `#${e.id}` : ''} ${(e.textContent ?? '').trim().slice(0, 40)}`.trim() };
  },

  /**
   * What fails on a narrow screen: sideways page scroll, elements past the right edge (outside
   * boxes that scroll on their own), text under 12px, primary controls under 24×24 CSS px.
   */
  phoneProblems() {
    const out = [];
    const width = innerWidth;
    const scroll = document.scrollingElement.scrollWidth;
    if (scroll > width + 1) out.push(`page scrolls sideways: ${scroll} > ${width}`);
    // Boxes that scroll sideways on their own (the code, the matrix, result grids); what is inside them may be wide.
    const all = [...document.querySelectorAll('body *')];
    for (const e of all) if (/auto|scroll/.test(getComputedStyle(e).overflowX)) e.dataset.a11yScroller = '';
    const inScroller = (e) => Boolean(e.parentElement?.closest('[data-a11y-scroller]'));
    const name = (e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.trim().replace(/\s+/g, '.')}` : ''} "${(e.textContent ?? '').trim().slice(0, 30)}"`;
    for (const e of all) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || e.closest('.visually-hidden, .skip') || inScroller(e)) continue;
      if (r.right > width + 1) out.push(`${name(e)} sticks out to ${Math.round(r.right)}px`);
      const text = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const size = parseFloat(getComputedStyle(e).fontSize);
      if (text && size < 12) out.push(`${name(e)} is ${size}px`);
    }
    // Primary controls; links inside running text are exempt (WCAG 2.5.8 "inline").
    const targets = 'button, select, textarea, input:not([type=checkbox]):not([type=radio]), header.site a, a.chip, .pagination a, summary, a.cell, a.badge';
    for (const e of document.querySelectorAll(targets)) {
      const r = e.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.width < 24 || r.height < 24) out.push(`${name(e)} is ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  },

  /** The hunt result box: whether it scrolls sideways itself and is wider inside than outside. */
  gridScroll() {
    const box = document.querySelector('.hunt-result .grid-wrap');
    return box ? { overflowX: getComputedStyle(box).overflowX, wider: box.scrollWidth > box.clientWidth } : null;
  },
};
