import { html, type Html } from './html.js';
import { assetUrl } from '../static-assets.js';

/** Which top-level page is showing, for the navigation's `aria-current`. */
export type Section = 'feed' | 'coverage' | 'rule' | 'none';

export interface PageOptions {
  title: string;
  section: Section;
  body: Html;
  /** Extra scripts by asset name (progressive enhancement only). */
  scripts?: ('feed' | 'coverage' | 'hunt' | 'rule')[];
  /** The Atom feed matching this page (the feed page passes its filters). */
  atom?: string;
}

/** The whole HTML document around one page's body. */
export function layout({ title, section, body, scripts = [], atom = '/feed.atom' }: PageOptions): Html {
  const current = (s: Section) => (s === section ? html` aria-current="page"` : null);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · socfeed</title>
<link rel="icon" href="${assetUrl('icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('app.css')}">
<link rel="alternate" type="application/atom+xml" title="socfeed: new and changed rules" href="${atom}">
${scripts.map((s) => html`<script type="module" src="${assetUrl(`${s}.js`)}"></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/">socfeed</a>
  <nav aria-label="Main">
    <ul>
      <li><a href="/"${current('feed')}>Feed</a></li>
      <li><a href="/coverage"${current('coverage')}>Coverage</a></li>
      <li><a href="/api/rules">API</a></li>
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site">
  <p>Detection content pulled from open-source repositories. Validate every rule before production use.</p>
</footer>
</body>
</html>`;
}
