/**
 * Market-data files for `termsheet settle` and `termsheet index`: observations are streamed from the file in
 * 1 MiB pieces (decoded as UTF-8 across piece borders, a leading byte-order mark dropped) into the runtime's push
 * parser, so a file of 10 million rows is never held as one string; fixings files are small and read whole. A file
 * that cannot be read and every malformed row become error lines `file:line: field: message`, with a hint.
 */
import {
  createObservationParser,
  formatMarketDataError,
  parseFixings,
  type Fixing,
  type MarketDataError,
  type Observations,
} from "../runtime/market-data/index.js";
import { nearPath } from "./inputs.js";
import type { Progress } from "./progress.js";
import type { System } from "./system.js";

/** The rows of a file, or the lines of text that say why not. */
export type FileOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly lines: readonly string[] };

const CHUNK = 1 << 20;

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
          : `each row is \`${columns}\` (CSV, or NDJSON objects with these fields); times are ISO 8601 with an offset, numbers are decimal strings`;
  return { ok: false, lines: [...lines, `hint: ${hint}`] };
}

/** Streams an observations file through the push parser, reporting bytes read to `progress`. */
export function readObservationsFile(
  path: string,
  sources: readonly string[] | undefined,
  sys: System,
  progress?: Progress,
): FileOutcome<Observations> {
  const opened = sys.openFile(path);
  if (!opened.ok) return cannotRead(path, opened.reason, sys);
  const file = opened.value;
  try {
    const decoder = new TextDecoder("utf-8");
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
          capacity,
        });
      }
      if (n === 0) break;
      done += n;
      parser.push(decoder.decode(buffer.subarray(0, n), { stream: true }));
      progress?.update(done, Math.max(file.size, done));
      if (parser.full) break;
    }
    parser.push(decoder.decode());
    const result = parser.end();
    return result.ok ? result : rowErrors(result.errors, "observations", "time,source,price,volume[,instrument]");
  } finally {
    file.close();
  }
}

/** Reads a fixings file whole (fixings are few). */
export function readFixingsFile(path: string, indices: readonly string[] | undefined, sys: System): FileOutcome<readonly Fixing[]> {
  const text = sys.readFile(path);
  if (!text.ok) return cannotRead(path, text.reason, sys);
  const format = formatOf(path);
  const result = parseFixings(text.value, {
    file: path,
    ...(format !== undefined ? { format } : {}),
    ...(indices !== undefined ? { indices } : {}),
  });
  return result.ok ? result : rowErrors(result.errors, "fixings", "time,index,value[,status]");
}
