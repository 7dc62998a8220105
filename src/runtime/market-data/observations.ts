/**
 * Parsing of source observations (trades or quotes), CSV or NDJSON rows `time,source,price,volume[,instrument[,part]]`,
 * into columns of typed arrays: epoch microseconds, source indices, and price and volume coefficients at one
 * common scale per column, each an exact integer held in a float64. A CSV file may start with the header line
 * `time,source,price,volume[,instrument[,part]]`, and a field may be quoted as RFC 4180 says (`quoted-csv.ts`). Every malformed row yields a {@link MarketDataError} naming the
 * file, line and field: bad times (and years outside 1900–2199), non-numeric or negative prices and volumes, numbers
 * beyond the input precision, fields with U+FFFD (bytes that were not UTF-8), repeated or unknown NDJSON keys,
 * unknown sources (when the spec's source list is given), rows out of time order and exact duplicate rows; a line
 * longer than `MAX_LINE_LENGTH` ends the reading. Pure: it takes text, the CLI reads the file.
 *
 * The row parsing lives in one place, the push parser {@link createObservationParser}: text arrives in pieces of
 * any size (the CLI streams a file in chunks, so a 10-million-row file is never held as one string) and the
 * columns grow by doubling. {@link parseObservations} is the same parser fed one whole text.
 */
import { excerpt } from "../numbers/decimal.js";
import { type DecimalOut, InstantBytes, NameTable, asciiText, decimalBytes } from "./bytes.js";
import { type NameColumn, NameCodes } from "./names.js";
import {
  type MarketDataError,
  type MarketDataErrorKind,
  type MarketDataResult,
  type ParseOptions,
  MAX_LINE_LENGTH,
  NOT_TEXT,
  encodingProblem,
  formatInstantMicros,
  parseInstantMicros,
  parseJsonRow,
  parseNonNegativeDecimal,
  rescaleColumn,
} from "./common.js";
import { fieldName, splitQuotedCsv } from "./quoted-csv.js";
import {
  INSTRUMENT_COLUMN,
  PART_COLUMN,
  RECORD_FIELDS,
  SIDES,
  type RecordColumns,
  type RecordField,
  columnName,
  emptyColumn,
  headerLayout,
  recordValue,
} from "./record.js";

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
  /**
   * The instrument of each row, or null when the input has no instrument column: for a source that lists `models`,
   * the model the row prices; for one that lists `instruments`, the instrument; for a contract's trades, its symbol.
   */
  readonly instrument: NameColumn | null;
  /** The blend part of each row (`input`, `output`, …: the part of a token mix the price is for), or null/absent without a part column. */
  readonly part?: NameColumn | null;
  /** The 1-based line each row came from. */
  readonly line: Uint32Array;
  /** The record's extra columns that were kept (record.ts): absent when none was read. */
  readonly record?: RecordColumns;
}

/** Options for {@link parseObservations} and {@link createObservationParser}. */
export interface ObservationOptions extends ParseOptions {
  /** The spec's source names; a row naming any other source is an error. */
  readonly sources?: readonly string[];
  /** Rows to reserve room for at the start (an estimate; the columns grow by doubling when it is exceeded). */
  readonly capacity?: number;
  /**
   * The record's extra columns to keep (record.ts), which the file must then have (a CSV header naming them, an
   * NDJSON key in every row): the ones the spec's trade qualification reads; with any of them, `trade_id` is kept too
   * when the file has it. Any other extra column is skipped unread. By default every extra column the file has is kept.
   */
  readonly fields?: readonly RecordField[];
  /** The columnar file whose rows are pushed as values: its errors name a row group (Parquet, the default) or a record batch (Arrow). */
  readonly columnar?: "parquet" | "arrow";
}

/** A parser fed text in pieces: {@link push} any split of the input (even mid-line or mid-row), then {@link end}. */
export interface ObservationParser {
  /** Parses the complete lines of the next piece of text; an incomplete last line waits for the next piece. */
  push(chunk: string): void;
  /**
   * Parses the complete lines of the next piece of UTF-8 bytes (a leading byte-order mark is dropped), with the
   * same rows and errors as {@link push} of their decoded text; the piece may be reused once this returns. A parser
   * is fed by `push` or by `pushBytes`, not both.
   */
  pushBytes(chunk: Uint8Array): void;
  /** Ends the input (its last line need not end with a newline) and returns the columns or every error found. */
  end(): MarketDataResult<Observations>;
  /**
   * Adds one row read from a columnar file (Parquet, `parquet.ts`), its fields already read into exact values; the
   * parser checks its source, its time order and duplicates as for a line of text. A parser fed rows is fed nothing else.
   */
  pushValues(row: ValuesRow): void;
  /** Reports a field of a columnar file's row that is not a valid value (the reader read it, the parser keeps the errors). */
  fail(kind: MarketDataErrorKind, at: RowPlace, field: string | null, message: string): void;
  /** Rows accepted so far. */
  readonly rows: number;
  /** True once `maxErrors` errors were found: more input cannot change the outcome, so a reader may stop early. */
  readonly full: boolean;
}

