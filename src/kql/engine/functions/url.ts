import type { DynamicValue } from '../values.js';
import { defineFunction, type ScalarFunction } from './context.js';
import { textArg } from './text.js';

/**
 * parse_url, parse_path, url_encode/url_encode_component, url_decode ("parse_url()",
 * "parse_path()" docs). parse_url gives a bag with Scheme, Host, Port, Path, Username,
 * Password, Query Parameters and Fragment (all strings; missing parts ""); text that is not
 * an absolute URL gives an empty bag.
 */

/** Splits an absolute URL into KQL's parse_url bag. */
export function parseUrl(text: string): Record<string, DynamicValue> {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(
    text.trim(),
  );
  if (!m) return {};
  const query: Record<string, DynamicValue> = {};
  if (m[7]) {
    for (const pair of m[7].split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? '' : pair.slice(eq + 1);
      query[safeDecode(k)] = safeDecode(v);
    }
  }
  return {
    Scheme: m[1]!,
    Host: m[4]!,
    Port: m[5] ?? '',
    Path: m[6] ?? '',
    Username: m[2] ?? '',
    Password: m[3] ?? '',
    'Query Parameters': query,
    Fragment: m[8] ?? '',
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Splits a file path into KQL's parse_path bag (Scheme, RootPath, DirectoryPath, DirectoryName, Filename, Extension, AlternateDataStreamName). */
export function parsePath(text: string): Record<string, DynamicValue> {
  let rest = text;
  let scheme = '';
  const sm = /^([a-zA-Z][a-zA-Z0-9+.-]+):\/\//.exec(rest);
  if (sm) {
    scheme = sm[1]!;
    rest = rest.slice(sm[0].length);
  }
  let root = '';
  const rm = /^([a-zA-Z]:)|^(\\\\[^\\/]+)|^(\/\/[^\\/]+)/.exec(rest);
  if (rm) root = rm[0];
  else if (scheme) root = rest.split(/[\\/]/)[0]!;
  const lastSep = Math.max(rest.lastIndexOf('\\'), rest.lastIndexOf('/'));
  const directoryPath = lastSep >= 0 ? rest.slice(0, lastSep) : '';
  let fileName = rest.slice(lastSep + 1);
  let stream = '';
  const colon = fileName.indexOf(':');
  if (colon >= 0 && !(lastSep < 0 && /^[a-zA-Z]:/.test(fileName))) {
    stream = fileName.slice(colon + 1);
    fileName = fileName.slice(0, colon);
  }
  const dot = fileName.lastIndexOf('.');
  const dirSep = Math.max(directoryPath.lastIndexOf('\\'), directoryPath.lastIndexOf('/'));
  return {
    Scheme: scheme,
    RootPath: root,
    DirectoryPath: directoryPath,
    DirectoryName: directoryPath.slice(dirSep + 1),
    Filename: fileName,
    Extension: dot >= 0 ? fileName.slice(dot + 1) : '',
    AlternateDataStreamName: stream,
  };
}

export const urlFunctions: ScalarFunction[] = [
  ...defineFunction('parse_url', (args, ctx) => parseUrl(textArg(args, 0, ctx))),
  ...defineFunction('parse_path', (args, ctx) => parsePath(textArg(args, 0, ctx))),
  ...defineFunction(['url_encode', 'url_encode_component'], (args, ctx) => encodeURIComponent(textArg(args, 0, ctx))),
  ...defineFunction('url_decode', (args, ctx) => {
    try {
      return decodeURIComponent(textArg(args, 0, ctx));
    } catch {
      return null;
    }
  }),
];
