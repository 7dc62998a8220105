/**
 * Parsing of source observations (trades or quotes), CSV or NDJSON rows `time,source,price,volume[,instrument]`,
 * into columns of typed arrays: epoch microseconds, source indices, and price and volume coefficients at one
 * common scale per column, each an exact integer held in a float64. A CSV file may start with the header line
 * `time,source,price,volume[,instrument]`. Every malformed row yields a {@link MarketDataError} naming the file,
 * line and field: bad times, non-numeric or negative prices and volumes, unknown sources (when the spec's source
 * list is given), rows out of time order and exact duplicate rows. Pure: it takes text, the CLI reads the file.
 */
import {
  type MarketDataError,
  type MarketDataErrorKind,
  type MarketDataResult,
  type ParseOptions,
  guessFormat,
  parseInstantMicros,
  parseNonNegativeDecimal,
  rescaleColumn,
  splitLines,
} from "./common.js";

/** Observations as columns; row i is (time[i], sources[source[i]], price[i]·10^−priceScale, volume[i]·10^−volumeScale). */
export interface Observations {
  readonly length: number;
  /** Epoch microseconds, non-decreasing. */
  readonly time: Float64Array;
  /** Index into {@link sources}. */
  readonly source: Uint16Array;
  /** Source names: the spec's list when given, else in order of first appearance. */
  readonly sources: readonly string[];
  /** Price coefficients (exact integers) at {@link priceScale}. */
  readonly price: Float64Array;
  readonly priceScale: number;
  /** Volume coefficients (exact integers) at {@link volumeScale}. */
  readonly volume: Float64Array;
  readonly volumeScale: number;
  /** The instrument of each row, or null when the input has no instrument column. */
  readonly instrument: readonly (string | null)[] | null;
  /** The 1-based line each row came from. */
  readonly line: Uint32Array;
}

/** Options for {@link parseObservations}. */
export interface ObservationOptions extends ParseOptions {
  /** The spec's source names; a row naming any other source is an error. */
  readonly sources?: readonly string[];
}

const HEADER = /^time,source,price,volume(,instrument)?$/;

