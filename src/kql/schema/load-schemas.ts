/**
 * Loads table schemas in Sentinel's format, `{ "Name": T, "Properties": [{ "Name": C, "Type": K }] }`,
 * from folders of `.json` files, coping with the quirks of the real files: key case (`Name`/`name`,
 * `Type`/`type`), type spellings (`String`, `Datetime`, `BigInt`, `Float` …), a file that names a
 * different table inside than its file name, a column listed twice. Later folders override
 * earlier ones table by table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { normalizeKqlType, type KqlType } from '../engine/values.js';
import type { TableSchema } from './table-schema.js';

export type { TableSchema } from './table-schema.js';

/** What `loadTableSchemas` found: tables by name, and every oddity it worked around or could not. */
export interface LoadedSchemas {
  tables: Map<string, TableSchema>;
  problems: string[];
}

/** Type spellings seen in real schema files that KQL itself does not use. */
const EXTRA_TYPE_NAMES: Record<string, KqlType> = { bigint: 'long', int16: 'int', smallint: 'int', single: 'real' };

/** Loads every `*.json` schema under each folder (not recursive); a later folder's table replaces an earlier one's. Never throws: unreadable files and folders become problems. */
export function loadTableSchemas(dirs: string[]): LoadedSchemas {
  const tables = new Map<string, TableSchema>();
  const problems: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    } catch (err) {
      problems.push(`${dir}: cannot read schema folder (${(err as Error).message})`);
      continue;
    }
    const aliases: { alias: string; schema: TableSchema }[] = [];
    const declared = new Set<string>();
    for (const name of names) {
      const path = join(dir, name);
      if (!statSync(path).isFile()) continue;
      const parsed = parseSchemaFile(path, readFileSync(path, 'utf8'), problems);
      if (!parsed) continue;
      tables.set(parsed.name, parsed);
      declared.add(parsed.name);
      const fileTable = basename(name).replace(/\.json$/i, '');
      if (parsed.name !== fileTable) {
        problems.push(`${path}: the file names table "${parsed.name}" inside; registered as "${parsed.name}" and as "${fileTable}"`);
        aliases.push({ alias: fileTable, schema: parsed });
      }
    }
    // A table named by its own file in this folder wins over another file's alias.
    for (const { alias, schema } of aliases) {
      if (!declared.has(alias)) tables.set(alias, { name: alias, columns: schema.columns });
    }
  }
  return { tables, problems };
}

/** Parses one schema file's text; null (and a problem) when it is not a usable schema. */
export function parseSchemaFile(path: string, text: string, problems: string[]): TableSchema | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    problems.push(`${path}: not valid JSON (${(err as Error).message})`);
    return null;
  }
  const record = asRecord(doc);
  const name = record ? pick(record, 'name') : undefined;
  const properties = record ? pick(record, 'properties') : undefined;
  if (typeof name !== 'string' || name.trim() === '' || !Array.isArray(properties)) {
    problems.push(`${path}: expected { "Name": TABLE, "Properties": [ … ] }`);
    return null;
  }
  const columns: TableSchema['columns'] = [];
  const seen = new Map<string, KqlType>();
  properties.forEach((prop, i) => {
    const p = asRecord(prop);
    const colName = p ? pick(p, 'name') : undefined;
    const typeName = p ? pick(p, 'type') : undefined;
    if (typeof colName !== 'string' || colName === '') {
      problems.push(`${path}: Properties[${i}] has no Name`);
      return;
    }
    let type = typeof typeName === 'string' ? normalizeSchemaType(typeName) : null;
    if (!type) {
      problems.push(`${path}: column ${colName} has unknown type ${JSON.stringify(typeName)}; treated as dynamic`);
      type = 'dynamic';
    }
    const earlier = seen.get(colName);
    if (earlier) {
      problems.push(
        `${path}: column ${colName} is listed twice` + (earlier === type ? '; kept once' : ` (${earlier} and ${type}); the first kept`),
      );
      return;
    }
    seen.set(colName, type);
    columns.push({ name: colName, type });
  });
  return { name: name.trim(), columns };
}

/** A schema type spelling → KqlType (`String` → string, `BigInt` → long, `Datetime` → datetime); null when unknown. */
export function normalizeSchemaType(typeName: string): KqlType | null {
  return normalizeKqlType(typeName) ?? EXTRA_TYPE_NAMES[typeName.trim().toLowerCase()] ?? null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Reads a key case-insensitively (`Name`, `name`, `NAME`). */
function pick(record: Record<string, unknown>, key: string): unknown {
  if (key in record) return record[key];
  for (const k of Object.keys(record)) if (k.toLowerCase() === key) return record[k];
  return undefined;
}
