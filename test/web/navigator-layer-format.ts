/**
 * Checks a value against the ATT&CK Navigator layer file format 4.5, written from the format's
 * own definition (mitre-attack/attack-navigator, layers/LAYERFORMATv4_5.md): required fields,
 * types and the documented value sets. Returns one message per problem; [] means valid.
 * Unknown properties are reported too, so a misspelt field does not pass silently.
 */

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX = /^#[0-9a-fA-F]{6}$/;

interface Field {
  type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  required?: boolean;
  oneOf?: readonly (string | number)[];
  check?: (v: Json, at: string, errors: string[]) => void;
}

function checkFields(value: Json, at: string, fields: Record<string, Field>, errors: string[]): void {
  if (!isObject(value)) {
    errors.push(`${at}: must be an object`);
    return;
  }
  for (const [name, f] of Object.entries(fields)) {
    const v = value[name];
    const path = `${at}.${name}`;
    if (v === undefined) {
      if (f.required) errors.push(`${path}: required`);
      continue;
    }
    const actual = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
    if (actual !== f.type) {
      errors.push(`${path}: must be a ${f.type}, is ${actual}`);
      continue;
    }
    if (f.oneOf && !f.oneOf.includes(v as string | number)) errors.push(`${path}: must be one of ${f.oneOf.join(', ')}`);
    f.check?.(v, path, errors);
  }
  for (const name of Object.keys(value)) if (!(name in fields)) errors.push(`${at}.${name}: not a property of the format`);
}

const each = (check: (v: Json, at: string, errors: string[]) => void) => (v: Json, at: string, errors: string[]) =>
  (v as Json[]).forEach((item, i) => check(item, `${at}[${i}]`, errors));

const divider = { divider: { type: 'boolean', required: true } } as const;

function metadataItem(v: Json, at: string, errors: string[]): void {
  if (isObject(v) && 'divider' in v) return checkFields(v, at, divider, errors);
  checkFields(v, at, { name: { type: 'string', required: true }, value: { type: 'string', required: true } }, errors);
}

function linkItem(v: Json, at: string, errors: string[]): void {
  if (isObject(v) && 'divider' in v) return checkFields(v, at, divider, errors);
  checkFields(
    v,
    at,
    {
      label: { type: 'string', required: true },
      url: {
        type: 'string',
        required: true,
        // "URLs must be prefixed with a protocol identifier (e.g. 'https://')"
        check: (u, p, e) => {
          if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(u as string)) e.push(`${p}: must start with a protocol (https://…)`);
        },
      },
    },
    errors,
  );
}

function versionAtLeast(actual: string, minimum: string): boolean {
  const a = actual.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i]!;
  }
  return true;
}

const TECHNIQUE: Record<string, Field> = {
  techniqueID: {
    type: 'string',
    required: true,
    check: (v, at, e) => {
      if (!/^T\d{4}(\.\d{3})?$/.test(v as string)) e.push(`${at}: must be T#### or T####.###`);
    },
  },
  tactic: { type: 'string' },
  comment: { type: 'string' },
  enabled: { type: 'boolean' },
  score: { type: 'number' },
  color: { type: 'string' },
  metadata: { type: 'array', check: each(metadataItem) },
  links: { type: 'array', check: each(linkItem) },
  showSubtechniques: { type: 'boolean' },
};

const LAYER: Record<string, Field> = {
  versions: {
    type: 'object',
    check: (v, at, e) =>
      checkFields(
        v,
        at,
        {
          attack: { type: 'string' },
          navigator: {
            type: 'string',
            required: true,
            check: (n, p, errs) => {
              if (!versionAtLeast(n as string, '4.9.0')) errs.push(`${p}: must be at least 4.9.0`);
            },
          },
          layer: { type: 'string', required: true, oneOf: ['4.5'] },
        },
        e,
      ),
  },
  name: { type: 'string', required: true },
  description: { type: 'string' },
  domain: { type: 'string', required: true, oneOf: ['enterprise-attack', 'mobile-attack', 'ics-attack'] },
  customDataURL: { type: 'string' },
  filters: { type: 'object', check: (v, at, e) => checkFields(v, at, { platforms: { type: 'array' } }, e) },
  sorting: { type: 'number', oneOf: [0, 1, 2, 3] },
  layout: {
    type: 'object',
    check: (v, at, e) =>
      checkFields(
        v,
        at,
        {
          layout: { type: 'string', oneOf: ['side', 'flat', 'mini'] },
          showID: { type: 'boolean' },
          showName: { type: 'boolean' },
          showAggregateScores: { type: 'boolean' },
          countUnscored: { type: 'boolean' },
          aggregateFunction: { type: 'string', oneOf: ['average', 'min', 'max', 'sum'] },
          expandedSubtechniques: { type: 'string', oneOf: ['none', 'all', 'annotated'] },
        },
        e,
      ),
  },
  hideDisabled: { type: 'boolean' },
  techniques: { type: 'array', check: each((v, at, e) => checkFields(v, at, TECHNIQUE, e)) },
  gradient: {
    type: 'object',
    check: (v, at, e) => {
      checkFields(
        v,
        at,
        {
          colors: {
            type: 'array',
            required: true,
            check: (c, p, errs) => {
              const colors = c as Json[];
              if (colors.length < 2) errs.push(`${p}: needs at least two colours`);
              colors.forEach((x, i) => typeof x === 'string' && HEX.test(x) ? null : errs.push(`${p}[${i}]: must be a #rrggbb colour`));
            },
          },
          minValue: { type: 'number', required: true },
          maxValue: { type: 'number', required: true },
        },
        e,
      );
      const g = v as { minValue?: Json; maxValue?: Json };
      if (typeof g.minValue === 'number' && typeof g.maxValue === 'number' && !(g.maxValue > g.minValue)) e.push(`${at}.maxValue: must be > minValue`);
    },
  },
  legendItems: { type: 'array', check: each((v, at, e) => checkFields(v, at, { label: { type: 'string', required: true }, color: { type: 'string', required: true } }, e)) },
  showTacticRowBackground: { type: 'boolean' },
  tacticRowBackground: { type: 'string' },
  selectTechniquesAcrossTactics: { type: 'boolean' },
  selectSubtechniquesWithParent: { type: 'boolean' },
  selectVisibleTechniques: { type: 'boolean' },
  metadata: { type: 'array', check: each(metadataItem) },
  links: { type: 'array', check: each(linkItem) },
};

/** Problems of `layer` as a Navigator 4.5 layer; empty when it conforms. */
export function layerProblems(layer: Json): string[] {
  const errors: string[] = [];
  checkFields(layer, 'layer', LAYER, errors);
  return errors;
}
