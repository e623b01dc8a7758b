/**
 * The `kql` adapter: loose KQL collections. `.kql` / `.csl` files hold one query each; `.txt`
 * files and files without an extension do when their text reads as KQL; Markdown files give
 * one rule per KQL code block. Everything else in such a repository (licences, READMEs
 * without queries, scripts, images) is ignored with a reason. Field mapping and the decisions
 * below: docs/field-mapping/kql.md.
 */
import type { ParsedRule } from '../rule.js';
import type { AdapterInput, AdapterResult, SourceAdapter } from './adapter.js';
import { isTacticName } from './attack-mentions.js';
import { inferHuntingSeverity } from './hunting-severity.js';
import { readKqlComments } from './kql-comments.js';
import { looksLikeKql, withoutZeroWidth } from './kql-detection.js';
import { readKqlMarkdown } from './kql-markdown.js';
import { splitKqlQueries, type KqlPiece } from './kql-split.js';
import { distinct } from './loose-values.js';
import { baseName, commonNonRuleReason, extensionOf, foldersOf } from './non-rule-files.js';
import { blankRule, ignoredFile, parseWithoutThrowing, unreadable } from './parsed-rule-builder.js';
import { urlsInText } from './urls-in-text.js';

const QUERY_FILES = new Set(['.kql', '.csl']);
/** Binary files never read at all (not accepted), so they count as ignored, not as unreadable. */
const BINARY_FILE = /\.(pbit|pbix|png|jpe?g|gif|bmp|ico|svg|zip|gz|tgz|7z|pdf|docx?|xlsx?|pptx?|exe|dll|bin)$/i;
const MARKDOWN = new Set(['.md', '.markdown']);
/**
 * Loose collections are hunting queries shared by their authors, not content a vendor ships
 * and maintains: `community`. Provenance such as `official` comes from the source configuration.
 */
const LOOSE_QUERY_TAGS = ['hunting', 'community'];
/** The bare ATT&CK home page link of the Microsoft 365 Defender category boilerplate. */
const BOILERPLATE_LINK = /^https:\/\/attack\.mitre\.org\/?$/;

/** Why a file of a KQL collection is not a rule by design, or null when it may hold queries. */
function nonRuleReason(path: string): string | null {
  const ext = extensionOf(path);
  // Collections document their queries in folder READMEs (reprise99 `Azure AD Abuse
  // Detection/README.md`); only the repository's own README is documentation by design.
  const folderReadme = MARKDOWN.has(ext) && /^readme\./i.test(baseName(path)) && foldersOf(path).length > 0;
  const common = folderReadme ? null : commonNonRuleReason(path);
  if (common) return common;
  if (ext === '.yaml' || ext === '.yml') return 'YAML rule file: the sentinel and sigma adapters read those';
  if (!QUERY_FILES.has(ext) && !MARKDOWN.has(ext) && ext !== '.txt' && ext !== '') return `not a KQL file (${ext})`;
  return null;
}

function parseKql({ path, text }: AdapterInput): AdapterResult {
  const reason = nonRuleReason(path);
  if (reason) return ignoredFile(reason);
  const ext = extensionOf(path);
  if (MARKDOWN.has(ext)) return markdownRules(path, text);
  if (!QUERY_FILES.has(ext) && !looksLikeKql(text)) {
    return ignoredFile(ext === '' ? 'file without an extension that holds no KQL' : 'text file that holds no KQL');
  }
  const code = withoutZeroWidth(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('//'));
  if (code.length === 0) {
    return unreadable(path, 'no query: the file holds only comments');
  }
  const comments = readKqlComments(text);
  // A file name with spaces was written as a title (`Cloud Hopper.txt`); identifier-like
  // names (`DCA-DetectMailboxForward.kql`) give way to a leading comment that reads as one.
  const stem = fileStem(path);
  const name = /\s/.test(stem.trim()) ? stem.trim() : (comments.title ?? stem);
  // several queries one after another without `;`: one rule each (the first keeps the file's rule id)
  const pieces = splitKqlQueries(text);
  const rules = pieces.map((piece, i): ParsedRule => {
    const single = pieces.length === 1;
    const rule = huntingRule(path, single ? text : piece.text, i, folderTactics(path));
    rule.name = single ? name : `${name} (${pieceLabel(piece, i, pieces.length)})`;
    rule.description = comments.description;
    rule.query = single ? text : piece.text;
    rule.tags = distinct([...LOOSE_QUERY_TAGS, ...comments.tags]);
    rule.references = comments.references;
    rule.techniquesRaw = comments.techniques;
    if (!single) rule.extra.line = piece.line;
    return rule;
  });
  return { rules, problems: [] };
}