/** Where a row of a columnar file is: its 1-based row in the file (0: the file as a whole) and row group. */
export interface RowPlace {
  row: number;
  group: number;
}

/** A row of a columnar file as exact values (see {@link ObservationParser.pushValues}); one object may be reused. */
export interface ValuesRow extends RowPlace {
  /** Epoch microseconds. */
  time: number;
  source: string;
  priceCoefficient: number;
  priceScale: number;
  volumeCoefficient: number;
  volumeScale: number;
  instrument: string | null;
  part: string | null;
}

const COLUMNS = ["time", "source", "price", "volume", "instrument", "part"];
const FIELDS: ReadonlySet<string> = new Set([...COLUMNS, ...RECORD_FIELDS]);
/** The first columns of every CSV header. */
const HEADER_START = "time,source,price,volume";
const MAX_SOURCES = 65536;

/** Parses a whole text of observations; never throws. */
export function parseObservations(text: string, options: ObservationOptions): MarketDataResult<Observations> {
  let capacity = options.capacity;
  if (capacity === undefined) {
    capacity = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) capacity++;
  }
  const parser = createObservationParser({ ...options, capacity });
  parser.push(text);
  return parser.end();
}

/** The growable columns of a parser. */
interface Columns {
  time: Float64Array;
  source: Uint16Array;
  price: Float64Array;
  priceScales: Uint8Array;
  volume: Float64Array;
  volumeScales: Uint8Array;
  line: Uint32Array;
}

function allocate(cap: number): Columns {
  return {
    time: new Float64Array(cap),
    source: new Uint16Array(cap),
    price: new Float64Array(cap),
    priceScales: new Uint8Array(cap),
    volume: new Float64Array(cap),
    volumeScales: new Uint8Array(cap),
    line: new Uint32Array(cap),
  };
}

/** Columns of twice the capacity (at least `need`), holding the first `n` rows of `c`. */
function grow(c: Columns, n: number, need: number): Columns {
  const next = allocate(Math.max(need, c.time.length * 2, 1024));
  next.time.set(c.time.subarray(0, n));
  next.source.set(c.source.subarray(0, n));
  next.price.set(c.price.subarray(0, n));
  next.priceScales.set(c.priceScales.subarray(0, n));
  next.volume.set(c.volume.subarray(0, n));
  next.volumeScales.set(c.volumeScales.subarray(0, n));
  next.line.set(c.line.subarray(0, n));
  return next;
}

/** The duplicate key of an accepted row: everything but the time (rows compared share it). */
function rowKey(c: Columns, i: number, instrument: number, part: number, tail: string): string {
  return `${c.source[i]}\u0000${c.price[i]}e${c.priceScales[i]}\u0000${c.volume[i]}e${c.volumeScales[i]}\u0000${instrument}\u0000${part}\u0000${tail}`;
}

/** The number of comma-separated fields of a line, without an array per field. */
function countFields(raw: string): number {
  let count = 1;
  for (let i = raw.indexOf(","); i >= 0; i = raw.indexOf(",", i + 1)) count++;
  return count;
}

