/**
 * Observations from an Arrow IPC file or stream (`time`, `source`, `price`, `volume`[, `instrument`[, `part`]] columns,
 * by name; other columns are not read), with apache-arrow's reader, one record batch at a time, into the same push
 * parser as CSV, NDJSON and Parquet (`observations.ts`: the same source, time-order and duplicate checks, the same
 * columns) through the same field readers as Parquet (`columnar.ts`).
 *
 * The file format (`ARROW1`, also Feather version 2) is read by its footer: each record batch is read from its place
 * in the file when the reader comes to it. The stream format is read in 1 MiB pieces. Every value is exact, with no
 * float step: a Decimal (128 or 256 bits) is read as its unscaled integer from its words, an integer column as an
 * integer, a string column as the decimal text CSV has; a Float price or volume is refused. A Timestamp column must
 * have the time zone UTC (a timestamp without a zone is a local time, which a text time may not be either); a string
 * time is read as the ISO 8601 text of CSV. Errors are {@link MarketDataError}s naming the file, the row and its record
 * batch (row 0: the file as a whole) and the column; a file that is not Arrow, or that cannot be decoded, is
 * `invalid-arrow`.
 */
import { Footer } from "apache-arrow/ipc/metadata/file";
import {
  type Data,
  type DataType,
  type Field,
  type RecordBatch,
  type RecordBatchStreamReader,
  type Schema,
  RecordBatchReader,
  Table,
  Type,
  tableToIPC,
} from "apache-arrow";
import { excerpt } from "../numbers/decimal.js";
import type { MarketDataResult } from "./common.js";
import {
  type Column,
  type FailSink,
  type FieldReader,
  COLUMNS,
  REQUIRED,
  integer,
  nameField,
  textDecimal,
  textTime,
  timestamp,
} from "./columnar.js";
import {
  type ObservationOptions,
  type ObservationParser,
  type Observations,
  type ValuesRow,
  createObservationParser,
} from "./observations.js";
import type { RandomAccess } from "./parquet.js";

/** Options for {@link readArrowObservations}. */
export interface ArrowOptions extends Omit<ObservationOptions, "format" | "capacity"> {
  /** Called after each record batch with the bytes read so far. */
  readonly progress?: (bytes: number) => void;
}

/** The magic bytes that open and close an Arrow IPC file. */
const MAGIC = "ARROW1";
/** The largest footer read, in bytes, and the largest message (a record batch with its metadata). */
const MAX_FOOTER = 64 * 1024 * 1024;
const MAX_BLOCK = 1024 * 1024 * 1024;
const PIECE = 1 << 20;
/** The time zones a Timestamp column may have (UTC by any of its usual names). */
const UTC_ZONES: ReadonlySet<string> = new Set(["UTC", "Etc/UTC", "+00:00", "Z"]);

/** How a column's values become a field: a value accessor for a batch's column, and a field reader. */
interface Plan {
  readonly name: Column;
  /** The column's index in the schema. */
  readonly index: number;
  /** The value of row i of a batch's column (null for a null), as the reader takes it. */
  readonly values: (data: Data) => (i: number) => unknown;
  readonly read: FieldReader;
}

/** Reads observations from an Arrow IPC file or stream; never throws. */
export function readArrowObservations(file: RandomAccess, options: ArrowOptions): MarketDataResult<Observations> {
  const parser = createObservationParser({
    file: options.file,
    ...(options.sources !== undefined ? { sources: options.sources } : {}),
    ...(options.maxErrors !== undefined ? { maxErrors: options.maxErrors } : {}),
    capacity: Math.max(1, Math.min(Math.ceil(file.size / 24), 2 ** 26)),
    columnar: "arrow",
  });
  const place = { row: 0, group: 0 };
  if (options.fields !== undefined && options.fields.length > 0) {
    for (const f of options.fields)
      parser.fail(
        "missing-field",
        place,
        f,
        `the index's trade qualification reads the column ${f}, which is not read from an Arrow file (the trade record's columns are read from CSV or NDJSON)`,
      );
    return parser.end();
  }
  const source = messages(file);
  if (typeof source === "string") {
    parser.fail("invalid-arrow", place, null, source);
    return parser.end();
  }
  let reader: RecordBatchStreamReader;
  try {
    // The pieces never start with the file magic (a file is given by its messages), so this is a stream reader.
    reader = RecordBatchReader.from(source.pieces) as RecordBatchStreamReader;
    reader.open();
  } catch (e) {
    parser.fail("invalid-arrow", place, null, `the file's schema cannot be decoded: ${message(e)}`);
    return parser.end();
  }
  const plans = planColumns(reader.schema, parser);
  if (plans === undefined) return parser.end();
  const read = readBatches(reader, plans, parser, () => options.progress?.(source.bytes()));
  // A message that cannot be framed ends apache-arrow's reader as the end of the stream would: a file's footer says
  // how many record batches there are, so fewer is an error, never fewer rows.
  if (read !== undefined && source.batches !== undefined && read.batches < source.batches && !parser.full)
    parser.fail(
      "invalid-arrow",
      { row: read.rows + 1, group: read.batches + 1 },
      null,
      `the file's footer lists ${source.batches} record batches, and only ${read.batches} could be read: a record batch is damaged`,
    );
  return parser.end();
}

