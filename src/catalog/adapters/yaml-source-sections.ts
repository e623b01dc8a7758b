/**
 * Slices of a YAML file's text, for showing what the file says as it says it (comments,
 * quoting and order kept): one document's text in a multi-document file, one top-level key's
 * block (a Sigma `detection:`). Text slicing only; parsing stays with catalog/yaml.
 */

/** One document of a YAML stream: its text and the 1-based file line it starts on. */
export interface YamlSection {
  text: string;
  firstLine: number;
}

const DOCUMENT_MARKER = /^(---|\.\.\.)(\s|$)/;
const BLANK_OR_COMMENT = /^\s*(#.*)?$/;

/**
 * The documents of a YAML stream split at `---` / `...` lines, skipping documents with nothing
 * but blank lines and comments (the same documents the loader skips).
 */
export function yamlSections(text: string): YamlSection[] {
  const sections: { lines: string[]; firstLine: number }[] = [{ lines: [], firstLine: 1 }];
  text.split('\n').forEach((line, i) => {
    if (DOCUMENT_MARKER.test(line)) sections.push({ lines: [], firstLine: i + 2 });
    else sections.at(-1)!.lines.push(line);
  });
  return sections
    .filter((s) => s.lines.some((l) => !BLANK_OR_COMMENT.test(l)))
    .map((s) => ({ text: s.lines.join('\n'), firstLine: s.firstLine }));
}

/**
 * The block under top-level `key:` of one YAML document, dedented, with its comments; null
 * when the key is absent or written inline (`key: {…}`), where no block exists to show.
 * The block ends at the next line that starts in column 0 and is not a comment.
 */
export function topLevelBlockText(documentText: string, key: string): string | null {
  const lines = documentText.split('\n');
  const header = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:\\s*(#.*)?$`);
  const start = lines.findIndex((l) => header.test(l));
  if (start < 0) return null;
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^[^\s#]/.test(line)) break;
    block.push(line);
  }
  while (block.length > 0 && BLANK_OR_COMMENT.test(block.at(-1)!)) block.pop();
  const indents = block.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  if (indents.length === 0) return null;
  const cut = Math.min(...indents);
  return block.map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length))).join('\n');
}
