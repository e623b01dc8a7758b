import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.js';
import { contrast } from '../helpers/contrast.js';

/**
 * WCAG 2.1 AA 1.4.11 for the focus indicator: it needs 3:1 against what is next to it. The ring
 * is two-tone (the outline outside, a white shadow inside), so its two colours must differ by
 * 3:1, and on every background of the stylesheet one of them must stand out by 3:1 as well.
 * Colours are read from app.css itself.
 */

const css = readFileSync(join(REPO_ROOT, 'src/web/assets/app.css'), 'utf8');
const vars = new Map([...css.matchAll(/--([a-z-]+): (#[0-9a-f]{6});/gi)].map(([, name, value]) => [name!, value!.toLowerCase()]));
const resolve = (value: string) => (value.startsWith('var(--') ? vars.get(value.slice(6, -1)) : value.length === 4 ? `#${[...value.slice(1)].map((c) => c + c).join('')}` : value)?.toLowerCase();

test('the focus ring is two-tone: the outline and the white inner ring differ by 3:1 or more', () => {
  const rule = /^:focus-visible(?:, [^{]+)? \{([^}]*)\}/m.exec(css);
  assert.ok(rule, 'a :focus-visible rule');
  const outline = /outline: 3px solid ([^;]+);/.exec(rule[1]!)?.[1];
  const inner = /box-shadow: 0 0 0 2px (#[0-9a-f]{3,6});/i.exec(rule[1]!)?.[1];
  assert.ok(outline && inner, rule[1]);
  assert.equal(resolve(inner), '#ffffff');
  const ratio = contrast(resolve(outline)!, '#ffffff');
  assert.ok(ratio >= 3, `outline ${outline} on white: ${ratio.toFixed(2)}:1`);
});

test('on every background in the stylesheet, one tone of the focus ring stands out by 3:1', () => {
  const focus = vars.get('focus')!;
  const backgrounds = [...new Set([...css.matchAll(/background: (#[0-9a-f]{3,6}|var\(--[a-z-]+\))/gi)].map(([, v]) => resolve(v!)!))];
  assert.ok(backgrounds.length > 20 && backgrounds.includes('#1f2937'), `${backgrounds.length} backgrounds, the tactic headers among them`);
  const weak = backgrounds.filter((bg) => Math.max(contrast(focus, bg), contrast('#ffffff', bg)) < 3);
  assert.deepEqual(weak, []);
});
