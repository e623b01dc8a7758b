import { html, type Html } from './html.js';

/**
 * `<time>` for an ISO timestamp or date, shown as `YYYY-MM-DD HH:MM UTC` (dates alone stay
 * dates); text that does not parse is shown as given; null gives "unknown".
 */
export function timeElement(value: string | null | undefined): Html {
  if (!value) return html`<span class="unknown">unknown</span>`;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(value);
  if (Number.isNaN(t)) return html`${value}`;
  const iso = new Date(t).toISOString();
  const shown = dateOnly ? value : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return html`<time datetime="${dateOnly ? value : iso}">${shown}</time>`;
}

/** `http:` or `https:` URLs for references: the URL, or null (javascript:, data:, relative …). */
export function safeWebUrl(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
