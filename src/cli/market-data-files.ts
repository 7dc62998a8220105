/**
 * Market-data files for `termsheet settle` and `termsheet index`: observations are streamed from the file in
 * 1 MiB pieces of bytes into the runtime's push parser (which reads plain rows from the bytes and decodes any other
 * line as UTF-8, a leading byte-order mark dropped), so a file of 10 million rows is never held as one string; fixings files are small and read whole, up to
 * {@link MAX_FIXINGS_BYTES}. Bytes that are not UTF-8 decode to U+FFFD, which the parsers refuse. A file that cannot
 * be read, a file too large, and every malformed row become error lines `file:line: field: message`, with a hint.
 */
import { INPUT_PRECISION } from "../runtime/numbers/decimal.js";
import {
  MAX_LINE_LENGTH,
  YEARS,
  createObservationParser,
  formatMarketDataError,
  parseDealerQuotes,
  parseFixings,
  type DealerQuote,
  type Fixing,
  type MarketDataError,
  type Observations,
} from "../runtime/market-data/index.js";
import { readParquetObservations } from "../runtime/market-data/parquet.js";
import { readArrowObservations } from "../runtime/market-data/arrow.js";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { nearPath } from "./inputs.js";
import type { Progress } from "./progress.js";
import type { RecordField } from "../runtime/market-data/record.js";
import type { System } from "./system.js";

/** The rows of a file, or the lines of text that say why not. */
export type FileOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly lines: readonly string[] };

const CHUNK = 1 << 20;

/** A Parquet file, by its extension `.parquet`. */
function isParquet(path: string): boolean {
  return path.toLowerCase().endsWith(".parquet");
}

/** An Arrow IPC file or stream, by its extension: `.arrow`, `.arrows` (a stream), `.feather` (Feather 2 is Arrow IPC), `.ipc`. */
export function isArrow(path: string): boolean {
  return /\.(arrow|arrows|feather|ipc)$/i.test(path);
}

/** The columnar formats read for observations only, by extension: the name said in errors about other inputs. */
function columnarFormat(path: string): "Parquet" | "Arrow" | undefined {
  return isParquet(path) ? "Parquet" : isArrow(path) ? "Arrow" : undefined;
}

/** The decompressors of Parquet pages beyond hyparquet's SNAPPY: GZIP and BROTLI, by Node's zlib. */
const COMPRESSORS = {
  GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(brotliDecompressSync(input)),
};

/** `csv` or `ndjson` by the file's extension; undefined lets the parser look at the first character. */
function formatOf(path: string): "csv" | "ndjson" | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return "ndjson";
  return undefined;
}

function cannotRead(path: string, reason: string, sys: System): FileOutcome<never> {
  const hint = nearPath(path, sys, (e) => e.kind === "file") ?? "paths are relative to the current folder";
  return { ok: false, lines: [`error: cannot read \`${path}\`: ${reason}`, `hint: ${hint}`] };
}

/** Error lines for the parser's errors, with a hint for the first kind of error. */
function rowErrors(errors: readonly MarketDataError[], what: string, columns: string): FileOutcome<never> {
  const lines = errors.map((e) => `error: ${formatMarketDataError(e)}`);
  const first = errors[0]!;
  const hint =
    first.kind === "unknown-source"
      ? "the rows must name sources of the spec's indices"
      : first.kind === "unsorted" || first.kind === "duplicate"
        ? `${what} must be in time order, each row once`
        : first.kind === "empty-input"
          ? `the file has no ${what}`
          : first.kind === "invalid-encoding"
            ? "market data is UTF-8 text; convert the file to UTF-8 (e.g. with iconv) rather than have its bytes guessed"
            : first.kind === "precision-out-of-range"
              ? `numbers have at most ${INPUT_PRECISION.digits} significant digits and ${INPUT_PRECISION.scale} decimal places`
              : first.kind === "unknown-status"
                ? "a fixing's status is published, final, corrected or held (or empty, meaning published)"
                : first.kind === "line-too-long"
                  ? `a row is one line of at most ${MAX_LINE_LENGTH} characters; is this a CSV or NDJSON file with one row per line?`
                  : first.kind === "invalid-parquet"
                    ? "a Parquet file of observations has the columns time, source, price, volume[, instrument[, part]], uncompressed or compressed with SNAPPY, GZIP or BROTLI (see grammar/README.md, Market data)"
                    : first.kind === "invalid-arrow"
                      ? "an Arrow file of observations (IPC file or stream, uncompressed) has the columns time, source, price, volume[, instrument[, part]] (see README.md, settle and index)"
                      : first.kind === "invalid-quote"
                        ? 'a CSV field is either unquoted or quoted whole ("…", RFC 4180) on one line, with a quote inside it doubled ("")'
                        : `each row is \`${columns}\` (CSV, or NDJSON objects with these fields, each once); times are ISO 8601 with an offset (years ${YEARS.min} to ${YEARS.max}), numbers are decimal strings`;
  return { ok: false, lines: [...lines, `hint: ${hint}`] };
}

