/**
 * The highlighted languages: KQL, SPL, YAML (Sentinel, Splunk and Sigma files, Sigma
 * detections with their `|modifiers`), TOML (Elastic rule files), and one generic grammar for
 * Elastic's query languages (EQL, ES|QL, KQL for Kibana, Lucene, SQL). Keyword lists hold the
 * common words only: a missing keyword is shown plain, never wrong.
 */
import { words, type Language } from './tokenize.js';

const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const KQL_KEYWORDS = new Set(
  (
    'where project project-away project-rename project-reorder project-keep extend summarize join union let take limit top sort order ' +
    'by asc desc count distinct mv-expand mv-apply make-series parse parse-where evaluate lookup render as on kind ' +
    'invoke materialize datatable range print search find getschema sample sample-distinct serialize partition fork facet ' +
    'and or not in !in has !has has_cs has_any has_all hasprefix hassuffix contains !contains contains_cs startswith !startswith ' +
    'endswith !endswith matches regex between !between with step from to inner outer leftouter rightouter fullouter leftanti ' +
    'rightanti leftsemi rightsemi innerunique anti semi isfuzzy withsource nulls first last typeof dynamic'
  ).split(' '),
);
const KQL_LITERALS = new Set(['true', 'false', 'null', 'bool', 'datetime', 'timespan', 'string', 'int', 'long', 'real', 'decimal', 'guid']);

/** Kusto Query Language. */
export const KQL: Language = [
  { re: /\/\/[^\n]*/y, kind: 'com' },
  { re: /```[\s\S]*?(?:```|$)/y, kind: 'str' },
  { re: /[hH]?@?'(?:[^'\\\n]|\\.)*'?/y, kind: 'str' },
  { re: /[hH]?@?"(?:[^"\\\n]|\\.)*"?/y, kind: 'str' },
  { re: /\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|microseconds?|ticks?|d|h|m|s)?\b/y, kind: 'num' },
  { re: /!?[A-Za-z_][\w]*(?:-[A-Za-z]+)*/y, kind: words(KQL_KEYWORDS, { literals: KQL_LITERALS, compound: /^!?[A-Za-z_]\w*/ }) },
  { re: /\|/y, kind: 'op' },
];

const SPL_KEYWORDS = new Set(['and', 'or', 'not', 'by', 'as', 'in', 'over', 'output', 'outputnew', 'where', 'like', 'span', 'earliest', 'latest']);
const SPL_COMMANDS = new Set(
  (
    'search stats tstats eval where rename table fields rex regex dedup sort head tail top rare lookup inputlookup outputlookup ' +
    'join append appendpipe transaction bin bucket timechart chart streamstats eventstats makemv mvexpand spath fillnull ' +
    'convert strcat iplocation datamodel from makeresults collect return format map foreach untable xyseries addinfo'
  ).split(' '),
);

/** Splunk's SPL: commands after a pipe, `macros`, field=value keys. */
export const SPL: Language = [
  { re: /```[\s\S]*?(?:```|$)/y, kind: 'com' },
  { re: /`[^`\n]*`/y, kind: 'fn' },
  { re: /"(?:[^"\\]|\\.)*"?/y, kind: 'str' },
  { re: /'(?:[^'\\\n]|\\.)*'?/y, kind: 'str' },
  { re: /\|\s*/y, kind: 'op' },
  { re: /[A-Za-z_][\w.]*(?=\s*!?=)/y, kind: 'var' },
  { re: NUMBER, kind: 'num' },
  {
    re: /[A-Za-z_][\w]*/y,
    kind: (match, text, end) => {
      const before = text.slice(0, end - match.length).trimEnd();
      if (before.endsWith('|') || before === '') {
        if (SPL_COMMANDS.has(match.toLowerCase())) return { kind: 'kw' };
      }
      return words(SPL_KEYWORDS, { ignoreCase: true, literals: new Set(['true', 'false', 'null']) })(match, text, end);
    },
  },
];

/** YAML, with Sigma's field modifiers (`CommandLine|contains|all:`) picked out of keys. */
export const YAML: Language = [
  { re: /(?<=^|\s)#[^\n]*/my, kind: 'com' },
  { re: /^---$/my, kind: 'op' },
  { re: /^[ \t]*(?:- )*(?=[^\s#'"\-][^:\n]*?:(?:\s|$))/my, kind: 'plain' },
  { re: /(?<=^[ \t]*(?:- )*)[^\s#'"|:][^:|\n]*?(?=(?:\|[\w]+)*:(?:\s|$))/my, kind: 'key' },
  { re: /\|[A-Za-z0-9_]+(?=[|:])/y, kind: 'mod' },
  { re: /"(?:[^"\\\n]|\\.)*"?/y, kind: 'str' },
  { re: /'(?:[^'\n]|'')*'?/y, kind: 'str' },
  { re: /(?<=:\s+)[|>][+-]?(?=\s*$)/my, kind: 'op' },
  { re: /(?<=(?:^|\s|:)\s*)(?:true|false|null|yes|no)(?=\s*$)/imy, kind: 'lit' },
  { re: /(?<=(?::|-)\s+)-?\d+(?:\.\d+)?(?=\s*$)/my, kind: 'num' },
  { re: /^[ \t]*- /my, kind: 'op' },
];

/** TOML (Elastic rule files). */
export const TOML: Language = [
  { re: /#[^\n]*/y, kind: 'com' },
  { re: /^[ \t]*\[\[?[^\]\n]+\]\]?/my, kind: 'sec' },
  { re: /^[ \t]*[\w.\-"]+(?=\s*=)/my, kind: 'key' },
  { re: /"""[\s\S]*?(?:"""|$)/y, kind: 'str' },
  { re: /'''[\s\S]*?(?:'''|$)/y, kind: 'str' },
  { re: /"(?:[^"\\\n]|\\.)*"?/y, kind: 'str' },
  { re: /'[^'\n]*'?/y, kind: 'str' },
  { re: /\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?/y, kind: 'num' },
  { re: /[+-]?\d+(?:\.\d+)?/y, kind: 'num' },
  { re: /\b(?:true|false)\b/y, kind: 'lit' },
];

const QUERY_KEYWORDS = new Set(
  (
    'and or not where by sequence with maxspan until sample any from eval stats keep drop sort limit rename dissect grok enrich ' +
    'mv_expand row show in like rlike is null as asc desc select group order having join on to'
  ).split(' '),
);

/** Elastic's query languages (EQL, ES|QL, KQL for Kibana, Lucene) and SQL: strings, numbers, comments, keywords, calls. */
export const QUERY: Language = [
  { re: /\/\/[^\n]*/y, kind: 'com' },
  { re: /\/\*[\s\S]*?(?:\*\/|$)/y, kind: 'com' },
  { re: /"""[\s\S]*?(?:"""|$)/y, kind: 'str' },
  { re: /"(?:[^"\\\n]|\\.)*"?/y, kind: 'str' },
  { re: /'(?:[^'\\\n]|\\.)*'?/y, kind: 'str' },
  { re: NUMBER, kind: 'num' },
  { re: /[A-Za-z_@][\w.]*/y, kind: words(QUERY_KEYWORDS, { ignoreCase: true, literals: new Set(['true', 'false', 'null']) }) },
  { re: /\|/y, kind: 'op' },
];
