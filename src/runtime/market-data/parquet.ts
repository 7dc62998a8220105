/**
 * Observations from a Parquet file (`time`, `source`, `price`, `volume`[, `instrument`[, `part`]] columns, by name; other
 * columns are not read, as with the DuckDB engine, `--engine duckdb`), read row
 * group by row group (one row group's columns in memory at a time) with hyparquet's page decoder, into the same push
 * parser as CSV and NDJSON (`observations.ts`: the same source, time-order and duplicate checks, the same columns).
 *
 * Every value is exact, with no float step: hyparquet's own conversion is bypassed for the columns read here (it
 * turns a DECIMAL into a float64), so a DECIMAL (INT32, INT64, FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY with its scale) is
 * read as its unscaled integer, an integer column as an integer, a string column as the decimal text CSV has; a
 * FLOAT or DOUBLE price or volume is refused (binary floating point holds few decimal prices exactly). A TIMESTAMP
 * column is read in its unit (MILLIS, MICROS, NANOS; the legacy TIMESTAMP_MILLIS and TIMESTAMP_MICROS are UTC) and
 * must be adjusted to UTC (a local timestamp has no offset, which a text time must have too); a string time is read as
 * the ISO 8601 text of CSV. Errors are {@link MarketDataError}s naming the file, the row and its row group (row 0: the
 * file as a whole) and the column; a file that is not Parquet, or that cannot be decoded, is `invalid-parquet`.
 */
import type { Compressors, DecodedArray, FileMetaData, SchemaElement, SchemaTree } from "hyparquet";
import { readColumn } from "hyparquet/src/column.js";
import { DEFAULT_PARSERS } from "hyparquet/src/convert.js";
import { parquetMetadata, parquetSchema } from "hyparquet/src/metadata.js";
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

/** A file read at any position (the CLI's open file). */
export interface RandomAccess {
  readonly size: number;
  /** Fills `buffer` from `position` (less only at the end of the file): how many bytes, or why they could not be read. */
  readAt(buffer: Uint8Array, position: number): number | string;
}

/** Options for {@link readParquetObservations}. */
export interface ParquetOptions extends Omit<ObservationOptions, "format" | "capacity"> {
  /** Decompressors beyond SNAPPY (hyparquet's own), by codec. */
  readonly compressors?: Compressors;
  /** Called after each row group with the bytes read so far. */
  readonly progress?: (bytes: number) => void;
}

/** The largest footer (file metadata) read, in bytes: a footer is a few KiB per row group. */
const MAX_FOOTER = 64 * 1024 * 1024;
/** The largest column chunk read, in bytes (a row group is read whole, one column at a time). */
const MAX_CHUNK = 1024 * 1024 * 1024;
/** How a column's values become a field: the decoder's schema element (hyparquet's conversion off) and a reader. */
interface Plan {
  readonly name: Column;
  /** The schema's root and the column, the column with {@link element}. */
  readonly schemaPath: SchemaTree[];
  readonly element: SchemaElement;
  /** Strings decoded from UTF-8 by hyparquet (names, decimal and time text); false keeps bytes (a binary DECIMAL). */
  readonly utf8: boolean;
  readonly read: FieldReader;
}

