import { html, type Html } from './html.js';
import { layout } from './layout.js';

/** A page that only says something went wrong (`text` is escaped like everything else). */
export function messagePage(title: string, text: string): Html {
  const body = html`<section class="not-found">
<h1>${title}</h1>
<p>${text}</p>
<p><a href="/">Back to the feed</a> · <a href="/coverage">ATT&amp;CK coverage</a></p>
</section>`;
  return layout({ title, section: 'none', body });
}

/** 404 page; `what` names what was not found. */
export function notFoundPage(what: string): Html {
  return messagePage('Not found', what);
}
