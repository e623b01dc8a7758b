/**
 * The slice of STIX 2.x and the ATT&CK extensions we read, and reading a bundle from a file
 * or an object with errors that say what is wrong.
 */
import { readFileSync } from 'node:fs';

/** The fields of a STIX object the knowledge base looks at; all optional because input is untrusted. */
export interface StixObject {
  type: string;
  id: string;
  name?: string;
  description?: string;
  modified?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  x_mitre_domains?: string[];
  x_mitre_version?: string;
  external_references?: { source_name?: string; external_id?: string; url?: string }[];
  // attack-pattern
  kill_chain_phases?: { kill_chain_name?: string; phase_name?: string }[];
  x_mitre_is_subtechnique?: boolean;
  x_mitre_platforms?: string[];
  x_mitre_detection?: string;
  // x-mitre-tactic / x-mitre-matrix
  x_mitre_shortname?: string;
  tactic_refs?: string[];
  // relationship
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
  // x-mitre-detection-strategy / x-mitre-analytic
  x_mitre_analytic_refs?: string[];
  x_mitre_log_source_references?: { x_mitre_data_component_ref?: string; name?: string; channel?: string }[];
  x_mitre_mutable_elements?: { field?: string; description?: string }[];
}

/** A parsed bundle: its objects and where it came from (for messages). */
export interface StixBundle {
  objects: StixObject[];
  /** File path, or `(object)` for an in-memory bundle. */
  origin: string;
}

/** The ATT&CK id (`T1059.001`, `TA0011`, `M1042` …) of an object; undefined when it has none. */
export function attackId(object: StixObject): string | undefined {
  const refs = object.external_references;
  if (!Array.isArray(refs)) return undefined;
  for (const ref of refs) {
    if (ref && ref.source_name === 'mitre-attack' && typeof ref.external_id === 'string') return ref.external_id;
  }
  return undefined;
}

/** True for objects ATT&CK no longer offers: revoked or deprecated. */
export function isRetired(object: StixObject): boolean {
  return object.revoked === true || object.x_mitre_deprecated === true;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const type = (value as { type?: unknown }).type;
  return type === undefined ? 'an object without "type"' : `an object of type ${JSON.stringify(type)}`;
}

/**
 * Validates a parsed JSON value as a STIX bundle (`type: "bundle"`, `objects` an array of
 * objects with string `type` and `id`); throws an Error naming `origin` and the fault.
 */
export function asBundle(value: unknown, origin: string): StixBundle {
  const prefix = `ATT&CK bundle ${origin}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as { type?: unknown }).type !== 'bundle') {
    throw new Error(`${prefix}: not a STIX bundle (expected an object with "type": "bundle", found ${describe(value)})`);
  }
  const objects = (value as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) {
    throw new Error(`${prefix}: not a STIX bundle ("objects" is ${describe(objects)}; expected an array)`);
  }
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i] as { type?: unknown; id?: unknown } | null;
    if (typeof o !== 'object' || o === null || typeof o.type !== 'string' || typeof o.id !== 'string') {
      throw new Error(`${prefix}: objects[${i}] is not a STIX object (needs string "type" and "id")`);
    }
  }
  return { objects: objects as StixObject[], origin };
}

/** Reads and validates a bundle file; errors name the file and say whether reading, JSON or STIX failed. */
export function readBundleFile(path: string): StixBundle {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`ATT&CK bundle ${path}: cannot read the file (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`ATT&CK bundle ${path}: not valid JSON (${(error as Error).message})`);
  }
  return asBundle(value, path);
}