/** Parses observations; never throws. */
export function parseObservations(text: string, options: ObservationOptions): MarketDataResult<Observations> {
  const file = options.file;
  const maxErrors = options.maxErrors ?? 100;
  const errors: MarketDataError[] = [];
  const err = (kind: MarketDataErrorKind, line: number, field: string | null, message: string): void => {
    if (errors.length < maxErrors) errors.push({ kind, file, line, field, message });
  };
  const format = guessFormat(text, options.format);
  const lines = splitLines(text);
  const cap = lines.length;
  const time = new Float64Array(cap);
  const source = new Uint16Array(cap);
  const price = new Float64Array(cap);
  const priceScales = new Uint8Array(cap);
  const volume = new Float64Array(cap);
  const volumeScales = new Uint8Array(cap);
  const lineOf = new Uint32Array(cap);
  let instruments: (string | null)[] | null = null;
  const names: string[] = options.sources ? [...options.sources] : [];
  const sourceIndex = new Map<string, number>(names.map((n, i) => [n, i]));
  const fixedSources = options.sources !== undefined;
  let n = 0;
  let lastTime = -Infinity;
  let sameTimeKeys: Set<string> | null = null;

  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li]!;
    const lineNo = li + 1;
    if (raw.trim() === "") continue;
    let fields: { time: unknown; source: unknown; price: unknown; volume: unknown; instrument: unknown };
    if (format === "csv") {
      if (n === 0 && errors.length === 0 && HEADER.test(raw)) continue;
      const parts = raw.split(",");
      if (parts.length < 4 || parts.length > 5) {
        err("malformed-row", lineNo, null, `expected 4 or 5 comma-separated fields (time,source,price,volume[,instrument]), got ${parts.length}`);
        continue;
      }
      fields = { time: parts[0], source: parts[1], price: parts[2], volume: parts[3], instrument: parts[4] };
    } else {
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch {
        err("malformed-row", lineNo, null, "not a JSON object");
        continue;
      }
      if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
        err("malformed-row", lineNo, null, "not a JSON object");
        continue;
      }
      const o = obj as Record<string, unknown>;
      fields = { time: o.time, source: o.source, price: o.price, volume: o.volume, instrument: o.instrument };
    }
    let bad = false;
    for (const f of ["time", "source", "price", "volume"] as const) {
      const v = fields[f];
      if (v === undefined || v === "") {
        err("missing-field", lineNo, f, `missing ${f}`);
        bad = true;
      } else if (typeof v !== "string") {
        err(f === "price" || f === "volume" ? "invalid-number" : "malformed-row", lineNo, f, `${f} must be a string${f === "price" || f === "volume" ? " (a decimal string, never a JSON number)" : ""}`);
        bad = true;
      }
    }
    if (fields.instrument !== undefined && fields.instrument !== null && typeof fields.instrument !== "string") {
      err("malformed-row", lineNo, "instrument", "instrument must be a string");
      bad = true;
    }
    if (bad) continue;
    const t = parseInstantMicros(fields.time as string);
    if (typeof t === "string") {
      err("invalid-time", lineNo, "time", t);
      bad = true;
    }
    const srcName = fields.source as string;
    let si = sourceIndex.get(srcName);
    if (si === undefined) {
      if (fixedSources) {
        err("unknown-source", lineNo, "source", `unknown source ${JSON.stringify(srcName)}; the index's sources are ${names.join(", ")}`);
        bad = true;
      } else {
        si = names.length;
        names.push(srcName);
        sourceIndex.set(srcName, si);
      }
    }
    const p = parseNonNegativeDecimal(fields.price as string);
    if ("error" in p) {
      err(p.error, lineNo, "price", p.error === "negative-value" ? `negative price ${fields.price as string}` : p.message);
      bad = true;
    }
    const v = parseNonNegativeDecimal(fields.volume as string);
    if ("error" in v) {
      err(v.error, lineNo, "volume", v.error === "negative-value" ? `negative volume ${fields.volume as string}` : v.message);
      bad = true;
    }
    if (bad || typeof t === "string" || "error" in p || "error" in v || si === undefined) continue;
    if (t < lastTime) {
      err("unsorted", lineNo, "time", `${fields.time as string} is earlier than the previous row's time; rows must be in time order`);
      continue;
    }
    const inst = typeof fields.instrument === "string" && fields.instrument !== "" ? fields.instrument : null;
    const key = `${si}\u0000${p.coefficient}e${p.scale}\u0000${v.coefficient}e${v.scale}\u0000${inst ?? ""}`;
    if (t === lastTime && sameTimeKeys !== null) {
      if (sameTimeKeys.has(key)) {
        err("duplicate", lineNo, null, `duplicate row: same time, source, price, volume and instrument as an earlier row`);
        continue;
      }
      sameTimeKeys.add(key);
    } else {
      sameTimeKeys = new Set([key]);
      lastTime = t;
    }
    time[n] = t;
    source[n] = si;
    price[n] = p.coefficient;
    priceScales[n] = p.scale;
    volume[n] = v.coefficient;
    volumeScales[n] = v.scale;
    lineOf[n] = lineNo;
    if (inst !== null && instruments === null) instruments = new Array<string | null>(n).fill(null);
    if (instruments !== null) instruments[n] = inst;
    n++;
  }
  if (n === 0 && errors.length === 0) err("empty-input", 1, null, "no observations");
  const pr = rescaleColumn(price, priceScales, n);
  if (!pr.ok) err("precision-out-of-range", lineOf[pr.row]!, "price", "prices with this many decimal places cannot all be held exactly at one scale");
  const vr = rescaleColumn(volume, volumeScales, n);
  if (!vr.ok) err("precision-out-of-range", lineOf[vr.row]!, "volume", "volumes with this many decimal places cannot all be held exactly at one scale");
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      length: n,
      time: time.subarray(0, n),
      source: source.subarray(0, n),
      sources: names,
      price: price.subarray(0, n),
      priceScale: pr.scale,
      volume: volume.subarray(0, n),
      volumeScale: vr.scale,
      instrument: instruments,
      line: lineOf.subarray(0, n),
    },
  };
}