/** Streams an observations file through the push parser, reporting bytes read to `progress`. */
export function readObservationsFile(
  path: string,
  sources: readonly string[] | undefined,
  sys: System,
  progress?: Progress,
  fields?: readonly RecordField[],
): FileOutcome<Observations> {
  const opened = sys.openFile(path);
  if (!opened.ok) return cannotRead(path, opened.reason, sys);
  const file = opened.value;
  try {
    if (isParquet(path)) {
      const result = readParquetObservations(
        {
          size: file.size,
          readAt: (buffer, position) => {
            const r = file.readAt(buffer, position);
            return r.ok ? r.value : r.reason;
          },
        },
        {
          file: path,
          ...(sources !== undefined ? { sources } : {}),
          ...(fields !== undefined ? { fields } : {}),
          compressors: COMPRESSORS,
          ...(progress !== undefined ? { progress: (done: number) => progress.update(done, Math.max(file.size, done)) } : {}),
        },
      );
      return result.ok ? result : rowErrors(result.errors, "observations", "time,source,price,volume[,instrument[,part]]");
    }
    if (isArrow(path)) {
      const result = readArrowObservations(
        {
          size: file.size,
          readAt: (buffer, position) => {
            const r = file.readAt(buffer, position);
            return r.ok ? r.value : r.reason;
          },
        },
        {
          file: path,
          ...(sources !== undefined ? { sources } : {}),
          ...(fields !== undefined ? { fields } : {}),
          ...(progress !== undefined ? { progress: (done: number) => progress.update(done, Math.max(file.size, done)) } : {}),
        },
      );
      return result.ok ? result : rowErrors(result.errors, "observations", "time,source,price,volume[,instrument[,part]]");
    }
    const buffer = new Uint8Array(CHUNK);
    const format = formatOf(path);
    let parser: ReturnType<typeof createObservationParser> | undefined;
    let done = 0;
    for (;;) {
      const read = file.read(buffer);
      if (!read.ok) return cannotRead(path, read.reason, sys);
      const n = read.value;
      if (parser === undefined) {
        // Room for the rows the file probably has, judged by the first piece, so the columns rarely grow.
        let lines = 1;
        for (let i = 0; i < n; i++) if (buffer[i] === 10) lines++;
        const capacity = n === 0 ? 1 : Math.ceil(((lines * Math.max(file.size, n)) / n) * 1.05) + 16;
        parser = createObservationParser({
          file: path,
          ...(format !== undefined ? { format } : {}),
          ...(sources !== undefined ? { sources } : {}),
          ...(fields !== undefined ? { fields } : {}),
          capacity,
        });
      }
      if (n === 0) break;
      done += n;
      parser.pushBytes(buffer.subarray(0, n));
      progress?.update(done, Math.max(file.size, done));
      if (parser.full) break;
    }
    const result = parser.end();
    return result.ok ? result : rowErrors(result.errors, "observations", "time,source,price,volume[,instrument[,part]]");
  } finally {
    file.close();
  }
}

/**
 * The largest fixings file read, in bytes. Fixings are one row per index and fixing day, so decades of them for a few
 * indices are a few MB; a larger file is not a fixings file (trades and quotes are observations, which are streamed).
 */
