import { createHash } from 'node:crypto';
import type { Rule } from '../../catalog/rule.js';
import { html, safeHttpsUrl } from '../views/html.js';
import { xmlEscape } from './xml-text.js';

/**
 * An Atom 1.0 document (RFC 4287) of rules, newest change first. Each change of a rule is its
 * own entry (the id names the rule and its content hash), so a reader shows a changed rule
 * again instead of silently updating an entry the user has already read.
 */

export interface AtomFeedData {
  /** Newest first. */
  rules: Rule[];
  /** Absolute URL of this document (rel="self"). */
  selfUrl: string;
  /** The HTML feed showing the same filters (rel="alternate"). */
  alternateUrl: string;
  /** Link to a rule's page. */
  ruleUrl: (id: string) => string;
  /** `language kql, technique T1219`, or empty for the whole catalog. */
  filterText: string;
  /** Stands in for `updated` when no rule matches (the last sync), else null. */
  fallbackUpdated: string | null;
  /** What identifies this feed (base URL and filters): the feed id is derived from it. */
  identity: string;
}

/** A name-based UUID (the version 5 layout over SHA-1) as an Atom id: stable, and valid for any input. */
export function urnUuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 3339 timestamp for an ISO string the store gave; the epoch for anything unparsable. */
function rfc3339(value: string | null): string {
  const t = value ? Date.parse(value) : Number.NaN;
  return new Date(Number.isNaN(t) ? 0 : t).toISOString();
}

const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlEscape(text)}</${name}>`;
const link = (rel: string, href: string, type?: string) =>
  `<link rel="${rel}"${type ? ` type="${type}"` : ''} href="${xmlEscape(href)}"/>`;

function entry(rule: Rule, data: AtomFeedData): string {
  const added = rule.firstSeen === rule.lastChanged;
  const techniques = rule.techniques.map((t) => `${t.id} ${t.name}`).join(', ');
  const summary = [
    `${added ? 'Added' : 'Changed'}: ${rule.source} · ${rule.language} · ${rule.kind}${rule.severity ? ` · ${rule.severity}` : ''}`,
    techniques ? `ATT&CK: ${techniques}.` : '',
    rule.description,
  ].filter(Boolean).join('\n');
  // HTML built by the views' escaping template, then escaped again as XML text (type="html").
  const content = html`<p>${rule.description}</p>
<p>${added ? 'Added' : 'Changed'} in ${rule.source} (${rule.language}, ${rule.kind}).${techniques ? html` ATT&amp;CK: ${techniques}.` : ''}${rule.dataSources.length ? html` Data: ${rule.dataSources.join(', ')}.` : ''}</p>
<pre>${rule.query}</pre>`.toString();
  const original = safeHttpsUrl(rule.url);
  const authors = rule.authors.length ? rule.authors : [rule.source];
  return [
    '<entry>',
    el('id', urnUuid(`socfeed-rule\u0000${rule.id}\u0000${rule.contentHash}`)),
    el('title', rule.name, ' type="text"'),
    el('updated', rfc3339(rule.lastChanged)),
    el('published', rfc3339(rule.firstSeen)),
    link('alternate', data.ruleUrl(rule.id), 'text/html'),
    original ? link('via', original) : '',
    ...authors.map((a) => `<author>${el('name', a)}</author>`),
    ...rule.techniques.map((t) => `<category term="${xmlEscape(t.id)}" label="${xmlEscape(`${t.id} ${t.name}`)}"/>`),
    el('summary', summary, ' type="text"'),
    el('content', content, ' type="html"'),
    '</entry>',
  ].filter(Boolean).join('\n');
}

/** The whole Atom document. */
export function atomFeed(data: AtomFeedData): string {
  const updated = data.rules.length
    ? new Date(Math.max(...data.rules.map((r) => Date.parse(rfc3339(r.lastChanged))))).toISOString()
    : rfc3339(data.fallbackUpdated);
  const title = `socfeed: new and changed rules${data.filterText ? ` (${data.filterText})` : ''}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    el('id', urnUuid(`socfeed-feed\u0000${data.identity}`)),
    el('title', title, ' type="text"'),
    el('subtitle', 'Detection rules added or changed by recent syncs, newest first. Validate every rule before production use.', ' type="text"'),
    el('updated', updated),
    `<author>${el('name', 'socfeed')}</author>`,
    el('generator', 'socfeed'),
    link('self', data.selfUrl, 'application/atom+xml'),
    link('alternate', data.alternateUrl, 'text/html'),
    ...data.rules.map((r) => entry(r, data)),
    '</feed>',
    '',
  ].join('\n');
}