/** Reads observations from a Parquet file; never throws. */
export function readParquetObservations(file: RandomAccess, options: ParquetOptions): MarketDataResult<Observations> {
  const metadata = footer(file);
  const parser = createObservationParser({
    file: options.file,
    ...(options.sources !== undefined ? { sources: options.sources } : {}),
    ...(options.maxErrors !== undefined ? { maxErrors: options.maxErrors } : {}),
    capacity: typeof metadata === "string" ? 1 : Math.min(Number(metadata.num_rows), 2 ** 31) + 1,
  });
  const place = { row: 0, group: 0 };
  if (typeof metadata === "string") {
    parser.fail("invalid-parquet", place, null, metadata);
    return parser.end();
  }
  // The trade record's extra columns (record.ts) are read from CSV and NDJSON only: a rule reading one is refused here,
  // never applied to no column.
  if (options.fields !== undefined && options.fields.length > 0) {
    for (const f of options.fields)
      parser.fail(
        "missing-field",
        place,
        f,
        `the index's trade qualification reads the column ${f}, which is not read from a Parquet file (the trade record's columns are read from CSV or NDJSON)`,
      );
    return parser.end();
  }
  const plans = planColumns(metadata, parser);
  if (plans === undefined) return parser.end();
  let firstRow = 0;
  let bytes = 0;
  for (let g = 0; g < metadata.row_groups.length && !parser.full; g++) {
    const group = metadata.row_groups[g]!;
    const rows = Number(group.num_rows);
    const at = { row: firstRow + 1, group: g + 1 };
    const columns: DecodedArray[] = [];
    for (const plan of plans) {
      const data = readChunk(file, metadata, g, plan, options.compressors);
      if (typeof data === "string" || data.length !== rows) {
        parser.fail(
          "invalid-parquet",
          at,
          plan.name,
          typeof data === "string" ? data : `the column has ${data.length} values for ${rows} rows`,
        );
        return parser.end();
      }
      columns.push(data);
    }
    const out: ValuesRow = {
      ...at,
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
      fail(kind, field, message) {
        parser.fail(kind, out, field, message);
        return false;
      },
    };
    for (let i = 0; i < rows && !parser.full; i++) {
      out.row = firstRow + i + 1;
      let ok = true;
      for (let k = 0; k < plans.length; k++) if (!plans[k]!.read(columns[k]![i], out, sink)) ok = false;
      if (ok) parser.pushValues(out);
    }
    firstRow += rows;
    for (const c of group.columns) bytes += Number(c.meta_data?.total_compressed_size ?? 0);
    options.progress?.(bytes);
  }
  return parser.end();
}

