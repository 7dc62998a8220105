/**
 * Shared pieces of market-data parsing: the typed error every malformed row produces (naming the file, the
 * 1-based line and the field), ISO 8601 instants with an explicit offset converted to epoch microseconds
 * without any clock or time-zone database (the offset is in the text), and fast exact parsing of
 * non-negative decimal strings into a scaled integer coefficient that is kept exact in a float64 (only
 * integers up to 2^53 − 1 are accepted, so every stored coefficient is exact), within the program's input precision
 * (`INPUT_PRECISION` of decimal.ts). Also the bounds every reader applies: the longest line, the years of an instant,
 * and text that valid UTF-8 never decodes to. Pure: takes text, never files.
 */
import { INPUT_PRECISION, excerpt } from "../numbers/decimal.js";

/** What went wrong with one row of a market-data file. */
export type MarketDataErrorKind =
  | "empty-input"
  | "malformed-row"
  | "missing-field"
  | "invalid-time"
  | "invalid-number"
  | "negative-value"
  | "precision-out-of-range"
  | "invalid-encoding"
  | "duplicate-key"
  | "unknown-field"
  | "line-too-long"
  | "unknown-status"
  | "unknown-source"
  | "unsorted"
  | "duplicate"
  | "invalid-quote"
  | "invalid-parquet"
  | "invalid-arrow"
  | "invalid-date";

/**
 * A typed error naming the file, the 1-based line and the field (null when it concerns the whole row). For a Parquet
 * or Arrow file, `line` is the 1-based row of the file (0 when the error is about the file as a whole, such as a
 * missing column or one of a type that is refused) and `rowGroup` (Parquet) or `recordBatch` (Arrow) the 1-based row
 * group or record batch the row is in.
 */
export interface MarketDataError {
  readonly kind: MarketDataErrorKind;
  readonly file: string;
  readonly line: number;
  readonly field: string | null;
  readonly message: string;
  readonly rowGroup?: number;
  readonly recordBatch?: number;
}

/** A parse result: the typed values, or every error found (up to a limit). */
export type MarketDataResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly MarketDataError[] };

/** Options shared by the parsers. */
export interface ParseOptions {
  /** The file name used in errors (the CLI passes the path it read). */
  readonly file: string;
  /** `csv` or `ndjson`; by default guessed from the first non-blank character (`{` means NDJSON). */
  readonly format?: "csv" | "ndjson";
  /** At most this many errors are reported (default 100). */
  readonly maxErrors?: number;
}

/** The largest coefficient kept exactly in a float64. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/**
 * The longest line of a market-data file, in characters (UTF-16 code units) without its line break: a row is a
 * hundred characters or so, so a longer line is not a row (a file without line breaks, or binary data). A longer
 * line is a `line-too-long` error and ends the reading of the file.
 */
export const MAX_LINE_LENGTH = 65_536;

/**
 * The years an instant of market data may have, inclusive: epoch microseconds of these years are exact in a float64
 * (2^53 µs is about 285 years either side of 1970), and a two-digit year such as `0026` is refused rather than read
 * as 1926.
 */
export const YEARS = Object.freeze({ min: 1900, max: 2199 });

/**
 * U+FFFD, the replacement character: what a UTF-8 decoder puts for bytes that are not UTF-8. No market data has a
 * legitimate use for it, so a field containing it is refused (`invalid-encoding`), never guessed at.
 */
export const NOT_TEXT = /\uFFFD/;

/** Why a field read from a file is not valid text (see {@link NOT_TEXT}), or undefined when it is. */
export function encodingProblem(field: string): string | undefined {
  if (!NOT_TEXT.test(field)) return undefined;
  return "contains U+FFFD, the replacement character: the file is not valid UTF-8 here (invalid bytes are never guessed at)";
}

/**
 * Formats an error as one line, `file:line: field: message`; for a row of a Parquet file `file: row N (row group G):
 * field: message` (of an Arrow file `(record batch B)`), and for a whole file `file: field: message`.
 */
export function formatMarketDataError(e: MarketDataError): string {
  const where =
    e.line === 0
      ? `${e.file}: `
      : e.rowGroup !== undefined
        ? `${e.file}: row ${e.line} (row group ${e.rowGroup}): `
        : e.recordBatch !== undefined
          ? `${e.file}: row ${e.line} (record batch ${e.recordBatch}): `
          : `${e.file}:${e.line}: `;
  return `${where}${e.field === null ? "" : `${e.field}: `}${e.message}`;
}

