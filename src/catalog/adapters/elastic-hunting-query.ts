/**
 * An Elastic hunting file (`hunting/<platform>/queries/*.toml`, one `[hunt]` table) as
 * `ParsedRule`s: one rule per query of its `query` list, because the queries of one hunt are
 * written in different languages (ES|QL next to osquery SQL) and each can be run on its own.
 * The mapping is documented in docs/field-mapping/elastic.md.
 */
import type { FileProblem, ParsedRule, QueryLanguage } from '../rule.js';
import { esqlSourceIndices } from './esql-source-indices.js';
import { distinct, recordOf, textListOf, textOf, unwrapText } from './loose-values.js';
import { blankRule, problemAt, warnRule } from './parsed-rule-builder.js';

/** Upstream language names (`ES|QL`, `EQL`, `SQL`) → our language and the name kept in `extra`. */
const LANGUAGES: Record<string, { language: QueryLanguage; name: string }> = {
  'es|ql': { language: 'esql', name: 'esql' },
  esql: { language: 'esql', name: 'esql' },
  eql: { language: 'eql', name: 'eql' },
  kql: { language: 'kuery', name: 'kuery' },
  kuery: { language: 'kuery', name: 'kuery' },
  lucene: { language: 'lucene', name: 'lucene' },
  // osquery SQL (Elastic hunts query endpoints through osquery).
  sql: { language: 'sql', name: 'sql' },
};

/** The rules of one `[hunt]` table, or the error explaining why it holds none. */
export function elasticHuntingQueries(
  doc: Record<string, unknown>,
  path: string,
  raw: string,
): ParsedRule[] | FileProblem {
  const hunt = recordOf(doc.hunt);
  const name = textOf(hunt.name);
  if (name === null) return problemAt(path, 'error', 'Elastic hunt without `name` in [hunt]');
  const queries = textListOf(hunt.query);
  if (queries.length === 0) return problemAt(path, 'error', `Elastic hunt "${name}" has no \`query\``);
  const declared = textListOf(hunt.language).map((l) => l.toLowerCase());
  const integrations = textListOf(hunt.integration);

  return queries.map((query, i) => {
    const rule = blankRule('elastic', path, raw, i);
    rule.upstreamId = textOf(hunt.uuid);
    if (rule.upstreamId === null) warnRule(rule, 'no-upstream-id', 'Elastic hunt without `uuid`');
    rule.name = queries.length === 1 ? name : `${name} (query ${i + 1} of ${queries.length})`;
    rule.description = unwrapText(textOf(hunt.description) ?? '');
    rule.query = query;
    rule.kind = 'hunting';
    const language = languageOf(query, declared);
    rule.language = language?.language ?? 'unknown';
    if (language === null) {
      warnRule(rule, 'unknown-language', `no known query language among [${declared.join(', ')}]`);
    }
    rule.techniquesRaw = textListOf(hunt.mitre);
    const indices = rule.language === 'esql' ? esqlSourceIndices(query) : [];
    rule.dataSources = distinct([...indices, ...integrations]);
    rule.tags = ['hunting', 'elastic', 'official'];
    rule.authors = textListOf(hunt.author);
    rule.references = textListOf(hunt.references);
    rule.extra = {
      queryLanguage: language?.name ?? null,
      declaredLanguages: textListOf(hunt.language),
      integrations,
      notes: textListOf(hunt.notes),
      queryCount: queries.length,
    };
    return rule;
  });
}

/**
 * The language of one query of a hunt: the declared one when the hunt declares one; when it
 * declares several, the one the query's first command belongs to (`from` → ES|QL, `select` →
 * SQL). Some upstream queries start with a stray `sql` line left from a Markdown fence; it is
 * skipped here but kept in the query text.
 */
function languageOf(query: string, declared: string[]): { language: QueryLanguage; name: string } | null {
  const known = declared.map((d) => LANGUAGES[d]).filter((l) => l !== undefined);
  if (known.length <= 1) return known[0] ?? null;
  const firstLine =
    query
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .find((l) => l !== '' && l !== 'sql' && !l.startsWith('//') && !l.startsWith('--')) ?? '';
  const guess = /^(from|row|show)\b/.test(firstLine)
    ? 'esql'
    : /^(select|with)\b/.test(firstLine)
      ? 'sql'
      : /\bwhere\b|^sequence\b/.test(firstLine)
        ? 'eql'
        : null;
  return known.find((l) => l.name === guess) ?? known[0]!;
}
