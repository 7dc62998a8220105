/**
 * Parsing of reference dealers' quotes for a dealer poll (a fallback step `poll N dealers, …`; 2005 ISDA Commodity
 * Definitions §7.5(c)(i), Fallback Reference Dealers), CSV or NDJSON rows `date,index,dealer,quote,given` (CSV may
 * start with that header): the day the quote is a value for, the index, the dealer, the quoted value as an exact
 * {@link Decimal} within the input precision, and the day the dealer gave it, which the step's deadline judges.
 * Malformed rows, dates that are not YYYY-MM-DD days, a quote given before the day it is for and a dealer quoting
 * the same index and day twice are typed errors naming file, line and field.
 */
import { type Decimal, excerpt, parseInputDecimal } from "../numbers/decimal.js";
import { parseIsoDate } from "../calendar/index.js";
import {
  type MarketDataError,
  type MarketDataErrorKind,
  type MarketDataResult,
  type ParseOptions,
  MAX_LINE_LENGTH,
  encodingProblem,
  guessFormat,
  parseJsonRow,
  splitLines,
} from "./common.js";
import { fieldName, splitQuotedCsv } from "./quoted-csv.js";

/** One dealer's quote of an index's value for a day. */
export interface DealerQuote {
  /** The day the quote is a value for, YYYY-MM-DD. */
  readonly date: string;
  readonly index: string;
  readonly dealer: string;
  readonly value: Decimal;
  /** The day the dealer gave the quote, YYYY-MM-DD. */
  readonly given: string;
  readonly line: number;
  readonly file?: string;
}

const COLUMNS = ["date", "index", "dealer", "quote", "given"];
const HEADER = "date,index,dealer,quote,given";
const FIELDS: ReadonlySet<string> = new Set(COLUMNS);

/** Parses dealer quotes; never throws. */
export function parseDealerQuotes(text: string, options: ParseOptions): MarketDataResult<readonly DealerQuote[]> {
  const maxErrors = options.maxErrors ?? 100;
  const errors: MarketDataError[] = [];
  const err = (kind: MarketDataErrorKind, line: number, field: string | null, message: string): void => {
    if (errors.length < maxErrors) errors.push({ kind, file: options.file, line, field, message });
  };
  const format = guessFormat(text, options.format);
  const out: DealerQuote[] = [];
  const seen = new Set<string>();
  const lines = splitLines(text);
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li]!;
    const lineNo = li + 1;
    if (raw.length > MAX_LINE_LENGTH) {
      err("line-too-long", lineNo, null, `the line is longer than ${MAX_LINE_LENGTH} characters; reading stopped here`);
      break;
    }
    if (raw.trim() === "") continue;
    const row = readRow(raw, format, out.length === 0 && errors.length === 0);
    if (row === "header") continue;
    if (!row.ok) {
      err(row.kind, lineNo, row.field, row.message);
      continue;
    }
    const q = readQuote(row.value, lineNo, options.file, err);
    if (q === undefined) continue;
    const key = JSON.stringify([q.date, q.index, q.dealer]);
    if (seen.has(key)) {
      err("duplicate", lineNo, "dealer", `${excerpt(q.dealer)} already quoted ${excerpt(q.index)} for ${q.date}`);
      continue;
    }
    seen.add(key);
    out.push(q);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: out };
}

type Row =
  | "header"
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly kind: MarketDataErrorKind; readonly field: string | null; readonly message: string };

/** The fields of one line, or the header (only as the first line), or why it is not a row. */
function readRow(raw: string, format: "csv" | "ndjson", first: boolean): Row {
  if (format === "ndjson") {
    const obj = parseJsonRow(raw, FIELDS);
    return obj.ok
      ? { ok: true, value: obj.value as Record<string, unknown> }
      : { ok: false, kind: obj.kind, field: obj.field, message: obj.message };
  }
  if (first && raw === HEADER) return "header";
  let parts: readonly string[];
  if (raw.indexOf('"') < 0) parts = raw.split(",");
  else {
    const q = splitQuotedCsv(raw);
    if (!q.ok) return { ok: false, kind: "invalid-quote", field: fieldName(COLUMNS, q.field), message: q.message };
    parts = q.fields;
  }
  if (first && /^\s*date\s*,/i.test(raw))
    return { ok: false, kind: "malformed-row", field: null, message: `the header must be \`${HEADER}\`` };
  if (parts.length !== 5)
    return { ok: false, kind: "malformed-row", field: null, message: `expected 5 comma-separated fields (${HEADER}), got ${parts.length}` };
  return { ok: true, value: Object.fromEntries(COLUMNS.map((c, i) => [c, parts[i]])) };
}

/** A row's quote, or undefined after reporting what is wrong with it. */
function readQuote(
  f: Record<string, unknown>,
  line: number,
  file: string | undefined,
  err: (kind: MarketDataErrorKind, line: number, field: string | null, message: string) => void,
): DealerQuote | undefined {
  let bad = false;
  for (const k of COLUMNS) {
    const v = f[k];
    if (v === undefined || v === "") {
      err("missing-field", line, k, `missing ${k}`);
      bad = true;
    } else if (typeof v !== "string") {
      err(k === "quote" ? "invalid-number" : "malformed-row", line, k, `${k} must be a string`);
      bad = true;
    } else {
      const problem = encodingProblem(v);
      if (problem !== undefined) {
        err("invalid-encoding", line, k, problem);
        bad = true;
      }
    }
  }
  if (bad) return undefined;
  const s = f as Record<string, string>;
  for (const k of ["date", "given"])
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s[k]!) || parseIsoDate(s[k]!) === undefined) {
      err("invalid-date", line, k, `${excerpt(s[k]!)} is not a day YYYY-MM-DD`);
      bad = true;
    }
  const v = parseInputDecimal(s.quote!);
  if (!v.ok) err(v.kind, line, "quote", v.message);
  if (bad || !v.ok) return undefined;
  if (s.given! < s.date!) {
    err("invalid-date", line, "given", `the quote is given on ${s.given!}, before the day ${s.date!} it is a value for`);
    return undefined;
  }
  return {
    date: s.date!,
    index: s.index!,
    dealer: s.dealer!,
    value: v.value,
    given: s.given!,
    line,
    ...(file === undefined ? {} : { file }),
  };
}
