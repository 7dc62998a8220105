/**
 * Parsing of published index fixings, CSV or NDJSON rows `time,index,value[,status]` (CSV may start with that
 * header; a field may be quoted as RFC 4180 says, `quoted-csv.ts`), into exact values: the time as epoch microseconds, the index name, the value as a {@link Decimal}
 * (fixings may be negative, e.g. a spread index; whether a contract accepts a negative value is the contract's
 * business) within the program's input precision, and the status, one of a closed vocabulary
 * ({@link FIXING_STATUSES}). Malformed rows, unknown statuses, unsorted rows and duplicates (same time and index)
 * are typed errors naming file, line and field.
 */
import { type Decimal, excerpt, parseInputDecimal } from "../numbers/decimal.js";
import {
  type MarketDataError,
  type MarketDataErrorKind,
  type MarketDataResult,
  type ParseOptions,
  MAX_LINE_LENGTH,
  encodingProblem,
  guessFormat,
  parseInstantMicros,
  parseJsonRow,
  splitLines,
} from "./common.js";
import { fieldName, splitQuotedCsv } from "./quoted-csv.js";

/**
 * The statuses a fixing row may have, and what each means: `published`, `final` and `corrected` (and an empty or
 * absent status) are published values; `flagged` is a value published with a flag (issue 15: a contract's
 * `disruption if flagged` treats it as a disruption, otherwise its settlement says it is flagged); `held` is a value
 * held for review, not published. Any other word —
 * including a different case or spacing, such as `HELD` or ` held` — is an `unknown-status` error, never a guess.
 */
export const FIXING_STATUSES = Object.freeze({
  published: "published",
  final: "published",
  corrected: "published",
  flagged: "published",
  held: "held",
} as const);

/** A status of {@link FIXING_STATUSES}. */
export type FixingStatus = keyof typeof FIXING_STATUSES;

/** Whether a status means the value is published (rather than held for review). */
export function isPublished(status: FixingStatus | null): boolean {
  return status === null || FIXING_STATUSES[status] === "published";
}

/** One published fixing. */
export interface Fixing {
  readonly time: number;
  readonly index: string;
  readonly value: Decimal;
  /** The status as written, or null when the row states none (published). */
  readonly status: FixingStatus | null;
  readonly line: number;
  /** The file it was read from (the parser's `file` option), for errors that name it. */
  readonly file?: string;
}

/** Options for {@link parseFixings}. */
export interface FixingOptions extends ParseOptions {
  /** The index names the spec knows; a fixing of any other index is an error. */
  readonly indices?: readonly string[];
}

const HEADER = /^time,index,value(,status)?$/;
const COLUMNS = ["time", "index", "value", "status"];
const FIELDS: ReadonlySet<string> = new Set(COLUMNS);

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
    if (raw.length > MAX_LINE_LENGTH) {
      err(
        "line-too-long",
        lineNo,
        null,
        `the line is longer than ${MAX_LINE_LENGTH} characters, so it is not a row of fixings (one row per line, CSV or NDJSON); reading stopped here`,
      );
      break;
    }
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
      let parts: readonly string[];
      if (raw.indexOf('"') < 0) parts = raw.split(",");
      else {
        // RFC 4180 quoting, only for a line with a double quote.
        const q = splitQuotedCsv(raw);
        if (!q.ok) {
          err("invalid-quote", lineNo, fieldName(COLUMNS, q.field), q.message);
          continue;
        }
        parts = q.fields;
        if (out.length === 0 && errors.length === 0 && parts.every((x) => x.indexOf(",") < 0) && HEADER.test(parts.join(","))) continue;
      }
      if (parts.length < 3 || parts.length > 4) {
        err("malformed-row", lineNo, null, `expected 3 or 4 comma-separated fields (time,index,value[,status]), got ${parts.length}`);
        continue;
      }
      f = { time: parts[0], index: parts[1], value: parts[2], status: parts[3] };
    } else {
      const obj = parseJsonRow(raw, FIELDS);
      if (!obj.ok) {
        err(obj.kind, lineNo, obj.field, obj.message);
        continue;
      }
      f = obj.value as Record<string, unknown>;
    }
    let bad = false;
    for (const k of ["time", "index", "value", "status"]) {
      const v = f[k];
      const problem = typeof v === "string" ? encodingProblem(v) : undefined;
      if (problem !== undefined) {
        err("invalid-encoding", lineNo, k, problem);
        bad = true;
      }
    }
    if (bad) continue;
    for (const k of ["time", "index", "value"]) {
      if (f[k] === undefined || f[k] === "") {
        err("missing-field", lineNo, k, `missing ${k}`);
        bad = true;
      } else if (typeof f[k] !== "string") {
        err(k === "value" ? "invalid-number" : "malformed-row", lineNo, k, `${k} must be a string`);
        bad = true;
      }
    }
    let status: FixingStatus | null = null;
    if (f.status !== undefined && f.status !== null && f.status !== "") {
      if (typeof f.status !== "string") {
        err("malformed-row", lineNo, "status", "status must be a string");
        bad = true;
      } else if (!Object.hasOwn(FIXING_STATUSES, f.status)) {
        err(
          "unknown-status",
          lineNo,
          "status",
          `${excerpt(f.status)} is not a fixing status; the statuses are published, final and corrected (published) and held (held for review), in lower case`,
        );
        bad = true;
      } else status = f.status as FixingStatus;
    }
    if (bad) continue;
    const t = parseInstantMicros(f.time as string);
    if (typeof t === "string") err("invalid-time", lineNo, "time", t);
    const index = f.index as string;
    const unknown = known !== null && !known.has(index);
    if (unknown) err("unknown-source", lineNo, "index", `unknown index ${excerpt(index)}`);
    const v = parseInputDecimal(f.value as string);
    if (!v.ok) err(v.kind, lineNo, "value", v.message);
    if (typeof t === "string" || unknown || !v.ok) continue;
    if (t < lastTime) {
      err("unsorted", lineNo, "time", `${excerpt(f.time as string)} is earlier than the previous row's time; rows must be in time order`);
      continue;
    }
    if (t === lastTime) {
      if (sameTime.has(index)) {
        err("duplicate", lineNo, null, `duplicate fixing of ${excerpt(index)} at ${f.time as string}`);
        continue;
      }
    } else {
      sameTime = new Set();
      lastTime = t;
    }
    sameTime.add(index);
    out.push({ time: t, index, value: v.value, status, line: lineNo, file: options.file });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: out };
}
