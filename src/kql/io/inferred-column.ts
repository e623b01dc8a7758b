import { columnValue, type Column } from '../engine/column.js';
import type { DynamicValue, KqlType, KqlValue } from '../engine/values.js';
import { ColumnBuilder } from './column-builder.js';
import { formatDatetime } from './format-value.js';
import { parseDatetime } from './parse-value.js';
import { dynamicFromText, numberFromText } from './value-fit.js';

/**
 * A column whose type is inferred from its values (no schema declares it): the first value
 * decides (ISO datetimes with a time → datetime, integers → long, other numbers → real,
 * booleans → bool, objects/arrays → dynamic, other text → string) and later values widen it:
 * long + real → real; numbers, bools or datetimes mixed with other text → string; anything
 * mixed with objects/arrays → dynamic. Widening rewrites the values stored so far, so a
 * datetime turned string reads in KQL's ISO form, and a CSV number turned string loses
 * leading zeros ("007" → "7") — documented limits of single-pass inference. Empty text
 * counts as null while the type is undecided; an all-null column is dynamic ("" → string).
 */

const DATETIME_LIKE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const INTEGER_TEXT = /^[+-]?\d{1,15}$/;

type Kind = 'long' | 'real' | 'bool' | 'datetime' | 'string' | 'dynamic';

export class InferredColumn {
  private builder: ColumnBuilder | null = null;
  private pendingNulls = 0;
  private sawEmptyText = false;

  get length(): number {
    return this.builder ? this.builder.length : this.pendingNulls;
  }

  get type(): KqlType | null {
    return this.builder?.type ?? null;
  }

  /** Appends a JSON value (from NDJSON/JSON). */
  appendJson(v: unknown): void {
    if (v === null || v === undefined) return this.appendNull();
    switch (typeof v) {
      case 'number':
        return this.append(Number.isInteger(v) ? 'long' : 'real', v);
      case 'boolean':
        return this.append('bool', v);
      case 'string':
        if (v.length === 0) {
          this.sawEmptyText = true;
          return this.appendNull();
        }
        if (DATETIME_LIKE.test(v)) {
          const t = parseDatetime(v);
          if (t !== null) return this.append('datetime', t, v);
        }
        return this.append('string', v);
      default:
        return this.append('dynamic', v as DynamicValue);
    }
  }

  /** Appends a CSV cell's text, inferring what it holds. */
  appendText(s: string): void {
    if (s.length === 0) {
      this.sawEmptyText = true;
      return this.appendNull();
    }
    if (this.builder?.type === 'string') return this.builder.pushString(s);
    const lower = s.length <= 5 ? s.toLowerCase() : '';
    if (lower === 'true' || lower === 'false') return this.append('bool', lower === 'true', s);
    if (INTEGER_TEXT.test(s)) return this.append('long', Number(s), s);
    const n = numberFromText(s, false);
    if (n !== null && /\d/.test(s)) return this.append('real', n, s);
    if (DATETIME_LIKE.test(s)) {
      const t = parseDatetime(s);
      if (t !== null) return this.append('datetime', t, s);
    }
    const first = s.trimStart()[0];
    if (first === '{' || first === '[') {
      const d = dynamicFromText(s);
      if (typeof d === 'object' && d !== null) return this.append('dynamic', d, s);
    }
    return this.append('string', s);
  }

  /** Appends a null. */
  appendNull(): void {
    if (this.builder) this.builder.pushNull();
    else this.pendingNulls++;
  }

  /** Appends nulls up to `n` rows. */
  padTo(n: number): void {
    while (this.length < n) this.appendNull();
  }

  /** The finished column. */
  finish(): Column {
    if (!this.builder) {
      this.builder = new ColumnBuilder(this.sawEmptyText ? 'string' : 'dynamic');
      this.builder.padTo(this.pendingNulls);
    }
    return this.builder.finish();
  }

  private append(kind: Kind, value: KqlValue, text?: string): void {
    if (!this.builder) {
      this.builder = new ColumnBuilder(kind);
      this.builder.padTo(this.pendingNulls);
    }
    const target = widen(this.builder.type as Kind, kind);
    if (target !== this.builder.type) this.rebuild(target);
    push(this.builder, kind, value, text);
  }

  private rebuild(target: Kind): void {
    const old = this.builder!;
    const column = old.finish();
    const next = new ColumnBuilder(target, Math.max(1024, column.length * 2));
    for (let i = 0; i < column.length; i++) {
      const v = columnValue(column, i);
      if (v === null) next.pushNull();
      else push(next, old.type as Kind, v);
    }
    this.builder = next;
  }
}

/** The type a column of kind `have` becomes when a value of kind `got` arrives. */
function widen(have: Kind, got: Kind): Kind {
  if (have === got) return have;
  if (have === 'dynamic' || got === 'dynamic') return 'dynamic';
  if ((have === 'long' && got === 'real') || (have === 'real' && got === 'long')) return 'real';
  return 'string';
}

/** Pushes a value of kind `kind` into a builder whose type may be wider. */
function push(b: ColumnBuilder, kind: Kind, value: KqlValue, text?: string): void {
  switch (b.type) {
    case 'string':
      if (typeof value === 'string') return b.pushString(value);
      if (text !== undefined) return b.pushString(text);
      if (kind === 'datetime') return b.pushString(formatDatetime(value as number) ?? '');
      return b.pushString(String(value));
    case 'dynamic':
      if (kind === 'datetime') return b.pushDynamic(text ?? formatDatetime(value as number));
      return b.pushDynamic(value as DynamicValue);
    case 'bool':
      return b.pushBool(value as boolean);
    default:
      return b.pushNumber(value as number);
  }
}
