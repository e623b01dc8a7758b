import type { Column } from '../engine/column.js';
import type { DynamicValue, KqlType } from '../engine/values.js';

/**
 * Growable typed storage for one column, producing a `Column` of `column.ts`: Float64Array
 * for numbers, datetimes and timespans, Uint8Array for bools, dictionary codes for strings,
 * a plain array for dynamic; arrays grow geometrically; the null bitmap is allocated on the
 * first null only. Strings are never null in KQL: a null string is stored as "" (guids can be null).
 */
export class ColumnBuilder {
  readonly type: KqlType;
  length = 0;
  private numbers: Float64Array | null = null;
  private bools: Uint8Array | null = null;
  private codes: Int32Array | null = null;
  private dynamics: DynamicValue[] | null = null;
  private nulls: Uint8Array | null = null;
  private readonly dictionary = new Map<string, number>();
  private readonly words: string[] = [];
  private lastWord: string | null = null;
  private lastCode = -1;

  constructor(type: KqlType, capacity = 1024) {
    this.type = type;
    switch (type) {
      case 'bool':
        this.bools = new Uint8Array(capacity);
        break;
      case 'string':
      case 'guid':
        this.codes = new Int32Array(capacity);
        break;
      case 'dynamic':
        this.dynamics = [];
        break;
      default:
        this.numbers = new Float64Array(capacity);
    }
  }

  private capacity(): number {
    return (this.numbers ?? this.bools ?? this.codes)?.length ?? Infinity;
  }

  private grow(): void {
    const size = Math.max(1024, this.capacity() * 2);
    if (this.numbers) this.numbers = copyInto(new Float64Array(size), this.numbers);
    if (this.bools) this.bools = copyInto(new Uint8Array(size), this.bools);
    if (this.codes) this.codes = copyInto(new Int32Array(size), this.codes);
  }

  private setNullBit(i: number): void {
    if (!this.nulls || i >> 3 >= this.nulls.length) {
      const next = new Uint8Array(Math.max((i >> 3) + 1, 128, (this.nulls?.length ?? 0) * 2));
      if (this.nulls) next.set(this.nulls);
      this.nulls = next;
    }
    this.nulls[i >> 3]! |= 1 << (i & 7);
  }

  /** Appends a number (int, long, real, decimal, datetime µs, timespan µs). */
  pushNumber(v: number): void {
    if (this.length === this.numbers!.length) this.grow();
    this.numbers![this.length++] = v;
  }

  /** Appends a bool. */
  pushBool(v: boolean): void {
    if (this.length === this.bools!.length) this.grow();
    this.bools![this.length++] = v ? 1 : 0;
  }

  /** Appends a string through the dictionary. */
  pushString(v: string): void {
    this.pushCode(this.codeOf(v));
  }

  /** The dictionary code of a string, adding it when new (for callers that repeat values: push the code). */
  codeOf(v: string): number {
    // Runs of one value (a tenant, an action type) skip the hash lookup.
    if (v === this.lastWord) return this.lastCode;
    let code = this.dictionary.get(v);
    if (code === undefined) {
      code = this.words.length;
      this.words.push(v);
      this.dictionary.set(v, code);
    }
    this.lastWord = v;
    this.lastCode = code;
    return code;
  }

  /** Appends a dictionary code obtained from `codeOf` (string and guid columns). */
  pushCode(code: number): void {
    if (this.length === this.codes!.length) this.grow();
    this.codes![this.length++] = code;
  }

  /** Appends a dynamic value. */
  pushDynamic(v: DynamicValue): void {
    this.dynamics!.push(v);
    this.length++;
  }

  /** Appends a null (for strings: ""). */
  pushNull(): void {
    if (this.type === 'string') return this.pushString('');
    if (this.dynamics) return this.pushDynamic(null);
    if (this.codes) {
      if (this.length === this.codes.length) this.grow();
      this.codes[this.length++] = -1;
      return;
    }
    this.setNullBit(this.length);
    if (this.numbers) this.pushNumber(0);
    else this.pushBool(false);
  }

  /** Appends nulls until the column has `n` rows (rows that lacked this column). */
  padTo(n: number): void {
    while (this.length < n) this.pushNull();
  }

  /** The finished column, storage trimmed to its length. */
  finish(): Column {
    const n = this.length;
    let nulls: Uint8Array | null = null;
    if (this.nulls) {
      nulls = new Uint8Array((n + 7) >> 3);
      nulls.set(this.nulls.subarray(0, nulls.length));
    }
    switch (this.type) {
      case 'bool':
        return { kind: 'bool', type: 'bool', length: n, values: this.bools!.slice(0, n), nulls };
      case 'string':
      case 'guid':
        return { kind: 'string', type: this.type, length: n, codes: this.codes!.slice(0, n), dictionary: this.words };
      case 'dynamic':
        return { kind: 'dynamic', type: 'dynamic', length: n, values: this.dynamics! };
      default:
        return { kind: 'number', type: this.type, length: n, values: this.numbers!.slice(0, n), nulls };
    }
  }
}

function copyInto<T extends Float64Array | Uint8Array | Int32Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}
