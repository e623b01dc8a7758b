import { html, type Html } from './html.js';
import type { Severity } from '../../catalog/rule.js';
import { feedUrl } from '../feed-query.js';

/** What the badges of a rule need; both `Rule` and `RuleSummary` have it. */
export interface BadgeSubject {
  language: string;
  severity: Severity | null;
  severityInferred: boolean;
  source: string;
  kind: string;
  techniques: { id: string; name: string }[];
  dataSources: string[];
  tags: string[];
  flags: string[];
}

interface Badge {
  kind: 'language' | 'severity' | 'source' | 'technique' | 'table' | 'tag' | 'flag' | 'more';
  text: string;
  /** Tooltip and accessible description. */
  title: string;
  /** Feed filter this badge stands for, when it is one. */
  href: string | null;
  extraClass?: string;
}

/** How many of each list a compact badge row shows; the rest fold into one "+N" badge. */
export interface BadgeLimits {
  techniques: number;
  tables: number;
  tags: number;
}

const NO_LIMITS: BadgeLimits = { techniques: Infinity, tables: Infinity, tags: Infinity };

/** The first `max` badges of a list, plus a "+N <what>s" badge naming the rest (`what` singular). */
function capped(list: Badge[], max: number, what: string): Badge[] {
  if (list.length <= max) return list;
  const rest = list.slice(max);
  return [
    ...list.slice(0, max),
    { kind: 'more', text: `+${rest.length} ${what}${rest.length === 1 ? '' : 's'}`, title: rest.map((b) => b.text).join(', '), href: null },
  ];
}

function badgesOf(rule: BadgeSubject, limits: BadgeLimits): Badge[] {
  const out: Badge[] = [
    { kind: 'language', text: rule.language, title: `Query language: ${rule.language}`, href: feedUrl({ language: [rule.language] }) },
  ];
  if (rule.severity) {
    out.push({
      kind: 'severity',
      text: rule.severityInferred ? `${rule.severity} (inferred)` : rule.severity,
      title: rule.severityInferred
        ? `Severity ${rule.severity}: inferred, the rule file gives none`
        : `Severity ${rule.severity}, as the rule file gives it`,
      href: feedUrl({ severity: [rule.severity] }),
      extraClass: `sev-${rule.severity}${rule.severityInferred ? ' inferred' : ''}`,
    });
  }
  out.push({ kind: 'source', text: rule.source, title: `Source: ${rule.source}`, href: feedUrl({ source: [rule.source] }) });
  const techniques = rule.techniques.map((t): Badge => {
    const label = t.name && t.name !== t.id ? `${t.id} ${t.name}` : t.id;
    return { kind: 'technique', text: label, title: `ATT&CK technique ${label}`, href: feedUrl({ technique: [t.id] }) };
  });
  const tables = rule.dataSources.map((table): Badge => ({ kind: 'table', text: table, title: `Data source: ${table}`, href: feedUrl({ table: [table] }) }));
  const tags = rule.tags.map((tag): Badge => ({ kind: 'tag', text: tag, title: `Tag: ${tag}`, href: feedUrl({ tag: [tag] }) }));
  out.push(
    ...capped(techniques, limits.techniques, 'technique'),
    ...capped(tables, limits.tables, 'data source'),
    ...capped(tags, limits.tags, 'tag'),
  );
  if (rule.flags.length > 0) {
    out.push({ kind: 'flag', text: 'flagged', title: `Flagged: ${rule.flags.join(', ')}`, href: feedUrl({ flagged: true }) });
  }
  return out;
}

/**
 * The badge row of a rule: language, severity (marked when inferred), source, techniques,
 * tables, tags, and "flagged" when the rule carries problems. `links` makes each badge a link
 * to the feed filtered by it (rule page); the feed keeps them as plain labels (fewer tab stops)
 * and passes `limits` so a rule with twenty tags stays one readable row.
 */
export function badges(rule: BadgeSubject, links: boolean, limits: BadgeLimits = NO_LIMITS): Html {
  const items = badgesOf(rule, limits).map((b) => {
    const cls = `badge b-${b.kind}${b.extraClass ? ` ${b.extraClass}` : ''}`;
    return links && b.href
      ? html`<li><a class="${cls}" href="${b.href}" title="${b.title}">${b.text}</a></li>`
      : html`<li><span class="${cls}" title="${b.title}">${b.text}</span></li>`;
  });
  return html`<ul class="badges" aria-label="Badges">${items}</ul>`;
}
