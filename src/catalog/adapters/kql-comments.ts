/**
 * What the `//` comments of a loose KQL file say about the query: the leading comment block is
 * its description (its first line, when short, its title), `// Tags: #a #b` lines give tags,
 * and links anywhere in comments are references (ATT&CK technique links also techniques).
 */
import { distinct } from './loose-values.js';
import { techniquesInAttackLinks } from './attack-mentions.js';
import { withoutZeroWidth } from './kql-detection.js';
import { urlsInText } from './urls-in-text.js';

export interface KqlComments {
  /** The first leading comment line when it reads as a title (see `isTitleLike`), else null. */
  title: string | null;
  /** The leading comment block as text: one line per comment line, blank lines kept. */
  description: string;
  tags: string[];
  references: string[];
  techniques: string[];
}

/** Longest first comment line used as a title; longer ones are descriptions, not names. */
const MAX_TITLE_LENGTH = 120;
const TAGS_LINE = /^tags\s*:\s*(.*)$/i;

/** Reads the comments of a loose KQL query text. A text without comments gives empty fields. */
export function readKqlComments(text: string): KqlComments {
  const lines = text.split('\n');
  const header: string[] = [];
  const tags: string[] = [];
  let inHeader = true;
  const allComments: string[] = [];
  for (const raw of lines) {
    const line = withoutZeroWidth(raw).trim();
    const comment = /^\/\/+\s?(.*)$/.exec(line);
    if (comment) {
      const body = comment[1]!.trim();
      allComments.push(body);
      const tagsLine = TAGS_LINE.exec(body);
      if (tagsLine) tags.push(...tagsLine[1]!.split(/[\s,]+/).map((t) => t.replace(/^#/, '')).filter((t) => t !== ''));
      else if (inHeader) header.push(body);
    } else if (line === '') {
      if (inHeader && header.length > 0) header.push('');
    } else {
      inHeader = false;
    }
  }
  const description = header.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const firstLine = header.find((l) => l !== '') ?? null;
  const commentText = allComments.join('\n');
  return {
    title: firstLine !== null && isTitleLike(firstLine) ? firstLine.replace(/\.$/, '') : null,
    description,
    tags: distinct(tags),
    references: urlsInText(commentText),
    techniques: techniquesInAttackLinks(commentText),
  };
}

/**
 * A comment line makes a title when it is a short phrase: at most 120 characters, at least
 * three words, no link, and not a `Key: value` note (`Original Sigma Rule: https://…`).
 */
function isTitleLike(line: string): boolean {
  return (
    line.length <= MAX_TITLE_LENGTH &&
    line.split(/\s+/).filter((w) => /\w/.test(w)).length >= 3 &&
    !/https?:\/\//.test(line) &&
    !/^[\w ]{1,30}:(\s|$)/.test(line)
  );
}
