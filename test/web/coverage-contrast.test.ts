import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.js';
import { contrast } from '../helpers/contrast.js';

/**
 * WCAG 2.1 AA for the coverage shades: text on every shaded cell (name, id, note and count all
 * take the cell's colour) needs a contrast ratio of at least 4.5:1. Colours are read from the
 * stylesheet itself, so a new shade cannot skip the check.
 */

test('the contrast formula gives the known ratios', () => {
  assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0');
  assert.equal(contrast('#777777', '#ffffff').toFixed(2), '4.48');
  assert.equal(contrast('#ffffff', '#2563eb').toFixed(2), '5.17');
});

test('every coverage shade keeps its text at 4.5:1 or more (WCAG AA)', () => {
  const css = readFileSync(join(REPO_ROOT, 'src/web/assets/app.css'), 'utf8');
  const rules = [...css.matchAll(/^\.cell\.([a-z0-9-]+) \{([^}]*)\}/gm)];
  const shades = rules.map(([, name, body]) => ({
    name: name!,
    background: /background: (#[0-9a-f]{6})/i.exec(body!)?.[1],
    color: /(?:^|;|\s)color: (#[0-9a-f]{6})/i.exec(body!)?.[1],
  }));
  assert.deepEqual(
    shades.map((s) => s.name).sort(),
    ['c-high', 'c-low', 'c-medium', 'c-none', 'c-unknown', 'd-missing', 'd-none', 'd-runnable', 's0', 's1', 's2', 's3', 's4'],
  );
  for (const s of shades) {
    assert.ok(s.background && s.color, `.cell.${s.name} sets both colours as #rrggbb`);
    const ratio = contrast(s.color, s.background);
    assert.ok(ratio >= 4.5, `.cell.${s.name}: ${s.color} on ${s.background} is ${ratio.toFixed(2)}:1`);
  }
  // The id and note must not fall back to the muted grey, which fails on the mid shades.
  assert.match(css, /\.cell \.tid, \.cell \.note \{ color: inherit; \}/);
});