export const MAX_FIXINGS_BYTES = 64 * 1024 * 1024;

function tooBig(path: string, bytes: number, exact: boolean): FileOutcome<never> {
  const size = `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return {
    ok: false,
    lines: [
      `error: \`${path}\` is ${exact ? size : `more than ${size}`}, larger than the ${MAX_FIXINGS_BYTES / (1024 * 1024)} MiB a fixings file may have`,
      "hint: a fixings file has one row per index and fixing day (`time,index,value[,status]`); trades and quotes go in `--observations FILE`, which is streamed",
    ],
  };
}

/**
 * Reads a fixings file whole (fixings are few), up to {@link MAX_FIXINGS_BYTES}: decoded as UTF-8 (bytes that are not
 * UTF-8 become U+FFFD, which the parser refuses with the row's line and field), a leading byte-order mark dropped.
 */
export function readFixingsFile(path: string, indices: readonly string[] | undefined, sys: System): FileOutcome<readonly Fixing[]> {
  const columnar = columnarFormat(path);
  if (columnar !== undefined)
    return {
      ok: false,
      lines: [
        `error: \`${path}\` is ${columnar === "Arrow" ? "an" : "a"} ${columnar} file; fixings are read from CSV or NDJSON (\`time,index,value[,status]\`)`,
        `hint: ${columnar} is read for observations (\`--observations FILE.${columnar === "Arrow" ? "arrow" : "parquet"}\`); write the fixings as CSV`,
      ],
    };
  const text = readWhole(path, sys);
  if (!text.ok) return text;
  const format = formatOf(path);
  const result = parseFixings(text.value, {
    file: path,
    ...(format !== undefined ? { format } : {}),
    ...(indices !== undefined ? { indices } : {}),
  });
  return result.ok ? result : rowErrors(result.errors, "fixings", "time,index,value[,status]");
}

/** Reads reference dealers' quotes (`date,index,dealer,quote,given`), whole, up to the bound of a fixings file. */
export function readDealerQuotesFile(path: string, sys: System): FileOutcome<readonly DealerQuote[]> {
  const columnar = columnarFormat(path);
  if (columnar !== undefined)
    return {
      ok: false,
      lines: [
        `error: \`${path}\` is ${columnar === "Arrow" ? "an" : "a"} ${columnar} file; dealer quotes are read from CSV or NDJSON (\`date,index,dealer,quote,given\`)`,
        `hint: ${columnar} is read for observations (\`--observations FILE.${columnar === "Arrow" ? "arrow" : "parquet"}\`); write the quotes as CSV`,
      ],
    };
  const text = readWhole(path, sys);
  if (!text.ok) return text;
  const format = formatOf(path);
  const result = parseDealerQuotes(text.value, { file: path, ...(format !== undefined ? { format } : {}) });
  return result.ok ? result : rowErrors(result.errors, "dealer quotes", "date,index,dealer,quote,given");
}

/** A file read whole as UTF-8, up to the bound of a fixings file. */
function readWhole(path: string, sys: System): FileOutcome<string> {
  const opened = sys.openFile(path);
  if (!opened.ok) return cannotRead(path, opened.reason, sys);
  const file = opened.value;
  try {
    if (file.size > MAX_FIXINGS_BYTES) return tooBig(path, file.size, true);
    const decoder = new TextDecoder("utf-8");
    const buffer = new Uint8Array(CHUNK);
    const pieces: string[] = [];
    let total = 0;
    for (;;) {
      const read = file.read(buffer);
      if (!read.ok) return cannotRead(path, read.reason, sys);
      if (read.value === 0) break;
      total += read.value;
      // A file that grows while it is read (or a device without a size) is cut off at the bound, not read forever.
      if (total > MAX_FIXINGS_BYTES) return tooBig(path, total - read.value, false);
      pieces.push(decoder.decode(buffer.subarray(0, read.value), { stream: true }));
    }
    pieces.push(decoder.decode());
    return { ok: true, value: pieces.join("") };
  } finally {
    file.close();
  }
}