/** The file's metadata, or why it is not a Parquet file that can be read. */
function footer(file: RandomAccess): FileMetaData | string {
  if (file.size < 12) return "not a Parquet file: too short";
  const tail = new Uint8Array(8);
  const read = file.readAt(tail, file.size - 8);
  if (typeof read === "string") return read;
  const magic = String.fromCharCode(tail[4]!, tail[5]!, tail[6]!, tail[7]!);
  if (magic === "PARE") return "an encrypted Parquet file; it cannot be read";
  if (magic !== "PAR1") return "not a Parquet file: it does not end with PAR1";
  const length = new DataView(tail.buffer).getUint32(0, true);
  if (length > file.size - 12 || length > MAX_FOOTER) return `not a Parquet file: its footer claims ${length} bytes`;
  const bytes = new Uint8Array(length + 8);
  const got = file.readAt(bytes, file.size - length - 8);
  if (typeof got === "string") return got;
  try {
    return parquetMetadata(bytes);
  } catch (e) {
    return `the file's metadata cannot be decoded: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Plans the columns the file must have and may have; undefined after reporting what is missing or refused. */
function planColumns(metadata: FileMetaData, parser: ObservationParser): Plan[] | undefined {
  const root = parquetSchema(metadata);
  const names = root.children.map((c) => c.element.name);
  const place = { row: 0, group: 0 };
  let bad = false;
  const plans: Plan[] = [];
  for (const name of COLUMNS) {
    const tree = root.children.find((c) => c.element.name === name);
    if (tree === undefined) {
      if ((REQUIRED as readonly string[]).includes(name)) {
        parser.fail("missing-field", place, name, `the file has no column ${name}; its columns are ${names.join(", ")}`);
        bad = true;
      }
      continue;
    }
    const plan = planColumn(name, root, tree);
    if (typeof plan === "string") {
      parser.fail(
        name === "time" ? "invalid-time" : name === "price" || name === "volume" ? "invalid-number" : "malformed-row",
        place,
        name,
        plan,
      );
      bad = true;
    } else plans.push(plan);
  }
  return bad ? undefined : plans;
}

/** A column's plan, or why its type is refused. */
function planColumn(name: Column, root: SchemaTree, tree: SchemaTree): Plan | string {
  const e = tree.element;
  if (tree.children.length > 0 || e.repetition_type === "REPEATED")
    return `${name} must be a column of single values, not a nested or repeated one`;
  const type = e.type;
  const logical = e.logical_type;
  const isText =
    type === "BYTE_ARRAY" &&
    (e.converted_type === "UTF8" || logical?.type === "STRING" || (e.converted_type === undefined && logical === undefined));
  // The element without its annotations: hyparquet then hands over the stored integers and bytes as they are.
  const raw: SchemaElement = {
    name: e.name,
    ...(type !== undefined ? { type } : {}),
    ...(e.type_length !== undefined ? { type_length: e.type_length } : {}),
    ...(e.repetition_type !== undefined ? { repetition_type: e.repetition_type } : {}),
  };
  const element = isText ? e : raw;
  const plan = (read: FieldReader): Plan => ({ name, schemaPath: [root, { ...tree, element }], element, utf8: isText, read });
  const what = `${type ?? "untyped"}${logical !== undefined ? ` (${logical.type})` : e.converted_type !== undefined ? ` (${e.converted_type})` : ""}`;
  if (name === "time") {
    if (isText) return plan(textTime);
    const unit =
      logical?.type === "TIMESTAMP"
        ? logical.unit
        : e.converted_type === "TIMESTAMP_MILLIS"
          ? "MILLIS"
          : e.converted_type === "TIMESTAMP_MICROS"
            ? "MICROS"
            : undefined;
    if (type !== "INT64" || unit === undefined)
      return `time is a ${what} column; it must be a TIMESTAMP (MILLIS, MICROS or NANOS, adjusted to UTC) or ISO 8601 text`;
    if (logical?.type === "TIMESTAMP" && !logical.isAdjustedToUTC)
      return "time is a TIMESTAMP not adjusted to UTC (a local time without an offset); write it as a TIMESTAMP adjusted to UTC (TIMESTAMPTZ) or as ISO 8601 text with an offset";
    return plan(timestamp(unit));
  }
  if (name === "price" || name === "volume") {
    if (type === "FLOAT" || type === "DOUBLE")
      return `${name} is a ${type} column: binary floating point does not hold decimal prices and volumes exactly (0.1 is 0.1000000000000000055…), so it is refused; write it as a DECIMAL or as decimal text`;
    if (isText) return plan(textDecimal(name));
    const scale =
      e.converted_type === "DECIMAL" || logical?.type === "DECIMAL" ? (logical?.type === "DECIMAL" ? logical.scale : (e.scale ?? 0)) : 0;
    const decimal = scale > 0 || e.converted_type === "DECIMAL" || logical?.type === "DECIMAL";
    const unsigned = logical?.type === "INTEGER" ? !logical.isSigned : e.converted_type === "UINT_32" || e.converted_type === "UINT_64";
    if ((type === "INT32" || type === "INT64") && (decimal || logical === undefined || logical.type === "INTEGER"))
      return plan(integer(name, scale, unsigned));
    if ((type === "FIXED_LEN_BYTE_ARRAY" || type === "BYTE_ARRAY") && decimal) return plan(integer(name, scale, false));
    return `${name} is a ${what} column; it must be a DECIMAL, an integer or decimal text`;
  }
  if (!isText) return `${name} is a ${what} column; it must be text (a UTF-8 string)`;
  return plan(nameField(name));
}

/** Reads column `plan` of row group `g` whole: its values (null for a null), or why it cannot be read. */
function readChunk(
  file: RandomAccess,
  metadata: FileMetaData,
  g: number,
  plan: Plan,
  compressors: Compressors | undefined,
): DecodedArray | string {
  const group = metadata.row_groups[g]!;
  const chunk = group.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === plan.name);
  const meta = chunk?.meta_data;
  if (chunk === undefined || meta === undefined) return "the row group has no chunk of this column";
  if (chunk.file_path !== undefined) return `the column's data is in another file (${excerpt(chunk.file_path)}), which is not read`;
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const length = Number(meta.total_compressed_size);
  if (!(start >= 0 && length >= 0 && start + length <= file.size) || length > MAX_CHUNK) return "the column chunk lies outside the file";
  const bytes = new Uint8Array(length);
  const got = file.readAt(bytes, start);
  if (typeof got === "string") return got;
  const decoder: Parameters<typeof readColumn>[2] = {
    pathInSchema: [plan.name],
    type: meta.type,
    element: plan.element,
    schemaPath: plan.schemaPath,
    codec: meta.codec,
    parsers: DEFAULT_PARSERS,
    ...(compressors !== undefined ? { compressors } : {}),
    utf8: plan.utf8,
  };
  try {
    const rows = Number(group.num_rows);
    const { data } = readColumn(
      { view: new DataView(bytes.buffer), offset: 0 },
      { groupStart: 0, groupRows: rows, selectStart: 0, selectEnd: rows },
      decoder,
    );
    if (data.length === 1) return data[0]!;
    const all: unknown[] = [];
    for (const d of data) for (let i = 0; i < d.length; i++) all.push(d[i]);
    return all;
  } catch (e) {
    return `the column cannot be decoded: ${e instanceof Error ? e.message : String(e)}`;
  }
}