/** An instant of epoch microseconds as ISO 8601 in UTC with six places, `2026-03-27T15:00:00.000001Z` (for messages). */
export function formatInstantMicros(t: number): string {
  const micros = ((t % 1_000_000) + 1_000_000) % 1_000_000;
  const seconds = new Date((t - micros) / 1000).toISOString().slice(0, 19);
  return `${seconds}.${String(micros).padStart(6, "0")}Z`;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch microseconds of an ISO 8601 instant with seconds and an explicit offset (`Z` or `±HH:MM`), or a
 * message saying why it is not one. Fractions finer than a microsecond must be zero (they are not dropped).
 */
export function parseInstantMicros(text: string): number | string {
  const fast = sameMinute(text);
  if (fast >= 0) return fast;
  const m = TIME_RE.exec(text);
  if (m === null) return `expected an ISO 8601 time with seconds and an offset (e.g. 2026-03-27T15:00:00Z), got ${excerpt(text)}`;
  const [, ys, mos, ds, hs, mis, ss, frac, off] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const y = Number(ys),
    mo = Number(mos),
    d = Number(ds),
    h = Number(hs),
    mi = Number(mis),
    s = Number(ss);
  if (y < YEARS.min || y > YEARS.max) return `the year ${ys} is outside ${YEARS.min} to ${YEARS.max}, the years market data may have`;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return `no such date ${ys}-${mos}-${ds}`;
  if (h > 23 || mi > 59 || s > 59) return `no such time of day ${hs}:${mis}:${ss}`;
  let micros = 0;
  if (frac !== undefined) {
    const padded = (frac + "000000000").slice(0, 9);
    if (!/^0*$/.test(padded.slice(6))) return `fractions of a second finer than a microsecond are not supported: ${excerpt(text)}`;
    micros = Number(padded.slice(0, 6));
  }
  let offsetMinutes = 0;
  if (off !== "Z") {
    const oh = Number(off.slice(1, 3)),
      om = Number(off.slice(4, 6));
    if (oh > 18 || om > 59) return `invalid offset ${off}`;
    offsetMinutes = (off[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000;
  const result = ms * 1000 + micros;
  lastMinute = text.slice(0, 17);
  lastZone = off;
  lastMinuteMicros = result - s * 1_000_000 - micros;
  return result;
}

/**
 * The instant of the last fully parsed time: its first 17 characters (`YYYY-MM-DDTHH:MM:`), its offset, and the
 * epoch microseconds of that minute. Market data comes in time order, so most times share the previous one's
 * minute: only the seconds and the fraction are read then (a memo of a pure function; the result is the same).
 */
let lastMinute = "";
let lastZone = "";
let lastMinuteMicros = 0;

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The instant when `text` is in the last parsed time's minute and offset and well formed, else −1. */
function sameMinute(text: string): number {
  const len = text.length;
  const zoneLength = lastZone.length;
  if (zoneLength === 0 || len < 19 + zoneLength || !text.startsWith(lastMinute) || !text.endsWith(lastZone)) return -1;
  const s1 = digit(text, 17),
    s2 = digit(text, 18);
  if (s1 < 0 || s1 > 5 || s2 < 0) return -1;
  const fracEnd = len - zoneLength;
  let micros = 0;
  if (fracEnd > 19) {
    const digits = fracEnd - 20;
    if (text.charCodeAt(19) !== 46 || digits < 1 || digits > 9) return -1;
    for (let i = 20; i < fracEnd; i++) {
      const d = digit(text, i);
      if (d < 0) return -1;
      if (i < 26) micros = micros * 10 + d;
      else if (d !== 0) return -1; // finer than a microsecond: the full parse says why
    }
    for (let i = digits; i < 6; i++) micros *= 10;
  }
  return lastMinuteMicros + (s1 * 10 + s2) * 1_000_000 + micros;
}

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A non-negative decimal as coefficient × 10^−scale, or why not. */
export type ParsedDecimal =
  { readonly coefficient: number; readonly scale: number } | { readonly error: MarketDataErrorKind; readonly message: string };

/**
 * Parses `-?digits(.digits)?` exactly into a coefficient that must fit 2^53 − 1 (trailing fractional zeros are
 * dropped first). A negative value is reported as `negative-value`, anything else malformed as `invalid-number`.
 */
export function parseNonNegativeDecimal(text: string): ParsedDecimal {
  const n = text.length;
  if (n === 0) return { error: "invalid-number", message: "empty; expected a decimal string" };
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let coefficient = 0;
  let scale = 0;
  let dot = false;
  let digits = 0;
  let trailingZeros = 0;
  let big = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (dot) {
        scale++;
        trailingZeros = c === 48 ? trailingZeros + 1 : 0;
      }
      coefficient = coefficient * 10 + (c - 48);
      if (coefficient > MAX_EXACT) big = true;
    } else if (c === 46 && !dot && digits > 0) {
      dot = true;
      if (i === n - 1) return { error: "invalid-number", message: `${excerpt(text)} is not a decimal number` };
    } else {
      return { error: "invalid-number", message: `${excerpt(text)} is not a decimal number` };
    }
  }
  if (digits === 0) return { error: "invalid-number", message: `${excerpt(text)} is not a decimal number` };
  if (big) {
    // Exact check with bigint: drop the trailing fractional zeros, then it must fit.
    const body = text.slice(negative ? 1 : 0).replace(".", "");
    const trimmed = trailingZeros > 0 ? body.slice(0, body.length - trailingZeros) : body;
    const significant = trimmed.replace(/^0+/, "");
    const b = significant.length > 16 ? undefined : BigInt(trimmed);
    if (b === undefined || b > BigInt(MAX_EXACT))
      return {
        error: "precision-out-of-range",
        message: `${excerpt(text)} cannot be held exactly: its coefficient exceeds 2^53 − 1 (about 16 significant digits)`,
      };
    coefficient = Number(b);
    scale -= trailingZeros;
    trailingZeros = 0;
  }
  if (trailingZeros > 0) {
    coefficient = coefficient / 10 ** trailingZeros;
    scale -= trailingZeros;
  }
  if (scale > INPUT_PRECISION.scale)
    return {
      error: "precision-out-of-range",
      message: `${excerpt(text)} has ${scale} decimal places; at most ${INPUT_PRECISION.scale} are accepted`,
    };
  if (negative && coefficient !== 0) return { error: "negative-value", message: `${excerpt(text)} is negative` };
  return { coefficient, scale };
}

/** The first non-blank character decides the format when none is given. */
export function guessFormat(text: string, format: "csv" | "ndjson" | undefined): "csv" | "ndjson" {
  if (format !== undefined) return format;
  return /^\s*\{/.test(text) ? "ndjson" : "csv";
}

/** Splits text into lines (LF or CRLF), keeping line numbers implicit by index. */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith("\r")) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Brings a column of coefficients with per-row scales to one common scale; false when one would not stay exact. */
export function rescaleColumn(coef: Float64Array, scales: Uint8Array, length: number): { scale: number; ok: boolean; row: number } {
  let max = 0;
  for (let i = 0; i < length; i++) if (scales[i]! > max) max = scales[i]!;
  for (let i = 0; i < length; i++) {
    const d = max - scales[i]!;
    if (d > 0) {
      const v = coef[i]! * 10 ** d;
      if (v > MAX_EXACT) return { scale: max, ok: false, row: i };
      coef[i] = v;
    }
  }
  return { scale: max, ok: true, row: -1 };
}

/** A row of NDJSON: its members, or the typed problem that makes it no row. */
export type JsonRow =
  | { readonly ok: true; readonly value: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly kind: MarketDataErrorKind; readonly field: string | null; readonly message: string };

function countOf(text: string, c: string): number {
  let n = 0;
  for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) n++;
  return n;
}

/**
 * Parses one NDJSON line into a JSON object whose keys are all `allowed`, each at most once: a repeated key (which
 * `JSON.parse` would silently resolve to its last value) is a `duplicate-key` error naming the key, a key of any other
 * name an `unknown-field` error. The repeated-key test counts colons natively and scans the line only when the count
 * leaves a doubt (escapes or nested values), so it stays linear and cheap.
 */
export function parseJsonRow(raw: string, allowed: ReadonlySet<string>): JsonRow {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch {
    return { ok: false, kind: "malformed-row", field: null, message: "not a JSON object" };
  }
  if (obj === null || typeof obj !== "object" || Array.isArray(obj))
    return { ok: false, kind: "malformed-row", field: null, message: "not a JSON object" };
  const record = obj as Record<string, unknown>;
  // Without escapes or nested values, every member of the text adds one colon plus the colons of its key and value.
  let sure = raw.indexOf("\\") < 0;
  let expected = 0;
  for (const k in record) {
    if (!allowed.has(k))
      return {
        ok: false,
        kind: "unknown-field",
        field: null,
        message: `unknown field ${excerpt(k)}; the fields are ${[...allowed].join(", ")}`,
      };
    expected++;
    const v = record[k];
    if (typeof v === "string") {
      if (v.indexOf(":") >= 0) expected += countOf(v, ":");
    } else if (v !== null && typeof v === "object") sure = false;
    if (k.indexOf(":") >= 0) expected += countOf(k, ":");
  }
  if (sure && countOf(raw, ":") === expected) return { ok: true, value: record };
  const repeated = repeatedKey(raw);
  if (repeated !== undefined)
    return {
      ok: false,
      kind: "duplicate-key",
      field: repeated,
      message: `the key ${excerpt(repeated)} appears more than once in the row; a row states each field once`,
    };
  return { ok: true, value: record };
}

/** The first key repeated among the top-level members of a valid JSON object text, if any. */
function repeatedKey(raw: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      for (i++; i < raw.length; i++) {
        const d = raw.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
      if (depth === 1 && expectKey) {
        const key = JSON.parse(raw.slice(start, i + 1)) as string;
        if (seen.has(key)) return key;
        seen.add(key);
        expectKey = false;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
    else if (c === 44 /* , */ && depth === 1) expectKey = true;
  }
  return undefined;
}
