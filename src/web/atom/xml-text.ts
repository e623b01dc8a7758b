/**
 * Text for XML 1.0 documents. Rule text is untrusted and may hold characters XML forbids
 * outright (C0 controls other than tab and line ends, lone surrogates, U+FFFE/U+FFFF): one of
 * them would make the whole feed ill-formed, so they are dropped before escaping.
 */

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` escaped for XML element content and attribute values (both quote kinds). */
export function xmlEscape(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