/** Reads every record batch into the parser, one at a time: the batches and rows read, or undefined after an error. */
function readBatches(
  reader: RecordBatchStreamReader,
  plans: readonly Plan[],
  parser: ObservationParser,
  progress: () => void,
): { batches: number; rows: number } | undefined {
  let firstRow = 0;
  for (let b = 1; ; b++) {
    if (parser.full) return undefined;
    let next: IteratorResult<RecordBatch>;
    try {
      next = reader.next();
    } catch (e) {
      parser.fail("invalid-arrow", { row: firstRow + 1, group: b }, null, `the record batch cannot be decoded: ${message(e)}`);
      return undefined;
    }
    if (next.done === true) return { batches: b - 1, rows: firstRow };
    const batch = next.value;
    const out: ValuesRow = {
      row: firstRow + 1,
      group: b,
      time: 0,
      source: "",
      priceCoefficient: 0,
      priceScale: 0,
      volumeCoefficient: 0,
      volumeScale: 0,
      instrument: null,
      part: null,
    };
    const sink: FailSink = {
      fail(kind, field, text) {
        parser.fail(kind, out, field, text);
        return false;
      },
    };
    const columns = plans.map((p) => p.values(batch.data.children[p.index]!));
    const rows = batch.numRows;
    for (let i = 0; i < rows && !parser.full; i++) {
      out.row = firstRow + i + 1;
      let ok = true;
      for (let k = 0; k < plans.length; k++) if (!plans[k]!.read(columns[k]!(i), out, sink)) ok = false;
      if (ok) parser.pushValues(out);
    }
    firstRow += rows;
    progress();
  }
}

function message(e: unknown): string {
  return excerpt(e instanceof Error ? e.message : String(e));
}

/** The file's IPC messages as pieces of bytes for apache-arrow's stream reader, or why the file is not Arrow. */
function messages(file: RandomAccess): { pieces: Iterable<Uint8Array>; bytes: () => number; batches?: number } | string {
  const head = new Uint8Array(Math.min(8, file.size));
  const got = file.readAt(head, 0);
  if (typeof got === "string") return got;
  if (file.size === 0) return "not an Arrow file: it is empty";
  let done = 0;
  const bytes = (): number => done;
  if (String.fromCharCode(...head.subarray(0, 6)) !== MAGIC) {
    // The stream format: the file's bytes in order.
    const pieces = function* (): Generator<Uint8Array> {
      for (let at = 0; at < file.size; at += PIECE) {
        const piece = new Uint8Array(Math.min(PIECE, file.size - at));
        const n = file.readAt(piece, at);
        if (typeof n === "string") throw new Error(n);
        done = at + n;
        yield piece.subarray(0, n);
      }
    };
    return { pieces: pieces(), bytes };
  }
  const footer = readFooter(file);
  if (typeof footer === "string") return footer;
  // The file format: its schema (from the footer), then each dictionary and record batch read from its block.
  const pieces = function* (): Generator<Uint8Array> {
    const schema = tableToIPC(new Table(footer.schema), "stream");
    yield schema.subarray(0, schema.length - 8); // without its end-of-stream marker
    const blocks = [...footer.dictionaryBatches(), ...footer.recordBatches()];
    for (const block of blocks) {
      if (block === null) continue;
      const start = Number(block.offset);
      const length = block.metaDataLength + Number(block.bodyLength);
      if (!(start >= 0 && length >= 0 && start + length <= file.size) || length > MAX_BLOCK)
        throw new Error("a record batch lies outside the file");
      const piece = new Uint8Array(length);
      const n = file.readAt(piece, start);
      if (typeof n === "string") throw new Error(n);
      done += n;
      yield piece;
    }
  };
  return { pieces: pieces(), bytes, batches: footer.numRecordBatches };
}

