import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { highlightCode } from '../../src/web/highlight/render.js';
import { tokenize } from '../../src/web/highlight/tokenize.js';
import { KQL, SPL, TOML, YAML } from '../../src/web/highlight/languages.js';
import { CORPUS } from '../helpers/shared.js';
import { XSS } from './sample-rule.js';

/** Tokens as `kind:text` pairs, plain whitespace-only tokens left out (they carry no colour). */
function kinds(text: string, language: typeof KQL): string[] {
  return tokenize(text, language)
    .filter((t) => !(t.kind === 'plain' && !t.text.trim()))
    .map((t) => `${t.kind}:${t.text.trim()}`);
}

/** What the browser shows of highlighted code: tags dropped, entities decoded. */
function shown(markup: string): string {
  return markup.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('tokenizers', () => {
  test('KQL: keywords (with dashes and !), strings, comments, timespans, calls, pipes', () => {
    assert.deepEqual(kinds("T // note\n| where A !has 'x' and B == @\"c:\\d\"\n| mv-expand D\n| summarize count() by bin(Timestamp, 1h)", KQL), [
      'plain:T', 'com:// note', 'op:|', 'kw:where', 'plain:A', 'kw:!has', "str:'x'", 'kw:and', 'plain:B ==', 'str:@"c:\\d"',
      'op:|', 'kw:mv-expand', 'plain:D', 'op:|', 'kw:summarize', 'kw:count', 'plain:()', 'kw:by', 'fn:bin', 'plain:(Timestamp,', 'num:1h', 'plain:)',
    ]);
    // A dash joins words only into known operators: `a-b` is arithmetic.
    assert.deepEqual(kinds('extend x = a-b', KQL), ['kw:extend', 'plain:x = a-b']);
  });

  test('YAML: keys, Sigma modifiers, list items, quoted strings, comments, block scalars', () => {
    assert.deepEqual(kinds("detection:\n  sel:\n    CommandLine|contains|all:\n      - 'a: b' # why\n  condition: sel\nquery: |\n  T | take 1\n", YAML), [
      'key:detection', 'plain::', 'key:sel', 'plain::', 'key:CommandLine', 'mod:|contains', 'mod:|all', 'plain::', 'op:-', "str:'a: b'", 'com:# why',
      'key:condition', 'plain:: sel', 'key:query', 'plain::', 'op:|', 'plain:T | take 1',
    ]);
  });

  test('TOML: sections, keys, multi-line strings, numbers, booleans', () => {
    assert.deepEqual(kinds("[rule]\nrisk_score = 47\nquery = '''\nprocess where true\n'''\n[[rule.threat]]\nenabled = true\n", TOML), [
      'sec:[rule]', 'key:risk_score', 'plain:=', 'num:47', 'key:query', 'plain:=', "str:'''\nprocess where true\n'''", 'sec:[[rule.threat]]', 'key:enabled', 'plain:=', 'lit:true',
    ]);
  });

  test('SPL: macros, commands after a pipe, field keys, strings', () => {
    assert.deepEqual(kinds('`sysmon` EventCode=1 | stats count by dest | where count > 5', SPL), [
      'fn:`sysmon`', 'var:EventCode', 'plain:=', 'num:1', 'op:|', 'kw:stats', 'plain:count', 'kw:by', 'plain:dest', 'op:|', 'kw:where', 'plain:count >', 'num:5',
    ]);
  });
});

describe('highlighted code', () => {
  test('payloads in code stay text; the markup is only our spans', () => {
    const code = `T | where X has "${XSS.script}" // ${XSS.img}\n| extend Y = '${XSS.svg}'`;
    const out = highlightCode(code, 'kql').toString();
    assert.equal(shown(out), code);
    for (const tag of out.match(/<[^>]*>/g) ?? []) assert.match(tag, /^(<span class="(line|t-\w+)"( id="q-L\d+")?>|<\/span>)$/, tag);
  });

  test('lint findings are marked on their line, with a caret under the column', () => {
    const out = highlightCode('T\n| where X has "ab"\n| take 1', 'kql', [{ line: 2, column: 17, severity: 'warning', text: 'short has term <ab>' }]).toString();
    const lines = out.split('\n');
    assert.equal(lines.length, 4, 'three code lines and one note');
    assert.match(lines[1]!, /^<span class="line lint lint-warning" id="q-L2">/);
    assert.equal(lines[2], `<span class="lint-mark lint-warning">${' '.repeat(16)}^ warning: short has term &lt;ab&gt;</span>`);
    assert.match(lines[3]!, /^<span class="line" id="q-L3">/);
  });

  test('real rule files of every format come back exactly as written', () => {
    const cases: [string, string][] = [
      ['azure-sentinel/Hunting Queries/**/*.yaml', 'yaml'],
      ['sigma/rules/**/*.yml', 'yaml'],
      ['elastic/rules/**/*.toml', 'toml'],
      ['splunk/detections/**/*.yml', 'yaml'],
      ['reprise99-sentinel-queries/**/*.kql', 'kql'],
    ];
    let files = 0;
    for (const [glob, language] of cases) {
      for (const path of globSync(glob, { cwd: CORPUS }).sort().slice(0, 40)) {
        const text = readFileSync(join(CORPUS, path), 'utf8').replace(/\r\n/g, '\n');
        const expected = text.endsWith('\n') ? text : `${text}\n`;
        assert.equal(`${shown(highlightCode(text, language).toString())}\n`, expected, path);
        files++;
      }
    }
    assert.ok(files >= 150, `${files} files`);
  });
});
