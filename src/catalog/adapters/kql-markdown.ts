/**
 * The KQL queries of one Markdown file, with what the text around them says: the file title,
 * the prose of the headings each block sits under, and (Microsoft 365 Defender hunting-query
 * layout) the "Covered?" ATT&CK category table and the "Contributor info" section.
 */
import { isTacticName, techniqueIdsIn, techniquesInAttackLinks } from './attack-mentions.js';
import { fenceLanguage, looksLikeKql } from './kql-detection.js';
import { distinct } from './loose-values.js';
import { markdownParts, type MarkdownCodeBlock, type MarkdownPart, type MarkdownProse } from './markdown-blocks.js';

export interface MarkdownQuery {
  /** File title, qualified by the block's headings / label when the file holds several. */
  name: string;
  description: string;
  query: string;
  /** 1-based lines of the opening and closing fences. */
  line: number;
  endLine: number;
}

export interface KqlMarkdown {
  queries: MarkdownQuery[];
  /** From the file as a whole, shared by all its queries. */
  tacticsRaw: string[];
  techniquesRaw: string[];
  /** Covered categories of the table that are not tactics (`Ransomware`, `Vulnerability` …). */
  categories: string[];
  authors: string[];
  /** Code blocks left out because they are not KQL. */
  skippedBlocks: number;
}

/** Headings that only say "the query follows" and add nothing to a name. */
const GENERIC_HEADING = /^(the )?(kql |kusto |hunting |advanced hunting )?(query|queries)$/i;
const COVERED = /^(v|x|y|yes|✓|✔)$/i;
const CONTRIBUTOR = /^\W*contributors?\W*:\W*(.+?)\W*$/i;

/**
 * Reads the KQL blocks of a Markdown text; `fallbackTitle` names them when it has no heading.
 * A file with no fenced KQL is read again taking prose paragraphs that read as KQL as queries
 * (upstream has `## Query` sections whose query was never fenced).
 */
export function readKqlMarkdown(text: string, fallbackTitle: string): KqlMarkdown {
  const parsed = markdownParts(text);
  const fenced = readParts(text, parsed, fallbackTitle);
  if (fenced.queries.length > 0) return fenced;
  const unfenced = parsed.map((p): MarkdownPart => (p.kind === 'prose' && looksLikeKql(p.text) ? proseAsCode(p) : p));
  const second = readParts(text, unfenced, fallbackTitle);
  return second.queries.length > 0 ? second : fenced;
}

/** A prose paragraph that is really an unfenced query, as a code block. */
function proseAsCode(p: MarkdownProse): MarkdownCodeBlock {
  const lines = p.text.split('\n');
  let first = 0;
  while (lines[first]?.trim() === '') first++;
  while (lines.at(-1)?.trim() === '') lines.pop();
  const line = p.line + first;
  return { kind: 'code', info: 'kql', code: lines.slice(first).join('\n'), line, endLine: line + lines.length - first - 1 };
}

function readParts(text: string, parts: MarkdownPart[], fallbackTitle: string): KqlMarkdown {
  const titleHeading = parts.find((p) => p.kind === 'heading' && p.level === 1) ?? parts.find((p) => p.kind === 'heading');
  const title = titleHeading?.kind === 'heading' && titleHeading.text !== '' ? titleHeading.text : fallbackTitle;

  const found: { block: MarkdownCodeBlock; chain: string[]; texts: string[] }[] = [];
  const intro: string[] = [];
  // Headings above the current position (by level) and the prose directly under each.
  // A heading's own prose ends at the first query under it.
  let chain: { level: number; text: string; prose: string[]; closed: boolean }[] = [];
  let sinceBoundary: string[] = [];
  let skippedBlocks = 0;
  const allProse: string[] = [];

  for (const part of parts) {
    if (part.kind === 'heading') {
      if (part === titleHeading) continue;
      chain = [...chain.filter((h) => h.level < part.level), { level: part.level, text: part.text, prose: [], closed: false }];
      sinceBoundary = [];
    } else if (part.kind === 'prose') {
      allProse.push(part.text);
      if (chain.length === 0) intro.push(part.text);
      else if (!chain.at(-1)!.closed) chain.at(-1)!.prose.push(part.text);
      sinceBoundary.push(part.text);
    } else {
      const lang = fenceLanguage(part.info);
      const isKql = part.code.trim() !== '' && (lang === 'kql' || (lang === 'none' && looksLikeKql(part.code)));
      if (!isKql) {
        skippedBlocks++;
        continue;
      }
      const texts = distinct([...intro, ...chain.flatMap((h) => h.prose), ...sinceBoundary].map(tidy).filter((t) => t !== ''));
      found.push({ block: part, chain: chain.map((h) => h.text), texts });
      if (chain.length > 0) chain.at(-1)!.closed = true;
      sinceBoundary = [];
    }
  }

  const names = uniqueNames(found.map((f) => (found.length === 1 ? title : qualifiedName(title, f.chain, f.texts))));
  const queries = found.map((f, i): MarkdownQuery => ({
    name: names[i]!,
    description: f.texts.join('\n\n'),
    query: f.block.code,
    line: f.block.line,
    endLine: f.block.endLine,
  }));
  return { queries, ...categoryTable(text), techniquesRaw: techniquesOf(text, allProse), authors: contributors(text), skippedBlocks };
}

