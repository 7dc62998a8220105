/**
 * The byte-level pieces of the observations reader's fast path (`pushBytes` of `observations.ts`): a decimal and an
 * instant read straight from the bytes of a field, and a small table of the names already seen, matched on their
 * bytes, so a row of plain ASCII becomes columns without a string per line or per field. Each piece accepts only
 * what the text readers of `common.ts` accept and gives exactly their value; anything else it declines (false or
 * NaN) and the row goes to the general per-line parser, which reports it with the same messages as ever.
 */
import { INPUT_PRECISION } from "../numbers/decimal.js";
import { MAX_EXACT, parseInstantMicros } from "./common.js";

/** The text of a field of ASCII bytes (the fast path only reads lines without a byte of 128 or more). */
export function asciiText(b: Uint8Array, s: number, e: number): string {
  return String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
}

/** A decimal read by {@link decimalBytes}: coefficient × 10^−scale, the value `parseNonNegativeDecimal` gives. */
export interface DecimalOut {
  coefficient: number;
  scale: number;
}

/**
 * Reads `digits(.digits)?` from b[s, …) up to the first comma or `e` into `out`, as `parseNonNegativeDecimal` reads the
 * field when it succeeds without its slow path (trailing fractional zeros dropped, the coefficient at most 2^53 − 1,
 * at most `INPUT_PRECISION.scale` places), and returns where it stopped (the comma or `e`); −1 for anything else (a
 * sign, an empty or malformed number, one too large), which the text parser then reports.
 */
export function decimalBytes(b: Uint8Array, s: number, e: number, out: DecimalOut): number {
  let coefficient = 0;
  let scale = 0;
  let dot = false;
  let digits = 0;
  let trailingZeros = 0;
  let i = s;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) {
      digits++;
      if (dot) {
        scale++;
        trailingZeros = c === 48 ? trailingZeros + 1 : 0;
      }
      coefficient = coefficient * 10 + (c - 48);
    } else if (c === 44) break;
    else if (c === 46 && !dot && digits > 0) dot = true;
    else return -1;
  }
  if (digits === 0 || b[i - 1] === 46 || coefficient > MAX_EXACT) return -1;
  if (trailingZeros > 0) {
    coefficient = coefficient / 10 ** trailingZeros;
    scale -= trailingZeros;
  }
  if (scale > INPUT_PRECISION.scale) return -1;
  out.coefficient = coefficient;
  out.scale = scale;
  return i;
}

/**
 * Instants read from bytes, with the memo of `common.ts`'s `parseInstantMicros` kept in bytes: market data comes in
 * time order, so a time is most often in the minute and offset of the previous one, and only its seconds and
 * fraction are read. Any other time is read as text by `parseInstantMicros` once (then its minute is remembered).
 */
export class InstantBytes {
  /** `YYYY-MM-DDTHH:MM:` of the last time read, and its offset (`Z` or `±HH:MM`); no memo while `zoneLength` is 0. */
  private readonly minute = new Uint8Array(17);
  private readonly zone = new Uint8Array(6);
  private zoneLength = 0;
  private minuteMicros = 0;

  /** Epoch microseconds of the ASCII instant b[s, e), or NaN when it is not one (the text parser says why). */
  read(b: Uint8Array, s: number, e: number): number {
    const fast = this.sameMinute(b, s, e);
    if (fast >= 0) return fast;
    const t = parseInstantMicros(asciiText(b, s, e));
    if (typeof t === "string") return NaN;
    // Valid, so it is `YYYY-MM-DDTHH:MM:SS[.fraction]` and `Z` or `±HH:MM`: remember its minute and offset.
    this.minute.set(b.subarray(s, s + 17));
    this.zoneLength = b[e - 1] === 90 /* Z */ ? 1 : 6;
    this.zone.set(b.subarray(e - this.zoneLength, e));
    this.minuteMicros = 0;
    const within = this.sameMinute(b, s, e);
    if (within < 0) this.zoneLength = 0;
    else this.minuteMicros = t - within;
    return t;
  }

  /** The instant when b[s, e) is in the remembered minute and offset and well formed, else −1 (as common.ts). */
  private sameMinute(b: Uint8Array, s: number, e: number): number {
    const len = e - s;
    const zoneLength = this.zoneLength;
    if (zoneLength === 0 || len < 19 + zoneLength) return -1;
    const minute = this.minute;
    for (let i = 0; i < 17; i++) if (b[s + i] !== minute[i]) return -1;
    const zone = this.zone;
    for (let i = 0; i < zoneLength; i++) if (b[e - zoneLength + i] !== zone[i]) return -1;
    const s1 = b[s + 17]! - 48,
      s2 = b[s + 18]! - 48;
    if (s1 < 0 || s1 > 5 || s2 < 0 || s2 > 9) return -1;
    const fracEnd = len - zoneLength;
    let micros = 0;
    if (fracEnd > 19) {
      const digits = fracEnd - 20;
      if (b[s + 19] !== 46 || digits < 1 || digits > 9) return -1;
      for (let i = 20; i < fracEnd; i++) {
        const d = b[s + i]! - 48;
        if (d < 0 || d > 9) return -1;
        if (i < 26) micros = micros * 10 + d;
        else if (d !== 0) return -1; // finer than a microsecond: the text parser says why
      }
      for (let i = digits; i < 6; i++) micros *= 10;
    }
    return this.minuteMicros + (s1 * 10 + s2) * 1_000_000 + micros;
  }
}

/** How many names a {@link NameTable} matches on their bytes; more are looked up as text. */
const TABLE_SIZE = 64;

/** The names seen so far (sources, instruments, parts) with their values, matched on the bytes of a field. */
export class NameTable<T> {
  private readonly names: Uint8Array[] = [];
  private readonly values: T[] = [];

  /** The value of the name b[s, e), or undefined when it is not in the table. */
  find(b: Uint8Array, s: number, e: number): T | undefined {
    const len = e - s;
    const names = this.names;
    next: for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      if (name.length !== len) continue;
      for (let i = 0; i < len; i++) if (name[i] !== b[s + i]) continue next;
      return this.values[k];
    }
    return undefined;
  }

  /** Remembers the name b[s, e) (while the table has room). */
  add(b: Uint8Array, s: number, e: number, value: T): void {
    if (this.names.length >= TABLE_SIZE) return;
    this.names.push(b.slice(s, e));
    this.values.push(value);
  }
}
