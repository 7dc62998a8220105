/**
 * The restatement window of an index (`restate until 10:00 Europe/London on the next business day`): a fixing may be
 * corrected until a deadline on its fixing date or the next publication day. A correction belongs to the fixing day
 * of the latest fixing instant at or before it (runtime/functions/steps.ts), so the deadline must fall after the
 * fixing's publication and before the next one (E5191), which the checker can decide when both are in one zone.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { secondsOfDay } from "../model/invariants.js";
import type { PublishStmt, RestateStmt } from "../syntax/ast.js";
import type { Report } from "./program.js";

/** Checks a restatement window's deadline against the publication time (same zone only). */
export function checkRestatementWindow(
  restate: RestateStmt,
  publish: PublishStmt | undefined,
  context: readonly string[],
  report: Report,
): void {
  const until = restate.until;
  const deadline = until?.at;
  const at = publish?.at;
  if (until === undefined || deadline?.time === undefined || deadline.zone === undefined) return;
  if (at?.time === undefined || at.zone === undefined || at.zone.name !== deadline.zone.name) return;
  const d = deadline.time.value === undefined ? undefined : secondsOfDay(deadline.time.value);
  const p = at.time.value === undefined ? undefined : secondsOfDay(at.time.value);
  if (d === undefined || p === undefined) return;
  const same = until.day === "same";
  if (same ? d > p : d < p) return;
  report(
    diag(
      Codes.RestatementDeadline,
      deadline.span,
      same
        ? `the restatement deadline ${deadline.time.raw} is not after the fixing time ${at.time.raw}: no correction could be taken`
        : `the restatement deadline ${deadline.time.raw} on the next business day is not before the next fixing at ${at.time.raw}`,
      {
        context,
        labels: [{ span: at.span, message: "the fixing time" }],
        notes: [
          same
            ? "a correction is a later row of the same fixing, published after the fixing time"
            : "a row at or after the next fixing time is the next day's fixing, not a correction of this one",
        ],
        hint: same ? "choose a deadline after the fixing time, e.g. 23:59:59" : `choose a deadline before ${at.time.raw}`,
      },
    ),
  );
}
