import MarkdownIt from 'markdown-it';
import { trusted, type Html } from './html.js';

/**
 * Markdown in rule descriptions, rendered with markdown-it with raw HTML disabled: every `<`
 * in the text is escaped by the parser itself, so the only tags are those Markdown makes
 * (paragraphs, emphasis, code, lists, links, tables). On top of that:
 * - links only to http:, https: and mailto: (markdown-it's own check lets other schemes
 *   through, e.g. ftp: or relative links); any other link stays as text;
 * - every link opens without a referrer or opener (`rel="noopener noreferrer"`);
 * - images are off (a description must not make the browser fetch anything), headings are
 *   shown no larger than the page's own (h4+).
 * Why markdown-it and not a sanitizer after `marked`: with `html: false` it never emits tags
 * from the input, so there is nothing to sanitize, and it follows CommonMark.
 */

const SAFE_SCHEME = /^(https?:|mailto:)/i;

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
md.disable(['image']);
md.validateLink = (url) => SAFE_SCHEME.test(url.trim());

const renderToken = md.renderer.renderToken.bind(md.renderer);
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};
// Headings inside a description sit under the page's h1 and section h2s.
md.renderer.rules.heading_open = (tokens, idx, options) => {
  const t = tokens[idx]!;
  t.tag = `h${Math.min(6, Math.max(4, Number(t.tag.slice(1)) + 3))}`;
  return renderToken(tokens, idx, options);
};
md.renderer.rules.heading_close = (tokens, idx, options) => {
  const t = tokens[idx]!;
  t.tag = `h${Math.min(6, Math.max(4, Number(t.tag.slice(1)) + 3))}`;
  return renderToken(tokens, idx, options);
};

/** A description's Markdown as HTML (see above for what is allowed). */
export function renderMarkdown(text: string): Html {
  return trusted(md.render(text));
}
