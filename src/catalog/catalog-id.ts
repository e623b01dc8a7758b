/** Stable, URL-safe catalog ids: a readable slug plus a short hash of what identifies a rule. */
import { createHash } from 'node:crypto';

const SLUG_MAX = 60;

/**
 * The catalog id of the rule at `indexInFile` of `path` in `source`, e.g.
 * `azure-sentinel-rmm-addigy-netconn-5c1e0a9b2f`. Upstream ids are not unique (one Splunk rule
 * ships a placeholder), so the path is part of the identity; a null upstream id is fine.
 * Only `[a-z0-9-]` appear, so the id is safe in URLs and file names.
 */
export function catalogId(source: string, path: string, upstreamId: string | null, indexInFile: number): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([source, path, upstreamId ?? '', indexInFile]))
    .digest('hex')
    .slice(0, 10);
  const base = path.split('/').pop()!.replace(/\.[^.]*$/, '');
  const slug = slugify(`${source} ${base}${indexInFile > 0 ? ` ${indexInFile + 1}` : ''}`).slice(0, SLUG_MAX).replace(/-+$/, '');
  return slug ? `${slug}-${hash}` : hash;
}

/** Lower-case ASCII words joined by `-`; accents dropped, everything else a separator. */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
