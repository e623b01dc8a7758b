import type { DynamicValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';
import { textArg } from './text.js';

/**
 * parse_xml ("parse_xml()" docs): XML → dynamic. `<e/>` → {"e": null}; `<e>text</e>` →
 * {"e": "text"}; attributes become "@name" keys and text beside them "#text"; repeated child
 * elements become an array. Only elements, attributes and text are kept (declarations,
 * comments and processing instructions are skipped; CDATA is text). Numeric text becomes a
 * number, as in the docs' example. Invalid XML or input over 1 MB → null.
 */

interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Parses an XML document into its root element; null when it is not well formed. */
function parseXmlDocument(xml: string): XmlElement | null {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const tag = /<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  const attr = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.trim()) {
      if (stack.length === 0) return null;
      stack[stack.length - 1]!.text += decodeEntities(text);
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) i = skipTo(xml, '-->', lt);
    else if (xml.startsWith('<?', lt)) i = skipTo(xml, '?>', lt);
    else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0 || stack.length === 0) return null;
      stack[stack.length - 1]!.text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) i = skipTo(xml, '>', lt);
    else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (end < 0 || !open || open.name !== name) return null;
      i = end + 1;
    } else {
      tag.lastIndex = lt;
      const m = tag.exec(xml);
      if (!m) return null;
      const el: XmlElement = { name: m[1]!, attrs: [], children: [], text: '' };
      for (const a of m[2]!.matchAll(attr)) el.attrs.push([a[1]!, decodeEntities(a[2] ?? a[3] ?? '')]);
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else if (root) return null; // a second root
      else root = el;
      if (m[3] !== '/') stack.push(el);
      i = tag.lastIndex;
    }
    if (i < 0) return null;
  }
  return stack.length === 0 ? root : null;
}

function skipTo(xml: string, end: string, from: number): number {
  const at = xml.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

const scalar = (text: string): DynamicValue => (NUMBER.test(text) ? Number(text) : text);

function toJson(el: XmlElement): DynamicValue {
  const text = el.text.trim();
  if (el.attrs.length === 0 && el.children.length === 0) return text ? scalar(text) : null;
  const out: Record<string, DynamicValue> = {};
  for (const [k, v] of el.attrs) out['@' + k] = v;
  if (text) out['#text'] = scalar(text);
  for (const child of el.children) {
    const v = toJson(child);
    const prev = out[child.name];
    if (prev === undefined) out[child.name] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[child.name] = [prev, v];
  }
  return out;
}

/** XML text → KQL's dynamic form, or null. */
export function parseXml(xml: string): DynamicValue {
  if (xml.length > 1_048_576) return null;
  const root = parseXmlDocument(xml);
  return root ? { [root.name]: toJson(root) } : null;
}

export const xmlFunctions: ScalarFunction[] = [...defineFunction('parse_xml', (args, ctx) => parseXml(textArg(args, 0, ctx)))];