/** The footer of an Arrow IPC file, or why it cannot be read. */
function readFooter(file: RandomAccess): Footer | string {
  if (file.size < 18) return "not an Arrow file: too short";
  const tail = new Uint8Array(10);
  const got = file.readAt(tail, file.size - 10);
  if (typeof got === "string") return got;
  if (String.fromCharCode(...tail.subarray(4)) !== MAGIC) return "not an Arrow file: it starts with ARROW1 but does not end with it";
  const length = new DataView(tail.buffer).getInt32(0, true);
  if (!(length > 0 && length <= file.size - 18 && length <= MAX_FOOTER)) return `not an Arrow file: its footer claims ${length} bytes`;
  const bytes = new Uint8Array(length);
  const read = file.readAt(bytes, file.size - 10 - length);
  if (typeof read === "string") return read;
  try {
    return Footer.decode(bytes);
  } catch (e) {
    return `the file's footer cannot be decoded: ${message(e)}`;
  }
}

/** Plans the columns the file must have and may have; undefined after reporting what is missing or refused. */
function planColumns(schema: Schema, parser: ObservationParser): Plan[] | undefined {
  const names = schema.fields.map((f) => f.name);
  const place = { row: 0, group: 0 };
  let bad = false;
  const plans: Plan[] = [];
  for (const name of COLUMNS) {
    const index = names.indexOf(name);
    if (index < 0) {
      if ((REQUIRED as readonly string[]).includes(name)) {
        parser.fail("missing-field", place, name, `the file has no column ${name}; its columns are ${names.join(", ")}`);
        bad = true;
      }
      continue;
    }
    const plan = planColumn(name, index, schema.fields[index]!);
    if (typeof plan === "string") {
      const kind = name === "time" ? "invalid-time" : name === "price" || name === "volume" ? "invalid-number" : "malformed-row";
      parser.fail(kind, place, name, plan);
      bad = true;
    } else plans.push(plan);
  }
  return bad ? undefined : plans;
}

/** True for a column of UTF-8 strings (plain, large, or dictionary-encoded strings). */
function isText(type: DataType): boolean {
  const t = type.typeId;
  if (t === Type.Dictionary) return isText((type as unknown as { dictionary: DataType }).dictionary);
  return t === Type.Utf8 || t === Type.LargeUtf8;
}

/** A column's plan, or why its type is refused. */
function planColumn(name: Column, index: number, field: Field): Plan | string {
  const type = field.type;
  const plan = (values: Plan["values"], read: FieldReader): Plan => ({ name, index, values, read });
  if (name === "time") {
    if (isText(type)) return plan(texts, textTime);
    if (type.typeId !== Type.Timestamp)
      return `time is a ${String(type)} column; it must be a Timestamp with the time zone UTC, or ISO 8601 text`;
    const { unit, timezone } = type as unknown as { unit: number; timezone?: string | null };
    if (timezone === null || timezone === undefined || timezone === "")
      return "time is a Timestamp without a time zone (a local time without an offset); write it as a Timestamp with the time zone UTC or as ISO 8601 text with an offset";
    if (!UTC_ZONES.has(timezone))
      return `time is a Timestamp with the time zone ${excerpt(timezone)}; only UTC is read: write the instants with the time zone UTC, or as ISO 8601 text with an offset`;
    // TimeUnit: SECOND 0, MILLISECOND 1, MICROSECOND 2, NANOSECOND 3.
    if (unit === 0) return plan(int64s(1000), timestamp("MILLIS"));
    return plan(int64s(1), timestamp(unit === 1 ? "MILLIS" : unit === 2 ? "MICROS" : "NANOS"));
  }
  if (name === "price" || name === "volume") {
    const t = type.typeId;
    if (t === Type.Float)
      return `${name} is a ${String(type)} column: binary floating point does not hold decimal prices and volumes exactly (0.1 is 0.1000000000000000055…), so it is refused; write it as a Decimal or as decimal text`;
    if (isText(type)) return plan(texts, textDecimal(name));
    if (t === Type.Decimal) {
      const { scale, bitWidth } = type as unknown as { scale: number; bitWidth: number };
      if (scale < 0) return `${name} is a ${String(type)} column with a negative scale; write it with a scale of 0 or more`;
      return plan(decimals(bitWidth / 32), integer(name, scale, false));
    }
    if (t === Type.Int) {
      const { bitWidth } = type as unknown as { bitWidth: number };
      return plan(bitWidth === 64 ? int64s(1) : numbers, integer(name, 0, false));
    }
    return `${name} is a ${String(type)} column; it must be a Decimal, an integer or decimal text`;
  }
  if (!isText(type)) return `${name} is a ${String(type)} column; it must be text (a UTF-8 string)`;
  return plan(texts, nameField(name));
}

