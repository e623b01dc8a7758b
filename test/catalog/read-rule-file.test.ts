import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, openSync, ftruncateSync, closeSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRuleFile, DEFAULT_MAX_RULE_FILE_BYTES } from '../../src/catalog/read-rule-file.js';
import { CORPUS, REFERENCE_RULE_PATH } from '../helpers/shared.js';

const opts = { maxBytes: DEFAULT_MAX_RULE_FILE_BYTES };

describe('readRuleFile', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'socfeed-read-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  test('a 50 MB file is skipped without reading it, naming size and limit', () => {
    const p = join(dir, 'huge.yaml');
    // Sparse: 50 MB of holes, which would read as NUL bytes; the size check must come first.
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const t0 = performance.now();
    const r = readRuleFile(p, 'rules/huge.yaml', opts);
    const ms = performance.now() - t0;
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problem.file, 'rules/huge.yaml');
    assert.equal(r.problem.severity, 'error');
    assert.match(r.problem.reason, /50\.0 MB/);
    assert.match(r.problem.reason, /5\.0 MB limit/);
    assert.ok(ms < 500, `took ${ms} ms: the file was probably read`);
  });

  test('an 8 GB file gets the size message too: it is refused on its size, never read', () => {
    // Reading it would fail differently (Node refuses buffers over 2 GB) or take seconds.
    const p = join(dir, 'enormous.log');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 8 * 1024 * 1024 * 1024);
    closeSync(fd);
    const r = readRuleFile(p, 'enormous.log', opts);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problem.reason, /^file is 8192\.0 MB, over the 5\.0 MB limit for a rule file; skipped unread$/);
  });

  test('the limit is configurable', () => {
    const p = write('small.kql', 'SecurityEvent | take 10\n');
    assert.equal(readRuleFile(p, 'small.kql', { maxBytes: 1024 }).ok, true);
    const r = readRuleFile(p, 'small.kql', { maxBytes: 10 });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problem.reason, /24 B, over the 10 B limit/);
  });

  test('NUL bytes mark a binary file, with line and column', () => {
    const p = write('bin.yaml', Buffer.from([0x61, 0x0a, 0x62, 0x63, 0x00, 0x01, 0x02]));
    const r = readRuleFile(p, 'bin.yaml', opts);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.match(r.problem.reason, /binary/);
    assert.equal(r.problem.line, 2);
    assert.equal(r.problem.column, 3);
  });

  test('invalid UTF-8 is rejected with the byte offset and line', () => {
    // "name: caf\xe9" in Latin-1: 0xE9 followed by a newline is not a valid UTF-8 sequence.
    const bytes = Buffer.concat([Buffer.from('id: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const r = readRuleFile(write('latin1.yaml', bytes), 'latin1.yaml', opts);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.match(r.problem.reason, /invalid UTF-8 at byte offset 15/);
    assert.equal(r.problem.line, 2);
    assert.equal(r.problem.column, 10);
  });

  test('overlong encodings and surrogates count as invalid UTF-8', () => {
    for (const seq of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      const r = readRuleFile(write('bad.txt', Buffer.from([0x41, ...seq])), 'bad.txt', opts);
      assert.equal(r.ok, false, `accepted ${seq.map((x) => x.toString(16)).join(' ')}`);
      if (!r.ok) assert.match(r.problem.reason, /byte offset 1/);
    }
  });

  test('valid multi-byte UTF-8 passes', () => {
    const r = readRuleFile(write('utf8.md', '# Détection — 検出 🚨\n'), 'utf8.md', opts);
    assert.deepEqual(r, { ok: true, text: '# Détection — 検出 🚨\n' });
  });

  test('an empty file and a whitespace-only file are reported', () => {
    const e = readRuleFile(write('empty.yaml', ''), 'empty.yaml', opts);
    assert.equal(e.ok, false);
    if (!e.ok) assert.equal(e.problem.reason, 'empty file');
    const w = readRuleFile(write('blank.yaml', ' \n\t\r\n'), 'blank.yaml', opts);
    assert.equal(w.ok, false);
    if (!w.ok) assert.equal(w.problem.reason, 'file holds only whitespace');
  });

  test('a UTF-8 BOM is stripped and CRLF becomes LF', () => {
    const p = write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id: x\r\nname: y\r\nq: |\r\n  a\rb\r\n')]));
    const r = readRuleFile(p, 'bom.yaml', opts);
    assert.deepEqual(r, { ok: true, text: 'id: x\nname: y\nq: |\n  a\nb\n' });
  });

  test('a missing file or a directory is a problem, not an exception', () => {
    const m = readRuleFile(join(dir, 'nope.yaml'), 'nope.yaml', opts);
    assert.equal(m.ok, false);
    if (!m.ok) assert.match(m.problem.reason, /cannot read file/);
    mkdirSync(join(dir, 'sub'));
    const d = readRuleFile(join(dir, 'sub'), 'sub', opts);
    assert.equal(d.ok, false);
    if (!d.ok) assert.equal(d.problem.reason, 'not a regular file');
  });

  test('the reference rule reads as text', () => {
    const r = readRuleFile(join(CORPUS, 'azure-sentinel', REFERENCE_RULE_PATH), REFERENCE_RULE_PATH, opts);
    assert.equal(r.ok, true);
    if (r.ok) assert.match(r.text, /^id: /);
  });
});
