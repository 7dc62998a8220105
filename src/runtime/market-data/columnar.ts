/**
 * The field readers of the columnar market-data files (Parquet, `parquet.ts`; Arrow IPC, `arrow.ts`): each turns one
 * decoded value of a column into a field of a {@link ValuesRow}, exactly (no float step), with the messages of CSV for
 * text columns, or reports why the value is not valid. One place for both readers, so that a Parquet and an Arrow file
 * holding the same values give the same observations and the same errors.
 */
import { INPUT_PRECISION, excerpt } from "../numbers/decimal.js";
import { type MarketDataErrorKind, MAX_EXACT, YEARS, encodingProblem, parseInstantMicros, parseNonNegativeDecimal } from "./common.js";
import type { ValuesRow } from "./observations.js";

/** The columns of observations a columnar file is read for. */
export const REQUIRED = ["time", "source", "price", "volume"] as const;
export const COLUMNS = [...REQUIRED, "instrument", "part"] as const;
export type Column = (typeof COLUMNS)[number];

/** Epoch microseconds of the first and after the last instant of {@link YEARS}. */
const FIRST_MICROS = BigInt(Date.UTC(YEARS.min, 0, 1)) * 1000n;
const END_MICROS = BigInt(Date.UTC(YEARS.max + 1, 0, 1)) * 1000n;
const FIRST_MICROS_NUMBER = Number(FIRST_MICROS);
const END_MICROS_NUMBER = Number(END_MICROS);

/** Reads value `v` of a row into `out`; false after reporting to `sink` why it is not a valid value. */
export type FieldReader = (v: unknown, out: ValuesRow, sink: FailSink) => boolean;

/** What a field reader reports to. */
export interface FailSink {
  fail(kind: MarketDataErrorKind, field: Column, message: string): false;
}

/** The text of a decimal of `unscaled` × 10^−scale, for messages. */
function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  const body = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${body}` : body;
}

/** The unscaled value of a big-endian two's-complement integer (a binary DECIMAL). */
export function signedBytes(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return bytes.length > 0 && bytes[0]! >= 128 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/** The reader of an integer or DECIMAL column at `scale`: the exact coefficient, trailing fractional zeros dropped as in text. */
export function integer(field: "price" | "volume", scale: number, unsigned: boolean): FieldReader {
  return (v, out, sink) => {
    if (v === null || v === undefined) return sink.fail("missing-field", field, `missing ${field}`);
    let c: number;
    let s = scale;
    const x = typeof v === "bigint" ? Number(v) : v;
    if (typeof x === "number" && Number.isSafeInteger(x) && x >= 0) c = x;
    else {
      let big = typeof v === "bigint" ? v : typeof v === "number" ? BigInt(v) : v instanceof Uint8Array ? signedBytes(v) : undefined;
      if (big === undefined) return sink.fail("invalid-number", field, `${field} is not a number`);
      if (unsigned && big < 0n) big += typeof v === "number" ? 1n << 32n : 1n << 64n;
      if (big < 0n) return sink.fail("negative-value", field, `negative ${field} ${decimalText(big, scale)}`);
      while (s > 0 && big % 10n === 0n) {
        big /= 10n;
        s--;
      }
      if (big > BigInt(MAX_EXACT))
        return sink.fail(
          "precision-out-of-range",
          field,
          `${decimalText(big, s)} cannot be held exactly: its coefficient exceeds 2^53 − 1 (about 16 significant digits)`,
        );
      c = Number(big);
    }
    while (s > 0 && c % 10 === 0) {
      c /= 10;
      s--;
    }
    if (s > INPUT_PRECISION.scale)
      return sink.fail(
        "precision-out-of-range",
        field,
        `${decimalText(BigInt(c), s)} has ${s} decimal places; at most ${INPUT_PRECISION.scale} are accepted`,
      );
    if (field === "price") {
      out.priceCoefficient = c;
      out.priceScale = s;
    } else {
      out.volumeCoefficient = c;
      out.volumeScale = s;
    }
    return true;
  };
}

/** The reader of a decimal text column, with the messages of CSV. */
export function textDecimal(field: "price" | "volume"): FieldReader {
  return (v, out, sink) => {
    if (v === null || v === undefined || v === "") return sink.fail("missing-field", field, `missing ${field}`);
    const text = v as string;
    const p = parseNonNegativeDecimal(text);
    if ("error" in p) {
      const problem = encodingProblem(text);
      if (problem !== undefined) return sink.fail("invalid-encoding", field, problem);
      return sink.fail(p.error, field, p.error === "negative-value" ? `negative ${field} ${excerpt(text)}` : p.message);
    }
    if (field === "price") {
      out.priceCoefficient = p.coefficient;
      out.priceScale = p.scale;
    } else {
      out.volumeCoefficient = p.coefficient;
      out.volumeScale = p.scale;
    }
    return true;
  };
}

/** The reader of a TIMESTAMP column in `unit`: epoch microseconds, exact, within {@link YEARS}. */
export function timestamp(unit: "MILLIS" | "MICROS" | "NANOS"): FieldReader {
  return (v, out, sink) => {
    if (v === null || v === undefined) return sink.fail("missing-field", "time", "missing time");
    // A number is an exact integer of the unit (a reader passes one when it fits 2^53); the range check is the same.
    if (typeof v === "number" && unit !== "NANOS") {
      const us = unit === "MILLIS" ? v * 1000 : v;
      if (!(us >= FIRST_MICROS_NUMBER && us < END_MICROS_NUMBER)) return outsideYears(sink);
      out.time = us;
      return true;
    }
    let t = typeof v === "number" ? BigInt(v) : (v as bigint);
    if (unit === "MILLIS") t *= 1000n;
    else if (unit === "NANOS") {
      if (t % 1000n !== 0n)
        return sink.fail("invalid-time", "time", `fractions of a second finer than a microsecond are not supported: ${t} ns`);
      t /= 1000n;
    }
    if (t < FIRST_MICROS || t >= END_MICROS) return outsideYears(sink);
    out.time = Number(t);
    return true;
  };
}

function outsideYears(sink: FailSink): false {
  return sink.fail("invalid-time", "time", `the time is outside the years ${YEARS.min} to ${YEARS.max}, the years market data may have`);
}

/** The reader of an ISO 8601 time text column, with the messages of CSV. */
export function textTime(v: unknown, out: ValuesRow, sink: FailSink): boolean {
  if (v === null || v === undefined || v === "") return sink.fail("missing-field", "time", "missing time");
  const problem = encodingProblem(v as string);
  if (problem !== undefined) return sink.fail("invalid-encoding", "time", problem);
  const t = parseInstantMicros(v as string);
  if (typeof t === "string") return sink.fail("invalid-time", "time", t);
  out.time = t;
  return true;
}

/** The reader of a name column (source, instrument, part); each distinct name is checked for U+FFFD once. */
export function nameField(field: Column): FieldReader {
  const checked = new Set<string>();
  return (v, out, sink) => {
    if (v === null || v === undefined || v === "") {
      if (field === "source") return sink.fail("missing-field", "source", "missing source");
      out[field as "instrument" | "part"] = null;
      return true;
    }
    const name = v as string;
    if (!checked.has(name)) {
      const problem = encodingProblem(name);
      if (problem !== undefined) return sink.fail("invalid-encoding", field, problem);
      checked.add(name);
    }
    if (field === "source") out.source = name;
    else out[field as "instrument" | "part"] = name;
    return true;
  };
}