/** True when row i of a column is null. */
function isNull(data: Data, i: number): boolean {
  return data.nullCount > 0 && !data.getValid(i);
}

/** The values of a text column, as strings (a dictionary's strings decoded once each). */
function texts(data: Data): (i: number) => unknown {
  if (data.type.typeId === Type.Dictionary && data.dictionary !== undefined) {
    const dictionary = data.dictionary;
    const decoded = new Map<number, unknown>();
    const keys = data.values as ArrayLike<number | bigint>;
    return (i) => {
      if (isNull(data, i)) return null;
      const k = Number(keys[i]);
      let v = decoded.get(k);
      if (v === undefined && !decoded.has(k)) decoded.set(k, (v = dictionary.get(k)));
      return v;
    };
  }
  return (i) => (isNull(data, i) ? null : getText(data, i));
}

const decoder = new TextDecoder("utf-8");

/** Row i of a Utf8 or LargeUtf8 column (its offsets index its bytes). */
function getText(data: Data, i: number): string {
  const offsets = data.valueOffsets as ArrayLike<number | bigint>;
  const bytes = data.values as Uint8Array;
  return decoder.decode(bytes.subarray(Number(offsets[i]), Number(offsets[i + 1])));
}

/** The values of an integer column of at most 32 bits, as numbers. */
function numbers(data: Data): (i: number) => unknown {
  const values = data.values as ArrayLike<number>;
  return (i) => (isNull(data, i) ? null : values[i]);
}

/**
 * The values of a 64-bit integer column (a Timestamp, an Int64 or UInt64) times `factor`: a number when it is a
 * safe integer, read from its two 32-bit words without a BigInt, else a bigint.
 */
function int64s(factor: number): (data: Data) => (i: number) => unknown {
  return (data) => {
    const values = data.values as BigInt64Array | BigUint64Array;
    const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
    const unsigned = values instanceof BigUint64Array;
    return (i) => {
      if (isNull(data, i)) return null;
      const low = words[2 * i]! >>> 0;
      const high = words[2 * i + 1]!;
      if (high >= -0x200000 && high < 0x200000 && !(unsigned && high < 0)) {
        const v = high * 4294967296 + low;
        if (factor === 1 || Number.isSafeInteger(v * factor)) return v * factor;
      }
      return values[i]! * BigInt(factor);
    };
  };
}

/** The values of a Decimal column of `stride` 32-bit words per value (little-endian, two's complement) as integers. */
function decimals(stride: number): (data: Data) => (i: number) => unknown {
  return (data) => {
    const words = data.values as Uint32Array;
    return (i) => {
      if (isNull(data, i)) return null;
      const at = i * stride;
      let rest = 0;
      for (let k = 2; k < stride; k++) rest |= words[at + k]!;
      if (rest === 0 && words[at + 1]! < 0x200000) return words[at + 1]! * 4294967296 + words[at]!;
      let big = 0n;
      for (let k = stride - 1; k >= 0; k--) big = (big << 32n) | BigInt(words[at + k]!);
      return words[at + stride - 1]! >= 0x80000000 ? big - (1n << BigInt(stride * 32)) : big;
    };
  };
}
