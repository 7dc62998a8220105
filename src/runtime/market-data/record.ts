/**
 * The observation record's extra columns (issue 15): beside `time,source,price,volume[,instrument[,part]]`, a trade
 * record may carry `side` (`buy` or `sell`), `trade_id`, `counterparty`, `type` (the administrator's trade type, such
 * as `outright`, `spread-leg`, `option`), `flags` (words separated by `;`, such as `affiliate;block`) and
 * `reversed_at` (the instant the trade was reversed, ISO 8601 with an offset, not before the trade). A CSV file names
 * them in its header line, in any order after `volume`; an NDJSON row carries them as keys with string values (or
 * null). Only the columns a trade qualification rule reads are kept (the reader's `fields` option): any other is
 * skipped, so it costs only the scan for its comma.
 */
import { excerpt } from "../numbers/decimal.js";
import { parseInstantMicros } from "./common.js";

/** The extra columns of an observation record, in their documented order. */
export const RECORD_FIELDS = ["side", "trade_id", "counterparty", "type", "flags", "reversed_at"] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** The kept extra columns, one entry per row: a text (null when empty), or for `reversed_at` epoch microseconds (NaN when empty). */
export type RecordColumns = {
  [F in RecordField]?: F extends "reversed_at" ? number[] : (string | null)[];
};

/** The sides a trade record may state. */
export const SIDES: readonly string[] = ["buy", "sell"];

/** The separator of the words of a `flags` field. */
export const FLAG_SEPARATOR = ";";

/** Whether a `flags` field (`affiliate;block`) holds the flag. */
export function hasFlag(flags: string | null | undefined, flag: string): boolean {
  if (flags == null) return false;
  if (flags === flag) return true;
  for (let i = 0; ;) {
    const j = flags.indexOf(FLAG_SEPARATOR, i);
    const end = j < 0 ? flags.length : j;
    if (end - i === flag.length && flags.startsWith(flag, i)) return true;
    if (j < 0) return false;
    i = j + 1;
  }
}

/** A column of a CSV header after `volume`: 4 = instrument, 5 = part, 6 + k = RECORD_FIELDS[k]. */
export const INSTRUMENT_COLUMN = 4;
export const PART_COLUMN = 5;
const NAMES: readonly string[] = ["instrument", "part", ...RECORD_FIELDS];

/** The columns of a header line after `time,source,price,volume`, or why it is not one. */
export function headerLayout(fields: readonly string[]): { readonly layout: number[] } | { readonly error: string } {
  const layout: number[] = [];
  for (let k = 4; k < fields.length; k++) {
    const at = NAMES.indexOf(fields[k]!);
    if (at < 0)
      return { error: `unknown column ${excerpt(fields[k]!)}; after time,source,price,volume the columns are ${NAMES.join(", ")}` };
    if (layout.includes(at + 4)) return { error: `the column ${fields[k]} is named twice` };
    layout.push(at + 4);
  }
  return { layout };
}

/** The name of header column `c` (0–3 the fixed columns). */
export function columnName(c: number): string {
  return c < 4 ? ["time", "source", "price", "volume"][c]! : NAMES[c - 4]!;
}

/**
 * The value of one extra column of a row (`raw` undefined or "" when empty), or an error message. `time` is the
 * row's instant (a reversal is not before its trade).
 */
export function recordValue(
  field: RecordField,
  raw: unknown,
  time: number,
): { readonly value: string | number | null } | { readonly error: string } {
  if (raw === undefined || raw === null || raw === "") return { value: field === "reversed_at" ? NaN : null };
  if (typeof raw !== "string") return { error: `${field} must be a string` };
  if (field === "side" && !SIDES.includes(raw)) return { error: `side must be buy or sell, not ${excerpt(raw)}` };
  if (field === "flags" && raw.split(FLAG_SEPARATOR).some((f) => f === ""))
    return { error: `flags are words separated by ${FLAG_SEPARATOR}, without an empty one: ${excerpt(raw)}` };
  if (field !== "reversed_at") return { value: raw };
  const t = parseInstantMicros(raw);
  if (typeof t === "string") return { error: `reversed_at: ${t}` };
  if (t < time) return { error: `reversed_at ${excerpt(raw)} is before the trade's time` };
  return { value: t };
}

/** The column of one extra field grown to `n` rows of no value. */
export function emptyColumn(field: RecordField, n: number): (string | null)[] | number[] {
  return field === "reversed_at" ? new Array<number>(n).fill(NaN) : new Array<string | null>(n).fill(null);
}