/** Title plus the block's specific headings, or the label line just above it (`Generic:`). */
function qualifiedName(title: string, chain: string[], texts: string[]): string {
  const headings = chain.filter((h) => !GENERIC_HEADING.test(h));
  const lastLine = texts.at(-1)?.split('\n').at(-1)?.trim() ?? '';
  const label = /^[^.]{1,60}:$/.test(lastLine) ? lastLine.slice(0, -1).trim() : null;
  return [title, ...headings, ...(label ? [label] : [])].join(' — ');
}

/** Names made unique within the file by numbering repeats: `X (1)`, `X (2)`. */
function uniqueNames(names: string[]): string[] {
  return names.map((n, i) => {
    const same = names.filter((m) => m === n).length;
    return same === 1 ? n : `${n} (${names.slice(0, i + 1).filter((m) => m === n).length})`;
  });
}

/** Tactics and other categories marked covered in the ATT&CK category table. */
function categoryTable(text: string): { tacticsRaw: string[]; categories: string[] } {
  const tacticsRaw: string[] = [];
  const categories: string[] = [];
  for (const row of coveredRows(text)) (isTacticName(row.name) ? tacticsRaw : categories).push(row.name);
  return { tacticsRaw: distinct(tacticsRaw), categories: distinct(categories) };
}

/** Techniques in the covered rows' notes and in ATT&CK links in the prose. */
function techniquesOf(text: string, prose: string[]): string[] {
  const fromTable = coveredRows(text).flatMap((r) => techniqueIdsIn(r.notes));
  return distinct([...fromTable, ...techniquesInAttackLinks(prose.join('\n'))]);
}

/** Rows of the table whose header has a "Covered" column, where that column is ticked. */
function coveredRows(text: string): { name: string; notes: string }[] {
  const rows: { name: string; notes: string }[] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('|')) {
      inTable = false;
      continue;
    }
    const cells = t.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (cells.some((c) => /^covered\b/i.test(c))) {
      inTable = true;
      continue;
    }
    if (inTable && cells[0] && COVERED.test(cells[1] ?? '')) rows.push({ name: cells[0], notes: cells.slice(2).join(' ') });
  }
  return rows;
}

/** Names after `Contributor:` lines, placeholders (`< your name >`) left out. */
function contributors(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = CONTRIBUTOR.exec(line.trim());
    if (!m || /\byour\b/i.test(m[1]!)) continue;
    out.push(...m[1]!.replace(/[<>]/g, '').split(/\s*(?:,|&|\band\b)\s*/).map((s) => s.trim()).filter((s) => s !== ''));
  }
  return distinct(out);
}

/**
 * Prose with trailing spaces and runs of blank lines removed; a paragraph written as `//`
 * comments (an unfenced query's header) loses the comment markers.
 */
function tidy(text: string): string {
  const lines = text.split('\n');
  const comments = lines.every((l) => l.trim() === '' || l.trim().startsWith('//'));
  return lines
    .map((l) => (comments ? l.replace(/^\s*\/\/+\s?/, '') : l).trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
