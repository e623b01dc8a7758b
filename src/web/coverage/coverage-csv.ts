import type { AttackKnowledgeBase } from '../../attack/index.js';
import { uniqueTechniques, type CoverageData } from './coverage-data.js';
import { dataStatus, sourcesText } from './coverage-stats.js';

/**
 * The coverage as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled), one line per active technique and sub-technique, covered or not.
 */

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR, which some strip first)
 * as a formula; rule and source names are untrusted, so such cells get a leading apostrophe.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record (no line end). */
export function csvLine(cells: (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

/** The whole CSV document for `data`. */
export function coverageCsv(data: CoverageData, attack: AttackKnowledgeBase): string {
  const withData = data.query.have !== null;
  const header = ['technique_id', 'name', 'parent_id', 'tactics', 'rules', 'best_confidence', 'sources'];
  if (withData) header.push('runnable_rules', 'data_status');
  header.push('attack_url');
  const lines = [csvLine(header)];
  for (const t of uniqueTechniques(attack)) {
    const s = data.stats.get(t.id);
    const tactics = t.tactics.map((shortname) => attack.tactic(shortname)?.name ?? shortname).join('; ');
    const sources = s ? sourcesText(s, '; ') : '';
    const row: (string | number)[] = [t.id, t.name, t.parentId ?? '', tactics, s?.rules.length ?? 0, s?.confidence ?? '', sources];
    if (withData) row.push(s?.runnable ?? 0, dataStatus(s));
    row.push(t.url);
    lines.push(csvLine(row));
  }
  return lines.join('\r\n') + '\r\n';
}
