/**
 * Rule files fill their false-positive field even when they know none: "Unknown", "None",
 * "None identified." Such placeholders say nothing a hunter can act on, so they are not kept
 * as false positives (the raw file still shows them).
 */

const PLACEHOLDER = /^(unknown|none|none identified|none known|none at this time|n\/a|na|-|tbd|no known false positives)\.?$/i;

/** True for a placeholder that declares no false positive ("Unknown", "None identified."). */
export function isFalsePositivePlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text.trim().replace(/^['"]|['"]$/g, ''));
}

/** The declared false positives with placeholders dropped, order kept. */
export function declaredFalsePositives(items: string[]): string[] {
  return items.filter((item) => !isFalsePositivePlaceholder(item));
}
