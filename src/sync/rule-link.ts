/** Links to the original rule file in its public repository. */

/**
 * `https://github.com/<owner>/<repo>/blob/<commit>/<path>` with each path segment
 * URL-encoded (`Hunting%20Queries/…`). Null when the repository or the commit is unknown.
 */
export function ruleFileUrl(repo: string | null, commit: string | null, path: string): string | null {
  if (!repo || !commit) return null;
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `${repo.replace(/\/+$/, '')}/blob/${encodeURIComponent(commit)}/${encodedPath}`;
}
