import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * The one way views build HTML: Hono's `html` tagged template, which escapes every
 * interpolated string (`& < > " '`) and passes through only values it built itself.
 * Narrowed to synchronous values so views stay pure functions returning a string.
 */

/** A fragment of markup that is already safe to send. */
export type Html = HtmlEscapedString;

/** What may be interpolated: text (escaped), numbers, safe fragments, lists of them; null/false render nothing. */
export type HtmlValue = string | number | boolean | null | undefined | Html | readonly HtmlValue[];

/** Tagged template: escapes every interpolated string; throws if a caller smuggled in a Promise. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  const out = honoHtml(strings, ...values);
  if (out instanceof Promise) throw new TypeError('views render synchronously: a Promise reached html``');
  return out;
}

/** Markup we generated ourselves (never rule text): sent as is. */
export function trusted(markup: string): Html {
  return raw(markup);
}

/** `https:` URLs only (rule links are untrusted): the URL string, or null for anything else. */
export function safeHttpsUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A search snippet whose matches arrive wrapped in \u0001 … \u0002: escape the text first,
 * then turn balanced marks into `<mark>`; stray marks are dropped.
 */
export function markedSnippet(snippet: string): Html {
  const escaped = html`${snippet}`.toString();
  const marked = escaped
    .replace(/\u0001([^\u0001\u0002]*)\u0002/g, '<mark>$1</mark>')
    .replace(/[\u0001\u0002]/g, '');
  return trusted(marked);
}

/** Text cut at a word boundary to at most `max` characters, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
