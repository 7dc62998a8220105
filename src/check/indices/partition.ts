/**
 * The observation window's partition: intervals that divide the window and each of its pieces (E4006, E4007);
 * aggregating trades or intervals needs a window and a partition (E5012).
 */
import { Codes, diag } from "../../diagnostics/index.js";
import { aggregationWithoutData, partitionDividesPieces, partitionDividesWindow } from "../../model/invariants.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import type { AggregateStmt, PartitionStmt, WindowStmt } from "../../syntax/ast.js";
import type { Program, Report } from "../program.js";
import { COUNT_BOUNDS, countOf } from "../counts.js";
import { checkDuration } from "./amounts.js";

type Context = readonly string[];

/** Reads a length of time in seconds as minutes/hours/seconds text for messages. */
export function describeSeconds(seconds: Decimal): string {
  const s = seconds;
  const hour = Decimal.fromInteger(3600);
  const minute = Decimal.fromInteger(60);
  const plural = (n: Decimal, unit: string): string => `${n.toString()} ${unit}${n.eq(Decimal.ONE) ? "" : "s"}`;
  const h = s.divExact(hour);
  if (h !== undefined && h.isInteger() && !h.isZero()) return plural(h, "hour");
  const m = s.divExact(minute);
  if (m !== undefined && m.isInteger()) return plural(m, "minute");
  return plural(s, "second");
}

export function checkPartition(
  program: Program,
  p: PartitionStmt,
  window: WindowStmt | undefined,
  pieceSeconds: readonly Decimal[] | undefined,
  context: Context,
  report: Report,
): void {
  const windowSeconds = pieceSeconds?.reduce((a, b) => a.add(b));
  const n = countOf(p.count, COUNT_BOUNDS.intervals, "the number of intervals", { program, report, context });
  const count = n === undefined ? undefined : Decimal.fromInteger(n);
  const length = checkDuration(p.length, "the length of an interval", context, report);
  if (p.length !== undefined && p.length.business) return;
  if (window === undefined) {
    report(
      diag(Codes.PartitionsDoNotDivideWindow, p.span, "a partition divides the observation window, but this index has no window", {
        context,
        hint: "add a window, e.g. `window from 15:00 inclusive to 16:00 exclusive Europe/London`",
      }),
    );
    return;
  }
  if (count === undefined || length === undefined || windowSeconds === undefined) return;
  if (
    pieceSeconds!.length > 1 ? partitionDividesPieces(count, length, pieceSeconds!) : partitionDividesWindow(count, length, windowSeconds)
  )
    return;
  if (pieceSeconds!.length > 1 && partitionDividesWindow(count, length, windowSeconds)) {
    report(
      diag(Codes.PartitionsDoNotDivideWindow, p.span, `an interval of ${describeSeconds(length)} would span two pieces of the window`, {
        context,
        labels: [{ span: window.span, message: `pieces of ${pieceSeconds!.map(describeSeconds).join(", ")}` }],
        notes: ["each piece of a window of several is a whole number of intervals; an interval never spans a gap"],
        hint: "choose an interval length that divides every piece",
      }),
    );
    return;
  }
  const covered = count.mul(length);
  const exact = windowSeconds.divExact(count);
  const hint =
    exact !== undefined && exact.isInteger()
      ? `\`partition into ${count.toString()} intervals of ${describeSeconds(exact)}\``
      : (() => {
          const n = windowSeconds.divExact(length);
          return n !== undefined && n.isInteger()
            ? `\`partition into ${n.toString()} intervals of ${describeSeconds(length)}\``
            : undefined;
        })();
  report(
    diag(
      Codes.PartitionsDoNotDivideWindow,
      p.span,
      `${count.toString()} intervals of ${describeSeconds(length)} cover ${describeSeconds(covered)}, but the window is ${describeSeconds(windowSeconds)} long`,
      {
        context,
        labels: window.window === undefined ? undefined : [{ span: window.window.span, message: `${describeSeconds(windowSeconds)} long` }],
        hint: hint === undefined ? "the intervals must divide the window exactly" : `did you mean ${hint}?`,
      },
    ),
  );
}

export function checkAggregateLevel(
  agg: AggregateStmt,
  window: WindowStmt | undefined,
  partition: PartitionStmt | undefined,
  context: Context,
  report: Report,
): void {
  if (agg.level === "samples") return; // sampling.ts
  const missing = aggregationWithoutData(agg.level, window !== undefined, partition !== undefined);
  if (missing === "window") {
    report(
      diag(Codes.AggregationWithoutData, agg.span, "`aggregate trades` needs an observation window to collect trades in", {
        context,
        hint: "add a window, e.g. `window from 15:00 inclusive to 16:00 exclusive Europe/London`",
      }),
    );
  } else if (missing === "partition") {
    report(
      diag(Codes.AggregationWithoutData, agg.span, "`aggregate intervals` needs a partition of the window into intervals", {
        context,
        hint: "add a partition, e.g. `partition into 12 intervals of 5 minutes`",
      }),
    );
  }
}
