/**
 * Reading the Markdown investigation guides Elastic ships in a rule's `note`: the
 * "False positive analysis" section is the rule's own false-positive guidance, one item per
 * top-level bullet (or paragraph when the section has no bullets).
 */

/** Headings upstream uses for the section: "False positive analysis", "False Positive Considerations", "False positives" … */
const FALSE_POSITIVE_HEADING = /^(#{1,6})\s*false[\s-]positives?\b/i;
const HEADING = /^(#{1,6})\s/;
const BULLET = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;

/** One item under construction: bullet items take indented lines, paragraphs take any line. */
interface Item {
  kind: 'bullet' | 'paragraph';
  parts: string[];
}

/**
 * The items of the first false-positive section of a Markdown guide, each on one line, in
 * order. No such section, or an empty one, gives [].
 */
export function falsePositiveGuidance(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => FALSE_POSITIVE_HEADING.test(l));
  if (start < 0) return [];
  const level = FALSE_POSITIVE_HEADING.exec(lines[start]!)![1]!.length;
  const section: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const heading = HEADING.exec(line);
    if (heading && heading[1]!.length <= level) break;
    section.push(line);
  }
  return itemsOf(section);
}

function itemsOf(lines: string[]): string[] {
  const items: Item[] = [];
  let current: Item | null = null;
  let afterBlank = false;
  for (const line of lines) {
    if (line.trim() === '') {
      afterBlank = true;
      continue;
    }
    if (HEADING.test(line)) {
      // A sub-heading inside the section only groups items.
      current = null;
      continue;
    }
    const bullet = BULLET.exec(line);
    const indent = line.length - line.trimStart().length;
    if (bullet && bullet[1]!.length <= 1) {
      current = { kind: 'bullet', parts: [bullet[2]!.trim()] };
      items.push(current);
    } else if (current && bullet) {
      // A nested bullet refines its parent item.
      current.parts.push(`; ${bullet[2]!.trim()}`);
    } else if (current && (indent > 0 || (current.kind === 'paragraph' && !afterBlank))) {
      current.parts.push(` ${line.trim()}`);
    } else {
      current = { kind: 'paragraph', parts: [line.trim()] };
      items.push(current);
    }
    afterBlank = false;
  }
  return items.map((i) => i.parts.join('').replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
}
