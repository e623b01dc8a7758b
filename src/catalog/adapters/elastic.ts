/**
 * The `elastic` adapter: Elastic detection-rules TOML files (`rules/**`: one `[rule]` each) and
 * hunting queries (`hunting/<platform>/queries/*.toml`: one `[hunt]` with one or more queries).
 * Field mapping: docs/field-mapping/elastic.md.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import type { FileProblem, ParsedRule } from '../rule.js';
import type { AdapterInput, AdapterResult, SourceAdapter } from './adapter.js';
import { elasticDetectionRule } from './elastic-detection-rule.js';
import { elasticHuntingQueries } from './elastic-hunting-query.js';
import { isRecord } from './loose-values.js';
import { commonNonRuleReason, extensionOf, foldersOf, wrongExtensionReason } from './non-rule-files.js';
import { ignoredFile, parseWithoutThrowing, unreadable } from './parsed-rule-builder.js';

/** Why a file of an Elastic repository is not a rule by design, or null when it may be one. */
function nonRuleReason(path: string): string | null {
  const common = commonNonRuleReason(path);
  if (common) return common;
  const ext = extensionOf(path);
  if (ext === '.md' && foldersOf(path).includes('hunting')) return 'hunting documentation generated from the queries';
  return wrongExtensionReason(path, ['.toml'], 'TOML');
}

function parseElastic({ path, text }: AdapterInput): AdapterResult {
  const ignored = nonRuleReason(path);
  if (ignored) return ignoredFile(ignored);
  if (text.trim() === '') return unreadable(path, 'empty file');
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) {
      // smol-toml's message continues with a code excerpt; the first line is the reason.
      const reason = err.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
      return unreadable(path, `TOML syntax error: ${reason}`, err.line, err.column);
    }
    throw err;
  }
  let found: ParsedRule | ParsedRule[] | FileProblem;
  if (isRecord(doc.rule)) found = elasticDetectionRule(doc, path, text);
  else if (isRecord(doc.hunt)) found = elasticHuntingQueries(doc, path, text);
  else return unreadable(path, 'not an Elastic rule: the file has no [rule] or [hunt] table');
  if (Array.isArray(found)) return { rules: found, problems: [] };
  if ('format' in found) return { rules: [found], problems: [] };
  return { rules: [], problems: [found] };
}

/** Elastic detection rules and hunting queries (TOML). */
export const elasticAdapter: SourceAdapter = {
  format: 'elastic',
  // Every file under the source's paths is classified: a rule, an ignored non-rule, or a problem.
  accepts: () => true,
  parse: (input) => parseWithoutThrowing(input.path, () => parseElastic(input)),
};