/** How one query of a split file is told apart: its own short heading comment (`Advanced Hunting query`), else its number. */
function pieceLabel(piece: KqlPiece, index: number, count: number): string {
  // the heading closest to the code: the file header above the first query also says "this query"
  const heading = [...piece.leadingComments].reverse().find((c) => c.length <= 60 && /\bquery\b/i.test(c));
  return heading?.replace(/[\s:.,]+$/, '') ?? `query ${index + 1} of ${count}`;
}

function markdownRules(path: string, text: string): AdapterResult {
  const md = readKqlMarkdown(text, fileStem(path));
  if (md.queries.length === 0) {
    return ignoredFile(md.skippedBlocks > 0 ? `Markdown whose ${md.skippedBlocks} code block(s) hold no KQL` : 'Markdown without KQL code blocks');
  }
  const lines = text.split('\n');
  const tactics = md.tacticsRaw.length > 0 ? md.tacticsRaw : folderTactics(path);
  const categoryTags = md.categories.map((c) => c.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
  const rules: ParsedRule[] = [];
  // a block holding several queries without `;` gives one rule per query; the extra ones are
  // numbered after the page's blocks, so that every block keeps its index (and rule id)
  let extraIndex = md.queries.length;
  md.queries.forEach((q, i) => {
    const pieces = splitKqlQueries(q.query);
    const split = pieces.length > 1;
    pieces.forEach((piece, k) => {
      const raw = split ? piece.text : md.queries.length === 1 ? text : lines.slice(q.line - 1, q.endLine).join('\n');
      const rule = huntingRule(path, raw, k === 0 ? i : extraIndex++, tactics);
      rule.name = split ? `${q.name} (${pieceLabel(piece, k, pieces.length)})` : q.name;
      rule.description = q.description;
      rule.query = split ? piece.text : q.query;
      rule.techniquesRaw = md.techniquesRaw;
      rule.tags = distinct([...LOOSE_QUERY_TAGS, ...categoryTags]);
      rule.authors = md.authors;
      rule.references = urlsInText(q.description).filter((u) => !BOILERPLATE_LINK.test(u));
      // the block's content starts on the line after its opening fence
      rule.extra.line = split ? q.line + piece.line : q.line;
      rules.push(rule);
    });
  });
  return { rules, problems: [] };
}

/** A KQL hunting rule with the fields every loose query shares. */
function huntingRule(path: string, raw: string, indexInFile: number, tacticsRaw: string[]): ParsedRule {
  const rule = blankRule('kql', path, raw, indexInFile);
  rule.language = 'kql';
  rule.kind = 'hunting';
  rule.tacticsRaw = tacticsRaw;
  rule.severity = inferHuntingSeverity(tacticsRaw);
  rule.severityInferred = true;
  return rule;
}

/** A folder named after a tactic (`Credential Access/…`, the Microsoft 365 Defender layout). */
function folderTactics(path: string): string[] {
  return foldersOf(path).filter(isTacticName).slice(-1);
}

/** The file name without its extension. */
function fileStem(path: string): string {
  const name = baseName(path);
  const ext = extensionOf(path);
  return ext ? name.slice(0, -ext.length) : name;
}

/** Loose KQL collections: `.kql` / `.csl` / `.txt` queries and Markdown with KQL blocks. */
export const kqlAdapter: SourceAdapter = {
  format: 'kql',
  // Every text file under the source's paths is classified: rules, an ignored non-rule, or a
  // problem; binary files are turned away by name.
  accepts: (path) => !BINARY_FILE.test(path),
  parse: (input) => parseWithoutThrowing(input.path, () => parseKql(input)),
};
