/**
 * Parsing of published index fixings, CSV or NDJSON rows `time,index,value[,status]` (CSV may start with that
 * header), into exact values: the time as epoch microseconds, the index name, the value as a {@link Decimal}
 * (fixings may be negative, e.g. a spread index) and the status (`final`, `provisional`, `held`, … or null).
 * Malformed rows, unsorted rows and duplicates (same time and index) are typed errors naming file, line and field.
 */
import { Decimal } from "../decimal.js";
import {
  type MarketDataError,
  type MarketDataErrorKind,
  type MarketDataResult,
  type ParseOptions,
  guessFormat,
  parseInstantMicros,
  splitLines,
} from "./common.js";

/** One published fixing. */
export interface Fixing {
  readonly time: number;
  readonly index: string;
  readonly value: Decimal;
  readonly status: string | null;
  readonly line: number;
}

/** Options for {@link parseFixings}. */
export interface FixingOptions extends ParseOptions {
  /** The index names the spec knows; a fixing of any other index is an error. */
  readonly indices?: readonly string[];
}

const HEADER = /^time,index,value(,status)?$/;

/** Parses fixings; never throws. */
export function parseFixings(text: string, options: FixingOptions): MarketDataResult<readonly Fixing[]> {
  const file = options.file;
  const maxErrors = options.maxErrors ?? 100;
  const errors: MarketDataError[] = [];
  const err = (kind: MarketDataErrorKind, line: number, field: string | null, message: string): void => {
    if (errors.length < maxErrors) errors.push({ kind, file, line, field, message });
  };
  const format = guessFormat(text, options.format);
  const known = options.indices ? new Set(options.indices) : null;
  const out: Fixing[] = [];
  let lastTime = -Infinity;
  let sameTime = new Set<string>();
  const lines = splitLines(text);
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li]!;
    const lineNo = li + 1;
    if (raw.trim() === "") continue;
    let f: Record<string, unknown>;
    if (format === "csv") {
      if (out.length === 0 && errors.length === 0 && HEADER.test(raw)) continue;
      if (out.length === 0 && errors.length === 0 && /^\s*time\s*,/i.test(raw)) {
        err(
          "malformed-row",
          lineNo,
          null,
          `the header must be \`time,index,value\` or \`time,index,value,status\`, not \`${raw.length > 80 ? raw.slice(0, 77) + "..." : raw}\``,
        );
        continue;
      }
      const parts = raw.split(",");
      if (parts.length < 3 || parts.length > 4) {
        err("malformed-row", lineNo, null, `expected 3 or 4 comma-separated fields (time,index,value[,status]), got ${parts.length}`);
        continue;
      }
      f = { time: parts[0], index: parts[1], value: parts[2], status: parts[3] };
    } else {
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch {
        obj = undefined;
      }
      if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
        err("malformed-row", lineNo, null, "not a JSON object");
        continue;
      }
      f = obj as Record<string, unknown>;
    }
    let bad = false;
    for (const k of ["time", "index", "value"]) {
      if (f[k] === undefined || f[k] === "") {
        err("missing-field", lineNo, k, `missing ${k}`);
        bad = true;
      } else if (typeof f[k] !== "string") {
        err(k === "value" ? "invalid-number" : "malformed-row", lineNo, k, `${k} must be a string`);
        bad = true;
      }
    }
    if (f.status !== undefined && f.status !== null && typeof f.status !== "string") {
      err("malformed-row", lineNo, "status", "status must be a string");
      bad = true;
    }
    if (bad) continue;
    const t = parseInstantMicros(f.time as string);
    if (typeof t === "string") err("invalid-time", lineNo, "time", t);
    const index = f.index as string;
    const unknown = known !== null && !known.has(index);
    if (unknown) err("unknown-source", lineNo, "index", `unknown index ${JSON.stringify(index)}`);
    const v = Decimal.parse(f.value as string);
    if (!v.ok) err("invalid-number", lineNo, "value", `${JSON.stringify(f.value)} is not a decimal number`);
    if (typeof t === "string" || unknown || !v.ok) continue;
    if (t < lastTime) {
      err("unsorted", lineNo, "time", `${f.time as string} is earlier than the previous row's time; rows must be in time order`);
      continue;
    }
    if (t === lastTime) {
      if (sameTime.has(index)) {
        err("duplicate", lineNo, null, `duplicate fixing of ${index} at ${f.time as string}`);
        continue;
      }
    } else {
      sameTime = new Set();
      lastTime = t;
    }
    sameTime.add(index);
    const status = typeof f.status === "string" && f.status !== "" ? f.status : null;
    out.push({ time: t, index, value: v.value, status, line: lineNo });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: out };
}
