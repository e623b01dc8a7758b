/** Small helpers for writing English from lists: `a, b and c`, bounded value lists, durations. */

/** `['a']` → `a`; `['a','b','c']` → `a, b and c` (or `or`). */
export function listOf(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** At most `max` values joined, then `and N more`; each value shortened to 60 characters. */
export function valueList(values: readonly string[], max = 7, conjunction: 'and' | 'or' = 'and'): string {
  const shown = values.slice(0, max).map((v) => (v.length > 60 ? `${v.slice(0, 59)}…` : v));
  if (values.length > max) return `${shown.join(', ')} ${conjunction} ${values.length - max} more`;
  return listOf(shown, conjunction);
}

/** 432000000 → `5 days`, 3600000 → `1 hour`, 90000 → `90 seconds`. */
export function durationPhrase(ms: number): string {
  for (const [unit, size] of [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000]] as const) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${Math.round(ms / 1000)} seconds`;
}

/** The first sentence of a text, URLs and Markdown dropped, at most 220 characters; '' when none. */
export function firstSentence(text: string): string {
  const flat = text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[`*_#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const end = /[.!?](\s|$)/.exec(flat);
  const sentence = end ? flat.slice(0, end.index + 1) : flat;
  return sentence.length > 220 ? `${sentence.slice(0, 219)}…` : sentence;
}

/** `Command and Control` → `command and control`; ATT&CK tactic names in running text. */
export function lowerTactic(name: string): string {
  return name.toLowerCase();
}
