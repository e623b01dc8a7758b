import type { KqlType, KqlValue } from '../engine/values.js';
import { MICROS } from '../engine/values.js';
import { hexOf, type Prng } from './prng.js';
import { ACTION_TYPES, DOMAINS, EVENT_IDS, GENERIC_ACTIONS, PORTS, PROCESSES, USERS, type ProcessInfo } from './value-pools.js';

/**
 * How each column of a synthetic row gets its value, chosen once per column from its name
 * and type: device names and ids, IPs and URLs, process names with matching folders, command
 * lines, hashes and version info, accounts, ports, ActionType per table, timestamps spread
 * over the window. Columns of one row agree with each other (a row's process name, folder,
 * hash and company belong together) because they read one shared `RowContext`.
 */

/** What one synthetic row is about; generators read it so that columns agree. */
export interface RowContext {
  rng: Prng;
  index: number;
  table: string;
  timestamp: number;
  device: number;
  process: ProcessInfo; // the initiating process
  parent: ProcessInfo;
  child: ProcessInfo; // the process or file a row is about (FileName, ProcessCommandLine …)
  user: string;
  remoteIp: string;
  localIp: string;
  remoteUrl: string;
}

export type ValueGenerator = (row: RowContext) => KqlValue;

/** A device's name: workstations, servers and Macs in corp.example. */
export function deviceName(d: number): string {
  const kind = d % 10 === 0 ? 'srv' : d % 7 === 0 ? 'mac' : 'ws';
  return `${kind}-${String(d).padStart(3, '0')}.corp.example`;
}

/** A public IPv4 address (documentation and cloud-like ranges, never RFC 1918). */
export function publicIp(rng: Prng): string {
  const first = rng.pick([13, 20, 23, 34, 35, 40, 52, 104, 142, 151, 172, 185, 203]);
  const second = first === 172 ? rng.between(64, 250) : rng.int(256);
  return `${first}.${second}.${rng.int(256)}.${rng.between(1, 254)}`;
}

/** A private (RFC 1918) IPv4 address. */
export function privateIp(rng: Prng): string {
  return rng.chance(0.7) ? `10.${rng.int(4) * 10}.${rng.int(8)}.${rng.between(2, 250)}` : `192.168.${rng.int(4)}.${rng.between(2, 250)}`;
}

function processFor(lower: string, row: RowContext): ProcessInfo {
  if (lower.startsWith('initiatingprocessparent')) return row.parent;
  if (lower.startsWith('initiatingprocess')) return row.process;
  return row.child;
}

const sep = (p: ProcessInfo): string => (p.folder.startsWith('/') ? '/' : '\\');

/** A generator for a string column by its name; null when no name rule applies. */
function namedString(name: string): ValueGenerator | null {
  const n = name.toLowerCase();
  if (n === 'devicename' || n === 'computer' || n.endsWith('hostname')) return (r) => deviceName(r.device);
  if (n === 'deviceid') return (r) => hexOf(`device-${r.device}`, 40);
  if (n === 'tenantid') return () => '72f988bf-86f1-41af-91ab-2d7cd011db47';
  if (n === 'actiontype') return (r) => r.rng.pick(ACTION_TYPES[r.table] ?? GENERIC_ACTIONS);
  if (n === 'type') return (r) => r.table;
  if (n === 'sourcesystem') return () => '';
  if (n.endsWith('remotesessiondevicename') || n.endsWith('remotesessionip')) return () => '';
  if (n === 'localip') return (r) => r.localIp;
  if (n.endsWith('ip') || n.endsWith('ipaddress')) return (r) => r.remoteIp;
  if (n === 'remoteiptype') return (r) => (/^(10\.|192\.168\.)/.test(r.remoteIp) ? 'Private' : 'Public');
  if (n === 'localiptype') return () => 'Private';
  if (n.endsWith('url') || n === 'domainname' || n === 'queryname' || n.endsWith('fqdn')) return (r) => r.remoteUrl;
  if (n.endsWith('sha256')) return (r) => hexOf(processFor(n, r).name + '256', 64);
  if (n.endsWith('sha1')) return (r) => hexOf(processFor(n, r).name + '1', 40);
  if (n.endsWith('md5')) return (r) => hexOf(processFor(n, r).name + '5', 32);
  if (n.endsWith('versioninfocompanyname')) return (r) => processFor(n, r).company;
  if (n.endsWith('versioninfoproductname') || n.endsWith('versioninfofiledescription')) return (r) => processFor(n, r).product;
  if (n.endsWith('versioninfoproductversion')) return (r) => (processFor(n, r).company ? '10.0.19041.' + (r.device % 50) : '');
  if (n.endsWith('originalfilename') || n.endsWith('internalfilename')) return (r) => processFor(n, r).name;
  if (n.endsWith('filename')) return (r) => processFor(n, r).name;
  if (n.endsWith('folderpath')) return (r) => processFor(n, r).folder + sep(processFor(n, r)) + processFor(n, r).name;
  if (n.endsWith('commandline')) {
    return (r) => {
      const p = processFor(n, r);
      const arg = r.rng.pick(p.args);
      return arg ? `${p.name} ${arg}` : p.name;
    };
  }
  if (n.endsWith('accountname') || n === 'username') return (r) => r.user;
  if (n.endsWith('accountdomain')) return (r) => (r.user === 'system' ? 'nt authority' : 'corp');
  if (n.endsWith('accountupn') || n.endsWith('userprincipalname')) return (r) => (r.user === 'system' ? '' : `${r.user}@corp.example`);
  if (n.endsWith('accountsid')) return (r) => `S-1-5-21-1004336348-1177238915-682003330-${1000 + USERS.indexOf(r.user)}`;
  if (n.endsWith('accountobjectid')) return (r) => hexOf(r.user, 8) + '-' + hexOf(r.user + 'o', 4) + '-4' + hexOf(r.user + 'b', 3) + '-a' + hexOf(r.user + 'c', 3) + '-' + hexOf(r.user + 'd', 12);
  if (n === 'protocol') return (r) => (r.rng.chance(0.85) ? 'Tcp' : 'Udp');
  if (n.endsWith('integritylevel')) return (r) => r.rng.pick(['Medium', 'Medium', 'High', 'System']);
  if (n.endsWith('tokenelevation')) return (r) => r.rng.pick(['TokenElevationTypeDefault', 'TokenElevationTypeFull', 'TokenElevationTypeLimited']);
  if (n === 'machinegroup') return (r) => (r.device % 10 === 0 ? 'Servers' : 'Workstations');
  if (n.endsWith('id')) return (r) => r.rng.guid();
  return null;
}