/** A push parser of observations; never throws. */
export function createObservationParser(options: ObservationOptions): ObservationParser {
  const file = options.file;
  const maxErrors = options.maxErrors ?? 100;
  const errors: MarketDataError[] = [];
  let errorCount = 0;
  /** The 1-based row group of the row read, for a columnar file. */
  let group: number | undefined;
  const err = (kind: MarketDataErrorKind, line: number, field: string | null, message: string): void => {
    errorCount++;
    if (errors.length < maxErrors) errors.push({ kind, file, line, field, message, ...(group === undefined ? {} : batchKey(group)) });
  };
  const batchKey = (g: number): { rowGroup: number } | { recordBatch: number } =>
    options.columnar === "arrow" ? { recordBatch: g } : { rowGroup: g };
  let format = options.format;
  let cols = allocate(Math.max(1, Math.min(options.capacity ?? 1024, 2 ** 31)));
  /** The instrument and the part of each row, as codes into tables of the distinct names. */
  const instruments = new NameCodes();
  const parts = new NameCodes();
  /** Set by a line too long to be a row: nothing after it is read. */
  let stopped = false;
  const names: string[] = options.sources ? [...options.sources] : [];
  const sourceIndex = new Map<string, number>(names.map((name, i) => [name, i]));
  const fixedSources = options.sources !== undefined;
  let n = 0;
  let lineNo = 0;
  let carry = "";
  let ended: MarketDataResult<Observations> | undefined;
  let lastTime = -Infinity;
  /** Keys of the rows at lastTime, built only once a second row has that time. */
  let sameTimeKeys: Set<string> | null = null;
  // The record's extra columns (record.ts). `layout` is the column of each CSV field after `volume` (without a
  // header: instrument, part); `extended` says it names an extra column. `kept[k]` says RECORD_FIELDS[k] is kept, and
  // `record[k]` is its column once the file has it.
  let layout: number[] = [INSTRUMENT_COLUMN, PART_COLUMN];
  let extended = false;
  let headerSeen = false;
  const wanted = options.fields;
  // With any column asked for, trade_id is kept too when the file has it (the certificate names the trades a rule left
  // out), so the report does not depend on what the reader was asked; it is never required.
  const kept = RECORD_FIELDS.map((f) => wanted === undefined || wanted.includes(f) || (f === "trade_id" && wanted.length > 0));
  const record: ((string | null)[] | number[] | undefined)[] = RECORD_FIELDS.map(() => undefined);
  // The duplicate test compares the extra fields too (kept or not): `timeTails` are the extra fields of the rows at
  // lastTime that `row` read; the first of them may have been read by `fastRow`, which leaves its bytes in `fastTail`.
  let timeTails: string[] = [];
  let fastFirst = false;
  let fastTail = new Uint8Array(256);
  let fastTailLength = 0;
  const tailAt = (i: number): string => {
    const k = i - (n - timeTails.length - (fastFirst ? 1 : 0));
    if (!fastFirst) return timeTails[k] ?? "";
    return k === 0 ? asciiText(fastTail, 0, fastTailLength).replaceAll(",", "\u0000") : (timeTails[k - 1] ?? "");
  };
  const columnsText = (): string =>
    extended || layout[0] !== INSTRUMENT_COLUMN || layout.length !== 2
      ? `time,source,price,volume${layout.map((c) => `,${columnName(c)}`).join("")}`
      : "time,source,price,volume[,instrument[,part]]";
  /** A CSV header line's fields: the columns after volume, and the kept ones the header lacks. */
  const header = (fields: readonly string[]): void => {
    headerSeen = true;
    const got = headerLayout(fields);
    if ("error" in got) {
      err("malformed-row", lineNo, null, `the header: ${got.error}`);
      return;
    }
    layout = got.layout;
    extended = layout.some((c) => c > PART_COLUMN);
    RECORD_FIELDS.forEach((f, k) => {
      if (!layout.includes(k + 6)) {
        if (wanted?.includes(f)) missing(f);
      } else if (kept[k]) record[k] = emptyColumn(f, n);
    });
  };
  /** A kept column the file does not have. */
  const missing = (f: RecordField): void =>
    err(
      "missing-field",
      lineNo,
      f,
      `the index's trade qualification reads the column ${f}, which the ${format === "csv" ? "header does not name (name the columns in a header line: time,source,price,volume,…)" : "row does not have"}`,
    );
  /** Reads and keeps the extra fields of a row (`raw[k]` the text of RECORD_FIELDS[k]); false when one is bad. */
  const extras = (raw: readonly unknown[], time: number): boolean => {
    let ok = true;
    const values: (string | number | null)[] = [];
    for (let k = 0; k < RECORD_FIELDS.length; k++) {
      const f = RECORD_FIELDS[k]!;
      if (!kept[k]) continue;
      if (format === "ndjson" && raw[k] === undefined && wanted?.includes(f) === true) {
        missing(f);
        ok = false;
        continue;
      }
      const v = recordValue(f, raw[k], time);
      if ("error" in v) {
        err(f === "reversed_at" ? "invalid-time" : "malformed-row", lineNo, f, v.error);
        ok = false;
      } else values[k] = v.value;
    }
    if (!ok) return false;
    for (let k = 0; k < RECORD_FIELDS.length; k++) {
      const v = values[k];
      if (v === undefined) continue;
      if (record[k] === undefined) {
        if (v === null || (typeof v === "number" && Number.isNaN(v))) continue;
        record[k] = emptyColumn(RECORD_FIELDS[k]!, n);
      }
      (record[k] as (string | number | null)[])[n] = typeof v === "string" && RECORD_FIELDS[k] !== "trade_id" ? intern(v) : v;
    }
    return true;
  };
  /** The fields of a CSV row after volume placed by the layout. */
  const placed = (
    f: readonly string[],
  ): { instrument: string | undefined; part: string | undefined; extra: unknown[] | undefined; tail: string } => {
    let instrument: string | undefined, part: string | undefined;
    const extra: unknown[] | undefined = extended ? RECORD_FIELDS.map(() => undefined) : undefined;
    for (let j = 4; j < f.length; j++) {
      const col = layout[j - 4]!;
      if (col === INSTRUMENT_COLUMN) instrument = f[j];
      else if (col === PART_COLUMN) part = f[j];
      else extra![col - 6] = f[j];
    }
    return { instrument, part, extra, tail: extended ? f.slice(4).join("\u0000") : "" };
  };

  /** Reports a missing or non-string field; true when the field is a non-empty string. */
  const present = (value: unknown, field: "time" | "source" | "price" | "volume", line: number): boolean => {
    if (typeof value === "string" && value !== "") return true;
    const numeric = field === "price" || field === "volume";
    if (value === undefined || value === "") err("missing-field", line, field, `missing ${field}`);
    else
      err(
        numeric ? "invalid-number" : "malformed-row",
        line,
        field,
        `${field} must be a string${numeric ? " (a decimal string, never a JSON number)" : ""}`,
      );
    return false;
  };

  /** Reports a field that is not valid text; true when it is. */
  const text = (value: unknown, field: string, line: number): boolean => {
    if (typeof value !== "string") return true;
    const problem = encodingProblem(value);
    if (problem === undefined) return true;
    err("invalid-encoding", line, field, problem);
    return false;
  };

  /** Room for one more row: the columns and the name codes grow together. */
  const room = (): void => {
    if (n < cols.time.length) return;
    cols = grow(cols, n, n + 1);
    instruments.grow(cols.time.length, n);
    parts.grow(cols.time.length, n);
  };
  const instrumentCode = (name: string): number => instruments.code(name);
  /** One string per distinct value of a record column (side, type, flags, counterparty). */
  const interned = new Map<string, string>();
  const intern = (name: string): string => {
    const known = interned.get(name);
    if (known !== undefined) return known;
    interned.set(name, name);
    return name;
  };
  const partCode = (name: string): number => parts.code(name);

  /**
   * The first line of a CSV file, when it is a header: read (true), or reported when it starts like one but is not
   * (true); without a header, the kept columns cannot be named. False leaves the line to be read as a row.
   */
  const csvHeader = (raw: string): boolean => {
    if (raw.indexOf('"') < 0 && (raw === HEADER_START || raw.startsWith(`${HEADER_START},`))) {
      header(raw.split(","));
      return true;
    }
    if (/^\s*time\s*,/i.test(raw)) {
      err(
        "malformed-row",
        lineNo,
        null,
        `the header must be \`time,source,price,volume\` followed by any of instrument, part, side, trade_id, counterparty, type, flags, reversed_at, not \`${raw.length > 80 ? raw.slice(0, 77) + "..." : raw}\``,
      );
      return true;
    }
    if (wanted !== undefined) {
      headerSeen = true;
      for (const f of wanted) missing(f);
    }
    return false;
  };

  /** A CSV row of the layout with too few or too many fields. */
  const fieldCount = (count: number): void =>
    err("malformed-row", lineNo, null, `expected 4 to ${4 + layout.length} comma-separated fields (${columnsText()}), got ${count}`);

  /** Parses one line (without its line break); `check` asks for the text check of every field. */
  const row = (line: string, check: boolean): void => {
    lineNo++;
    const raw = line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    if (raw.length > MAX_LINE_LENGTH) return tooLong();
    if (raw.length === 0 || (raw.charCodeAt(0) <= 32 && raw.trim() === "")) return;
    if (format === undefined) format = raw.trimStart().startsWith("{") ? "ndjson" : "csv";
    let time: unknown, source: unknown, price: unknown, volume: unknown, instrument: unknown, part: unknown;
    /** The extra fields of the row by RECORD_FIELDS (undefined when the row has none of them). */
    let extra: unknown[] | undefined;
    /** The extra fields joined, for the duplicate test. */
    let tail = "";
    if (format === "csv") {
      const headerLine = n === 0 && errors.length === 0 && !headerSeen;
      if (headerLine && csvHeader(raw)) return;
      // A line with a double quote takes the RFC 4180 slow path, a line of an extended layout is split; any other
      // keeps the fast path below.
      const quoted = raw.indexOf('"') >= 0;
      if (quoted || extended) {
        let f: readonly string[];
        if (quoted) {
          const q = splitQuotedCsv(raw);
          if (!q.ok) {
            err("invalid-quote", lineNo, fieldName(COLUMNS, q.field), q.message);
            return;
          }
          f = q.fields;
          if (headerLine && f.every((x) => x.indexOf(",") < 0) && f.slice(0, 4).join(",") === HEADER_START) return header(f);
        } else f = raw.split(",");
        if (f.length < 4 || f.length > 4 + layout.length) return fieldCount(f.length);
        [time, source, price, volume] = f;
        ({ instrument, part, extra, tail } = placed(f));
      } else {
        // The commas by indexOf: no array per row (ten million rows are ten million arrays otherwise).
        const c1 = raw.indexOf(",");
        const c2 = c1 < 0 ? -1 : raw.indexOf(",", c1 + 1);
        const c3 = c2 < 0 ? -1 : raw.indexOf(",", c2 + 1);
        const c4 = c3 < 0 ? -1 : raw.indexOf(",", c3 + 1);
        const c5 = c4 < 0 ? -1 : raw.indexOf(",", c4 + 1);
        if (c3 < 0 || (c5 >= 0 && raw.indexOf(",", c5 + 1) >= 0)) {
          const count = countFields(raw);
          err(
            "malformed-row",
            lineNo,
            null,
            `expected 4 to 6 comma-separated fields (time,source,price,volume[,instrument[,part]]), got ${count}`,
          );
          return;
        }
        time = raw.slice(0, c1);
        source = raw.slice(c1 + 1, c2);
        price = raw.slice(c2 + 1, c3);
        volume = c4 < 0 ? raw.slice(c3 + 1) : raw.slice(c3 + 1, c4);
        instrument = c4 < 0 ? undefined : c5 < 0 ? raw.slice(c4 + 1) : raw.slice(c4 + 1, c5);
        part = c5 < 0 ? undefined : raw.slice(c5 + 1);
      }
    } else {
      const obj = parseJsonRow(raw, FIELDS);
      if (!obj.ok) {
        err(obj.kind, lineNo, obj.field, obj.message);
        return;
      }
      ({ time, source, price, volume, instrument, part } = obj.value);
      const v = obj.value;
      extra = RECORD_FIELDS.map((f) => v[f]);
      tail = extra.map((x) => (typeof x === "string" ? x : "")).join("\u0000");
    }
    // Every field is checked, so a row with several bad fields reports each of them.
    let bad = false;
    // U+FFFD (bytes that were not UTF-8) in a field is refused, never guessed at: looked for when the piece of text
    // has one, or when an NDJSON row has an escape that could spell one.
    if (check || (format === "ndjson" && raw.indexOf("\\") >= 0)) {
      if (!text(time, "time", lineNo)) bad = true;
      if (!text(source, "source", lineNo)) bad = true;
      if (!text(price, "price", lineNo)) bad = true;
      if (!text(volume, "volume", lineNo)) bad = true;
      if (!text(instrument, "instrument", lineNo)) bad = true;
      if (!text(part, "part", lineNo)) bad = true;
      if (extra !== undefined) extra.forEach((x, k) => kept[k] && !text(x, RECORD_FIELDS[k]!, lineNo) && (bad = true));
      if (bad) return;
    }
    bad = !present(time, "time", lineNo);
    if (!present(source, "source", lineNo)) bad = true;
    if (!present(price, "price", lineNo)) bad = true;
    if (!present(volume, "volume", lineNo)) bad = true;
    if (instrument !== undefined && instrument !== null && typeof instrument !== "string") {
      err("malformed-row", lineNo, "instrument", "instrument must be a string");
      bad = true;
    }
    if (part !== undefined && part !== null && typeof part !== "string") {
      err("malformed-row", lineNo, "part", "part must be a string");
      bad = true;
    }
    if (bad) return;
    const t = parseInstantMicros(time as string);
    if (typeof t === "string") {
      err("invalid-time", lineNo, "time", t);
      bad = true;
    }
    const si = sourceNamed(source as string, lineNo);
    if (si === undefined) bad = true;
    const p = parseNonNegativeDecimal(price as string);
    if ("error" in p) {
      err(p.error, lineNo, "price", p.error === "negative-value" ? `negative price ${excerpt(price as string)}` : p.message);
      bad = true;
    }
    const v = parseNonNegativeDecimal(volume as string);
    if ("error" in v) {
      err(v.error, lineNo, "volume", v.error === "negative-value" ? `negative volume ${excerpt(volume as string)}` : v.message);
      bad = true;
    }
    if (bad || typeof t === "string" || "error" in p || "error" in v || si === undefined) return;
    const inst = typeof instrument === "string" && instrument !== "" ? instruments.code(instrument) : 0;
    const pt = typeof part === "string" && part !== "" ? parts.code(part) : 0;
    accept(lineNo, t, time as string, si, p.coefficient, p.scale, v.coefficient, v.scale, inst, pt, extra, tail);
  };

  /** The index of a source name, or undefined after reporting it (unknown to the spec, or one too many). */
  const sourceNamed = (name: string, line: number): number | undefined => {
    let si = sourceIndex.get(name);
    if (si !== undefined) return si;
    if (fixedSources) err("unknown-source", line, "source", `unknown source ${excerpt(name)}; the index's sources are ${names.join(", ")}`);
    else if (names.length >= MAX_SOURCES) err("unknown-source", line, "source", `more than ${MAX_SOURCES} different sources`);
    else {
      si = names.length;
      names.push(name);
      sourceIndex.set(name, si);
    }
    return si;
  };

  /**
   * Adds a row whose fields are all valid (from a line of text, or from a columnar file's values): refused when it
   * is earlier than the previous row or repeats a row at the same time. `timeText` is the time as the text wrote it (absent for a columnar file's).
   */
  const accept = (
    line: number,
    t: number,
    timeText: string | undefined,
    si: number,
    priceCoefficient: number,
    priceScale: number,
    volumeCoefficient: number,
    volumeScale: number,
    inst: number,
    pt: number,
    extra: readonly unknown[] | undefined,
    tail: string,
  ): void => {
    if (t < lastTime) {
      err(
        "unsorted",
        line,
        "time",
        `${excerpt(timeText ?? formatInstantMicros(t))} is earlier than the previous row's time; rows must be in time order`,
      );
      return;
    }
    // Only a row of an extended CSV layout or NDJSON has extra fields (the columns exist for no other).
    if (extra !== undefined && !extras(extra, t)) return;
    room();
    const c = cols;
    c.source[n] = si;
    c.price[n] = priceCoefficient;
    c.priceScales[n] = priceScale;
    c.volume[n] = volumeCoefficient;
    c.volumeScales[n] = volumeScale;
    if (t === lastTime && n > 0) {
      // A second row at the same time: compare it with every accepted row at that time.
      if (sameTimeKeys === null) {
        sameTimeKeys = new Set();
        for (let i = n - 1; i >= 0 && c.time[i] === t; i--) sameTimeKeys.add(rowKey(c, i, instruments.get(i), parts.get(i), tailAt(i)));
      }
      const key = rowKey(c, n, inst, pt, tail);
      if (sameTimeKeys.has(key)) {
        err("duplicate", line, null, `duplicate row: same time, source, price, volume, instrument and part as an earlier row`);
        return;
      }
      sameTimeKeys.add(key);
      timeTails.push(tail);
    } else {
      sameTimeKeys = null;
      lastTime = t;
      timeTails = [tail];
      fastFirst = false;
    }
    c.time[n] = t;
    c.line[n] = line;
    instruments.set(n, inst, cols.time.length);
    parts.set(n, pt, cols.time.length);
    n++;
  };

  /** A line longer than {@link MAX_LINE_LENGTH}: an error, and the end of the reading (the rest is not rows either). */
  const tooLong = (): void => {
    if (!stopped) {
      err(
        "line-too-long",
        lineNo,
        null,
        `the line is longer than ${MAX_LINE_LENGTH} characters, so it is not a row of market data (one row per line, CSV or NDJSON); reading stopped here`,
      );
    }
    stopped = true;
    carry = "";
    carryLength = 0;
  };

  // The byte path: lines are cut in the bytes, and a line of plain ASCII that is a well-formed row in time order is
  // read straight into the columns (`fastRow`); every other line (a header, a byte of 128 or more, a double quote, a
  // bad field, an unknown name, a time equal to or before the last) is decoded and given to `row`, the general
  // per-line parser, which reads and reports it exactly as from text.
  let carryBytes = new Uint8Array(0);
  let carryLength = 0;
  let atStart = true;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const instants = new InstantBytes();
  const sourceNames = new NameTable<number>();
  const instrumentNames = new NameTable<number>();
  const partNames = new NameTable<number>();
  const dec: DecimalOut = { coefficient: 0, scale: 0 };
  /** A line may be this many bytes (UTF-8 has at most 3 bytes per UTF-16 code unit) before it is surely too long. */
  const maxLineBytes = 3 * (MAX_LINE_LENGTH + 1);

  /**
   * A known name's value; else, for a field of ASCII without a double quote, the text's, remembered on its bytes when
   * `lookup` knows it; undefined sends the line to `row`.
   */
  const named = <T>(table: NameTable<T>, b: Uint8Array, s: number, e: number, lookup: (name: string) => T | undefined): T | undefined => {
    const known = table.find(b, s, e);
    if (known !== undefined) return known;
    for (let i = s; i < e; i++) if (b[i]! >= 128 || b[i] === 34) return undefined;
    const value = lookup(asciiText(b, s, e));
    if (value !== undefined) table.add(b, s, e, value);
    return value;
  };

  const sourceOf = (name: string): number | undefined => sourceIndex.get(name);

  // The extra fields of a row of an extended layout as `fastExtras` read them, kept by `keepFast` once the row is taken.
  const recordNames = RECORD_FIELDS.map(() => new NameTable<string>());
  const reversals = new InstantBytes();
  const pending = {
    instrument: 0,
    part: 0,
    values: RECORD_FIELDS.map((): string | number | null => null),
  };
  const sideOf = (name: string): string | undefined => (SIDES.includes(name) ? intern(name) : undefined);
  /** The value of kept field k from b[s, e) (not empty), or undefined to leave the row to `row`. */
  const fastValue = (k: number, b: Uint8Array, s: number, e: number, t: number): string | number | undefined => {
    const f = RECORD_FIELDS[k]!;
    if (f === "reversed_at") {
      const r = reversals.read(b, s, e);
      return r >= t ? r : undefined;
    }
    if (f === "trade_id") {
      for (let i = s; i < e; i++) if (b[i]! >= 128 || b[i] === 34) return undefined;
      return asciiText(b, s, e);
    }
    if (f === "flags" && (b[s] === 59 || b[e - 1] === 59)) return undefined;
    if (f === "flags") for (let i = s + 1; i < e; i++) if (b[i] === 59 && b[i - 1] === 59) return undefined;
    return named(recordNames[k]!, b, s, e, f === "side" ? sideOf : intern);
  };
  /** Reads the fields after volume (from the comma at c, or c = e) by the layout; false leaves the row to `row`. */
  const fastExtras = (b: Uint8Array, c: number, e: number, t: number): boolean => {
    pending.instrument = pending.part = 0;
    for (let k = 0; k < RECORD_FIELDS.length; k++) pending.values[k] = RECORD_FIELDS[k] === "reversed_at" ? NaN : null;
    for (let j = 0; c < e; j++) {
      if (j >= layout.length) return false;
      const s0 = c + 1;
      let c2 = s0;
      while (c2 < e && b[c2] !== 44) c2++;
      const col = layout[j]!;
      if (c2 > s0) {
        if (col === INSTRUMENT_COLUMN) {
          const code = named(instrumentNames, b, s0, c2, instrumentCode);
          if (code === undefined) return false;
          pending.instrument = code;
        } else if (col === PART_COLUMN) {
          const code = named(partNames, b, s0, c2, partCode);
          if (code === undefined) return false;
          pending.part = code;
        } else if (kept[col - 6]) {
          const v = fastValue(col - 6, b, s0, c2, t);
          if (v === undefined) return false;
          pending.values[col - 6] = v;
        }
      }
      c = c2;
    }
    return true;
  };
  /** Keeps the extra fields `fastExtras` read for row n, and the bytes after volume for the duplicate test. */
  const keepFast = (b: Uint8Array, c: number, e: number): void => {
    for (let k = 0; k < record.length; k++) {
      const col = record[k];
      if (col !== undefined) (col as (string | number | null)[])[n] = pending.values[k]!;
    }
    const len = c < e ? e - c - 1 : 0;
    if (len > fastTail.length) fastTail = new Uint8Array(len * 2);
    for (let i = 0; i < len; i++) fastTail[i] = b[c + 1 + i]!;
    fastTailLength = len;
  };

  /** Reads the row b[s, e) when it needs none of `row`'s care (see above); false leaves it to `row`, untouched. */
  const fastRow = (b: Uint8Array, s: number, e: number): boolean => {
    if (e > s && b[e - 1] === 13) e--;
    if (format !== "csv" || e - s > MAX_LINE_LENGTH) return false;
    // One pass over the line: each field is read up to the comma that ends it. No byte is checked for itself: a
    // field with a double quote or a byte of 128 or more is no time, no decimal and no name of the tables, so its line
    // goes to `row`.
    let c1 = s;
    while (c1 < e && b[c1] !== 44) c1++;
    if (c1 === e) return false;
    const t = instants.read(b, s, c1);
    if (!(t > lastTime)) return false;
    let c2 = c1 + 1;
    while (c2 < e && b[c2] !== 44) c2++;
    if (c2 === e || c2 === c1 + 1) return false;
    const si = named(sourceNames, b, c1 + 1, c2, sourceOf);
    if (si === undefined) return false;
    const c3 = decimalBytes(b, c2 + 1, e, dec);
    if (c3 < 0 || c3 === e) return false;
    const price = dec.coefficient,
      priceScale = dec.scale;
    const c4 = decimalBytes(b, c3 + 1, e, dec);
    if (c4 < 0) return false;
    let inst: number | undefined = 0,
      pt: number | undefined = 0;
    if (extended) {
      if (!fastExtras(b, c4, e, t)) return false;
      inst = pending.instrument;
      pt = pending.part;
    } else if (c4 < e) {
      let c5 = c4 + 1;
      while (c5 < e && b[c5] !== 44) c5++;
      if (c5 > c4 + 1 && (inst = named(instrumentNames, b, c4 + 1, c5, instrumentCode)) === undefined) return false;
      if (c5 < e) {
        let c6 = c5 + 1;
        while (c6 < e && b[c6] !== 44) c6++;
        if (c6 < e) return false;
        if (e > c5 + 1 && (pt = named(partNames, b, c5 + 1, e, partCode)) === undefined) return false;
      }
    }
    lineNo++;
    room();
    const c = cols;
    c.time[n] = t;
    c.source[n] = si;
    c.price[n] = price;
    c.priceScales[n] = priceScale;
    c.volume[n] = dec.coefficient;
    c.volumeScales[n] = dec.scale;
    c.line[n] = lineNo;
    sameTimeKeys = null;
    lastTime = t;
    if (timeTails.length !== 0) timeTails = [];
    fastFirst = true;
    if (extended) keepFast(b, c4, e);
    instruments.set(n, inst, cols.time.length);
    parts.set(n, pt, cols.time.length);
    n++;
    return true;
  };

  /** One line of bytes (without its line feed): the fast path, else decoded for the general parser. */
  const byteLine = (b: Uint8Array, s: number, e: number): void => {
    if (atStart) {
      atStart = false;
      if (e - s >= 3 && b[s] === 0xef && b[s + 1] === 0xbb && b[s + 2] === 0xbf) s += 3;
    }
    if (!fastRow(b, s, e)) row(decoder.decode(b.subarray(s, e)), true);
  };

  /** Keeps b[s, e) after what is carried (the start of a line that ends in a later piece). */
  const keep = (b: Uint8Array, s: number, e: number): void => {
    const need = carryLength + e - s;
    if (need > carryBytes.length) {
      const next = new Uint8Array(Math.max(need, carryBytes.length * 2, 256));
      next.set(carryBytes.subarray(0, carryLength));
      carryBytes = next;
    }
    carryBytes.set(b.subarray(s, e), carryLength);
    carryLength = need;
  };

  /** The kept extra columns, when the file has any. */
  const recordOf = (): { record?: RecordColumns } => {
    const out: Record<string, unknown> = {};
    RECORD_FIELDS.forEach((f, k) => {
      const col = record[k];
      if (col !== undefined) out[f] = col.length > n ? col.slice(0, n) : col;
    });
    return Object.keys(out).length === 0 ? {} : { record: out as RecordColumns };
  };

  const finish = (): MarketDataResult<Observations> => {
    if (n === 0 && errorCount === 0) err("empty-input", 1, null, "no observations");
    const c = cols;
    const pr = rescaleColumn(c.price, c.priceScales, n);
    if (!pr.ok)
      err(
        "precision-out-of-range",
        c.line[pr.row]!,
        "price",
        "prices with this many decimal places cannot all be held exactly at one scale",
      );
    const vr = rescaleColumn(c.volume, c.volumeScales, n);
    if (!vr.ok)
      err(
        "precision-out-of-range",
        c.line[vr.row]!,
        "volume",
        "volumes with this many decimal places cannot all be held exactly at one scale",
      );
    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      value: {
        length: n,
        time: c.time.subarray(0, n),
        source: c.source.subarray(0, n),
        sources: names,
        price: c.price.subarray(0, n),
        priceScale: pr.scale,
        volume: c.volume.subarray(0, n),
        volumeScale: vr.scale,
        instrument: instruments.column(n),
        ...(parts.column(n) !== null ? { part: parts.column(n) } : {}),
        line: c.line.subarray(0, n),
        ...recordOf(),
      },
    };
  };

  return {
    push(chunk) {
      if (ended !== undefined || stopped) return;
      // One native scan per piece decides whether its rows need the per-field text check.
      const check = NOT_TEXT.test(chunk);
      let start = 0;
      if (carry !== "") {
        const nl = chunk.indexOf("\n");
        // A line is checked for its length before it is joined, so a file without line breaks is never one string.
        if ((nl < 0 ? chunk.length : nl) + carry.length > MAX_LINE_LENGTH + 1) {
          lineNo++;
          return tooLong();
        }
        if (nl < 0) {
          carry += chunk;
          return;
        }
        row(carry + chunk.slice(0, nl), true);
        carry = "";
        start = nl + 1;
      }
      for (;;) {
        const nl = chunk.indexOf("\n", start);
        if (nl < 0) break;
        row(chunk.slice(start, nl), check);
        if (stopped) return;
        start = nl + 1;
      }
      if (chunk.length - start > MAX_LINE_LENGTH + 1) {
        lineNo++;
        return tooLong();
      }
      carry = chunk.slice(start);
    },
    pushBytes(chunk) {
      if (ended !== undefined || stopped) return;
      let start = 0;
      if (carryLength > 0) {
        const nl = chunk.indexOf(10);
        // A line is checked for its length before it is joined, so a file without line breaks is never held whole.
        if ((nl < 0 ? chunk.length : nl) + carryLength > maxLineBytes) {
          lineNo++;
          return tooLong();
        }
        keep(chunk, 0, nl < 0 ? chunk.length : nl);
        if (nl < 0) return;
        byteLine(carryBytes, 0, carryLength);
        carryLength = 0;
        if (stopped) return;
        start = nl + 1;
      }
      for (;;) {
        const nl = chunk.indexOf(10, start);
        if (nl < 0) break;
        byteLine(chunk, start, nl);
        if (stopped) return;
        start = nl + 1;
      }
      if (chunk.length - start > maxLineBytes) {
        lineNo++;
        return tooLong();
      }
      keep(chunk, start, chunk.length);
    },
    end() {
      if (ended === undefined) {
        if (!stopped) {
          if (carryLength > 0 || carry === "") byteLine(carryBytes, 0, carryLength);
          else row(carry, true);
        }
        carry = "";
        carryLength = 0;
        ended = finish();
      }
      return ended;
    },
    pushValues(r) {
      if (ended !== undefined) return;
      group = r.group;
      const si = sourceNamed(r.source, r.row);
      if (si === undefined) return;
      const inst = r.instrument === null || r.instrument === "" ? 0 : instruments.code(r.instrument);
      const pt = r.part === null || r.part === "" ? 0 : parts.code(r.part);
      accept(r.row, r.time, undefined, si, r.priceCoefficient, r.priceScale, r.volumeCoefficient, r.volumeScale, inst, pt, undefined, "");
    },
    fail(kind, at, field, message) {
      group = at.row === 0 ? undefined : at.group;
      err(kind, at.row, field, message);
    },
    get rows() {
      return n;
    },
    get full() {
      return stopped || errors.length >= maxErrors;
    },
  };
}
