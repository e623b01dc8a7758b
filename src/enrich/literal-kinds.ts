/**
 * What kind of thing a compared literal is — a domain, an IP address, a hash, a process name,
 * a command-line fragment … — judged from the value and the field it is compared with. The
 * hypothesis names literals by kind ("the domains …") and false-positive guidance is tied to it.
 */

export type LiteralKind =
  | 'url'
  | 'domain'
  | 'ip'
  | 'cidr'
  | 'hash'
  | 'process'
  | 'file'
  | 'path'
  | 'registry'
  | 'command'
  | 'event-id'
  | 'port'
  | 'account'
  | 'number'
  | 'text';

/** Singular nouns for each kind, for sentences. */
export const KIND_NOUN: Record<LiteralKind, string> = {
  url: 'URL',
  domain: 'domain',
  ip: 'IP address',
  cidr: 'address range',
  hash: 'file hash',
  process: 'process name',
  file: 'file name',
  path: 'path',
  registry: 'registry key',
  command: 'command-line fragment',
  'event-id': 'event id',
  port: 'port',
  account: 'account',
  number: 'value',
  text: 'value',
};

/** Plural nouns for each kind, for sentences. */
export const KIND_NOUNS: Record<LiteralKind, string> = {
  url: 'URLs',
  domain: 'domains',
  ip: 'IP addresses',
  cidr: 'address ranges',
  hash: 'file hashes',
  process: 'process names',
  file: 'file names',
  path: 'paths',
  registry: 'registry keys',
  command: 'command-line fragments',
  'event-id': 'event ids',
  port: 'ports',
  account: 'accounts',
  number: 'values',
  text: 'values',
};

/** `.com` is both an old executable extension and the commonest TLD: domains are told apart by the field first. */
const EXECUTABLE = /\.(exe|dll|sys|com|scr|ps1|bat|cmd|vbs|js|hta|msi|elf|sh|py|jar|dylib|so|app)$/i;
const TLD = /\.(com|net|org|io|co|us|uk|de|ru|cn|info|biz|app|dev|cloud|me|tv|xyz|top|site|online|ly|to|gg|ms|live|link|in|jp|fr|nl|eu|ca|au|br|it|es|ch|se|no|pl|be|at|cz)$/i;

/** The kind of `value` when compared against `field` (field may be null for keyword searches). */
export function literalKind(value: string, field: string | null): LiteralKind {
  const v = value.trim().replace(/^\*+|\*+$/g, '');
  const f = (field ?? '').toLowerCase();
  if (/^https?:\/\//i.test(v)) return 'url';
  if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(v) || /^[0-9a-f:]+::?[0-9a-f:]*\/\d{1,3}$/i.test(v)) return 'cidr';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v) || (/^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i.test(v) && v.includes('::'))) return 'ip';
  if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(v) || /(sha1|sha256|md5|hash)/.test(f)) return 'hash';
  if (/port/.test(f) && /^\d{1,5}$/.test(v)) return 'port';
  if (/(eventid|event_id|event\.code|eventcode|signature_id)/.test(f.replace(/[^a-z._]/g, '')) && /^\d+$/.test(v)) return 'event-id';
  if (/^(hklm|hkcu|hkey_|hku|\\registry\\)/i.test(v) || /registry/.test(f)) return 'registry';
  if (/(commandline|command_line|process\.args|process\.command_line|^process$|\.process$|scriptblocktext|cmdline)/.test(f)) return 'command';
  if (/(account|user|upn|principal|sam)/.test(f) && !/agent/.test(f)) return 'account';
  if (/(url|domain|host|fqdn|query|dns|dest)/.test(f) && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(v) && (!EXECUTABLE.test(v) || TLD.test(v))) return 'domain';
  if (/(filename|file_name|image|process_name|process\.name|processname|originalfilename|original_file_name|\.name$)/.test(f)) {
    return /(process|image|initiating)/.test(f) || EXECUTABLE.test(v) ? 'process' : 'file';
  }
  if (/[\\/]/.test(v) && /(path|folder|dir|image|file)/.test(f)) return 'path';
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(v) && TLD.test(v) && !EXECUTABLE.test(v)) return 'domain';
  if (EXECUTABLE.test(v)) return 'file';
  if (/^[A-Za-z]:\\|^\\\\|^\/(usr|etc|tmp|var|home|bin|Users|Library|private|opt)\b/.test(v)) return 'path';
  if (/^-?\d+(\.\d+)?$/.test(v)) return 'number';
  if (/\s-{1,2}\w|\s\/\w/.test(v)) return 'command';
  return 'text';
}