/** A generator for a number-typed column by name. */
function namedNumber(name: string, type: KqlType): ValueGenerator {
  const n = name.toLowerCase();
  if (n === 'remoteport' || n === 'destinationport') return (r) => (r.rng.chance(0.9) ? r.rng.pick(PORTS) : r.rng.between(1024, 65535));
  if (n.endsWith('port')) return (r) => r.rng.between(49152, 65535);
  if (n.endsWith('processid') || n.endsWith('parentid')) return (r) => r.rng.between(400, 30000);
  if (n === 'reportid') return (r) => 1000 + r.index;
  if (n === 'eventid') return (r) => r.rng.pick(EVENT_IDS);
  if (n.endsWith('sessionid')) return (r) => r.rng.int(6);
  if (n.endsWith('filesize') || n.endsWith('bytes')) return (r) => r.rng.between(1_000, 50_000_000);
  if (type === 'real' || type === 'decimal') return (r) => Math.round(r.rng.next() * 10000) / 100;
  return (r) => r.rng.int(1000);
}

/** The generator for a column of a given name and type. */
export function generatorFor(name: string, type: KqlType): ValueGenerator {
  const lower = name.toLowerCase();
  switch (type) {
    case 'datetime':
      if (lower === 'timestamp' || lower === 'timegenerated') return (r) => r.timestamp;
      return (r) => r.timestamp - Math.floor(r.rng.next() * MICROS.day);
    case 'timespan':
      return (r) => r.rng.int(3600) * MICROS.second;
    case 'bool':
      return (r) => r.rng.chance(lower.startsWith('is') ? 0.1 : 0.5);
    case 'guid':
      return (r) => r.rng.guid();
    case 'dynamic':
      return (r) =>
        r.rng.chance(0.6) ? null : { Source: r.rng.pick(['Sensor', 'Agent']), Count: r.rng.int(10), Tags: [r.rng.pick(['a', 'b', 'c'])] };
    case 'string': {
      const named = namedString(name);
      if (named) return named;
      return (r) => (r.rng.chance(0.05) ? '' : `${name}${r.rng.int(10)}`);
    }
    default:
      return namedNumber(name, type);
  }
}

/** Fills the shared context for row `index`. */
export function makeRow(rng: Prng, index: number, table: string, now: number, windowMicros: number, devices: number): RowContext {
  const process = rng.pick(PROCESSES);
  const remoteIp = rng.chance(0.7) ? publicIp(rng) : privateIp(rng);
  return {
    rng,
    index,
    table,
    timestamp: now - Math.floor(rng.next() * windowMicros),
    device: rng.int(devices) + 1,
    process,
    parent: rng.pick(PROCESSES),
    child: rng.pick(PROCESSES),
    user: rng.pick(USERS),
    remoteIp,
    localIp: privateIp(rng),
    remoteUrl: rng.chance(0.35) ? '' : rng.pick(DOMAINS),
  };
}
