import { html, type Html } from './html.js';
import { layout } from './layout.js';

/** 404 page; `what` names what was not found (escaped like everything else). */
export function notFoundPage(what: string): Html {
  const body = html`<section class="not-found">
<h1>Not found</h1>
<p>${what}</p>
<p><a href="/">Back to the feed</a> · <a href="/coverage">ATT&amp;CK coverage</a></p>
</section>`;
  return layout({ title: 'Not found', section: 'none', body });
}
