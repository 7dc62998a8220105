/**
 * Index-level contingencies with a flag (issue 15), as benchmark methodologies state them:
 * - `empty intervals skip, flagged "*"`: "should there be an hourly price missing in the calculation, the index should
 *   be calculated using the non-weighted arithmetic average of available prices; the asterisk '*' will be displayed
 *   next to the index" (APX Power UK, UKPX Auction Index Methodology, General Provisions): a value fixed with an
 *   interval left out carries the flag;
 * - `carry forward the last published value, flagged "C"`: when no value can be fixed from the data, the last
 *   published value (the request's `previous`) is published again, flagged, with why in a note.
 * A value held for review under `extreme moves` stays held; the flags go to the certificate and the result.
 */
import type { Decimal } from "../numbers/decimal.js";
import type { Index } from "../spec.js";
import { valueOn } from "../versions.js";
import type { CertificateDraft, IndexFailure, IndexRequest } from "./index-types.js";

/** The kinds of failure that mean "no value from the data", which a carried-forward value replaces. */
const CARRIED_FAILURES: ReadonlySet<IndexFailure["kind"]> = new Set([
  "insufficient-sources",
  "empty-interval",
  "no-data",
  "aggregation",
  "time",
]);

/** Adds a flag once, keeping the order the rules state them. */
function addFlag(draft: CertificateDraft, flag: string): void {
  if (!draft.flags.includes(flag)) draft.flags.push(flag);
}

/**
 * `empty intervals skip, flagged "F"`: when an interval of the partition had no value and was left out, the value
 * is flagged F (a held value stays held) and a note says how many intervals were left out.
 */
export function emptyIntervalsFlag(
  index: Index,
  date: string,
  status: "published" | "flagged" | "held",
  draft: CertificateDraft,
): "published" | "flagged" | "held" {
  const flag = valueOn(index.emptyIntervalsFlag ?? [], date);
  if (flag === undefined) return status;
  const missing = draft.partitions.filter((p) => p.value === null).length;
  if (missing === 0) return status;
  addFlag(draft, flag);
  draft.notes.push(`flagged ${JSON.stringify(flag)}: ${missing} of ${draft.partitions.length} interval(s) without a value left out`);
  return status === "held" ? "held" : "flagged";
}

/**
 * `carry forward the last published value, flagged "F"`: for a failure that means no value could be fixed from the
 * data, the last published value, flagged F, or undefined (no rule in force, another kind of failure, or no
 * previous value, which the certificate notes).
 */
export function carriedForward(index: Index, request: IndexRequest, failure: IndexFailure, draft: CertificateDraft): Decimal | undefined {
  const rule = valueOn(index.carryForward ?? [], request.date);
  if (rule === undefined || !CARRIED_FAILURES.has(failure.kind)) return undefined;
  if (request.previous === undefined) {
    draft.notes.push(`no published value before ${request.date} to carry forward`);
    return undefined;
  }
  addFlag(draft, rule.flag);
  draft.notes.push(`carried forward, flagged ${JSON.stringify(rule.flag)}: ${failure.message}`);
  return request.previous;
}
