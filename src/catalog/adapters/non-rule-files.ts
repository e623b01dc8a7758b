/**
 * Files that rule repositories hold beside their rules and that are not rules by design:
 * documentation, licences, tooling. Adapters answer them with `ignored` (counted, not reported
 * as problems) instead of trying to read them as rules.
 */

const LICENCE = /^(licen[cs]e|notice|copying)(\.[a-z]+)?$/i;
const DOCUMENTATION = /^(readme|changelog|contributing|security|code_of_conduct)(\.[a-z]+)?$/i;
/** Extensions that never hold a rule of any format we read. */
const TOOLING = new Map<string, string>([
  ['.py', 'Python source'],
  ['.pyc', 'compiled Python'],
  ['.js', 'JavaScript source'],
  ['.ts', 'TypeScript source'],
  ['.sh', 'shell script'],
  ['.ps1', 'PowerShell script'],
  ['.json', 'JSON data'],
  ['.csv', 'CSV data'],
  ['.png', 'image'],
  ['.jpg', 'image'],
  ['.jpeg', 'image'],
  ['.gif', 'image'],
  ['.svg', 'image'],
]);

/** The last segment of a POSIX path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The extension of a path, lower-case with its dot (`.yml`), or '' when it has none. */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** The folder names of a path (every segment but the file name). */
export function foldersOf(path: string): string[] {
  return path.split('/').slice(0, -1);
}

/**
 * Why a file is not a rule whatever its format (licence, README, source code, image), or null
 * when it may be one. Format-specific exclusions are each adapter's business.
 */
export function commonNonRuleReason(path: string): string | null {
  const name = baseName(path);
  if (LICENCE.test(name)) return 'licence file';
  if (DOCUMENTATION.test(name)) return 'repository documentation';
  if (name.startsWith('.')) return 'hidden file';
  if (foldersOf(path).some((f) => f.startsWith('.'))) return 'file in a hidden folder';
  const tooling = TOOLING.get(extensionOf(path));
  return tooling ? `${tooling}, not a rule` : null;
}

/**
 * Why a file is not a rule of a format whose rules have one of `extensions` (`['.yml',
 * '.yaml']`): Markdown is documentation, other extensions are not that format. Null when the
 * extension fits.
 */
export function wrongExtensionReason(path: string, extensions: string[], formatName: string): string | null {
  const ext = extensionOf(path);
  if (extensions.includes(ext)) return null;
  if (ext === '.md') return 'Markdown documentation';
  return `not a ${formatName} file${ext ? ` (${ext})` : ''}`;
}
