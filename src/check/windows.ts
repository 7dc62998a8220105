/**
 * The checks of an index window of several disjoint pieces ("hours ending 0100-0700 and HE 2400 … prevailing time",
 * an off-peak definition): each piece is a window on its own (`checkWindow`), all pieces are in one zone (E4190), and
 * each starts after the previous one ends, sharing no instant (E4191). A sampled index samples one window (E5190).
 * The rules are `model/invariants.ts`'s, which the loader applies to a spec as well.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { secondsOfDay, windowLength, windowPiecesProblem, type WindowPieceValue } from "../model/invariants.js";
import { Decimal } from "../runtime/numbers/decimal.js";
import type { TimeWindow, WindowStmt } from "../syntax/ast.js";
import type { Report } from "./program.js";

const DAY = 86_400;
type Context = readonly string[];

/**
 * Checks that a time window contains time: `from` strictly before `to` on the same day, or, with `from … on the
 * previous day`, a window across midnight of at most a day (E4060); `to 24:00` is the end of the day. The only day
 * word is `previous` (E2007). Returns its nominal length in seconds when it is valid. Used for index windows and the
 * VWAP window of daily settlement.
 */
export function checkWindow(w: TimeWindow, what: string, context: Context, report: Report): Decimal | undefined {
  const from = w.from?.value === undefined ? undefined : secondsOfDay(w.from.value);
  const to = w.to?.value === undefined ? undefined : secondsOfDay(w.to.value);
  if (w.fromDay !== undefined && w.fromDay.name !== "previous") {
    report(
      diag(Codes.UnknownWord, w.fromDay.span, `\`on the ${w.fromDay.name} day\`: a window can start only on the previous day`, {
        context,
        notes: ["a window belongs to its fixing date and ends on it; one that runs across midnight starts on the previous day"],
        hint: "write `on the previous day`, e.g. `from 23:00 on the previous day inclusive to 23:00 exclusive`",
      }),
    );
    return undefined;
  }
  if (from === undefined || to === undefined || w.from === undefined || w.to === undefined) return undefined;
  const previous = w.fromDay !== undefined;
  const length = windowLength(from, to, previous);
  if (length !== undefined) return Decimal.fromInteger(length);
  if (previous) {
    report(
      diag(Codes.WindowLongerThanADay, w.span, `${what} from ${w.from.raw} on the previous day to ${w.to.raw} is longer than a day`, {
        context,
        labels: [{ span: w.to.span, message: "ends after the time it started, a day later" }],
        notes: ["a window that starts on the previous day ends on the fixing date, at most 24 hours later"],
        hint: `end the window at ${w.from.raw} or earlier, or start it on the fixing date`,
      }),
    );
    return undefined;
  }
  const wraps = from > to;
  report(
    diag(Codes.EmptyWindow, w.span, `${what} from ${w.from.raw} to ${w.to.raw} contains no time`, {
      context,
      labels: [{ span: w.to.span, message: wraps ? "ends before it starts" : "ends when it starts" }],
      notes: ["a window runs from one time to a later time on the same day, unless it starts on the previous day"],
      hint: wraps
        ? `did you mean \`from ${w.to.raw} … to ${w.from.raw} …\`, or, across midnight, \`from ${w.from.raw} on the previous day …\`?`
        : `to run across midnight, start on the previous day: \`from ${w.from.raw} on the previous day ${w.fromBound ?? "inclusive"} to ${w.to.raw} …\``,
    }),
  );
  return undefined;
}

/** The piece of a written window as the invariant reads it, or undefined when part of it is missing. */
function pieceValue(w: TimeWindow): WindowPieceValue | undefined {
  const from = w.from?.value === undefined ? undefined : secondsOfDay(w.from.value);
  const to = w.to?.value === undefined ? undefined : secondsOfDay(w.to.value);
  if (from === undefined || to === undefined || w.fromBound === undefined || w.toBound === undefined || w.zone === undefined)
    return undefined;
  return {
    from: w.fromDay === undefined ? from : from - DAY,
    to,
    fromInclusive: w.fromBound === "inclusive",
    toInclusive: w.toBound === "inclusive",
    zone: w.zone.name,
  };
}

/**
 * Checks a `window` statement with all its pieces; returns the nominal length of each piece in seconds when every
 * piece is valid and they are in one zone and in order, else undefined.
 */
export function checkWindowPieces(stmt: WindowStmt, context: readonly string[], report: Report): Decimal[] | undefined {
  if (stmt.window === undefined) return undefined;
  const written = [stmt.window, ...(stmt.also ?? [])];
  const lengths = written.map((w, i) =>
    checkWindow(w, i === 0 ? "observation window" : "piece of the observation window", context, report),
  );
  if (lengths.some((l) => l === undefined)) return undefined;
  const values = written.map(pieceValue);
  if (values.some((v) => v === undefined)) return undefined;
  const problem = windowPiecesProblem(values as WindowPieceValue[]);
  if (problem === undefined) return lengths as Decimal[];
  const piece = written[problem.piece]!;
  const previous = written[problem.piece - 1]!;
  if (problem.problem === "zone")
    report(
      diag(
        Codes.WindowPiecesZones,
        piece.zone?.span ?? piece.span,
        `the pieces of a window are in one time zone; this one is in ${piece.zone?.name ?? "another"}`,
        {
          context,
          labels: stmt.window.zone === undefined ? undefined : [{ span: stmt.window.zone.span, message: "the window's zone" }],
          notes: ['a methodology states its hours in one prevailing time ("hours ending 0100-0700 and HE 2400 … eastern prevailing time")'],
          hint: `write every piece in ${stmt.window.zone?.name ?? "the first piece's zone"}`,
        },
      ),
    );
  else
    report(
      diag(Codes.WindowPiecesOrder, piece.span, "a piece of the window starts before the previous piece ends", {
        context,
        labels: [{ span: previous.span, message: "the previous piece" }],
        notes: ["the pieces of a window are written in time order and share no instant"],
        hint: "write the pieces in time order, without overlap (`… to 07:00 exclusive … and from 23:00 inclusive …`)",
      }),
    );
  return undefined;
}

/** A sampled index samples one window: the pieces of a window of several are not sampled (E5190). */
export function checkSampledPieces(stmt: WindowStmt | undefined, sampled: boolean, context: readonly string[], report: Report): void {
  const also = stmt?.also;
  if (!sampled || also === undefined || also.length === 0) return;
  report(
    diag(Codes.SampledWindowPieces, also[0]!.span, "a sampled index samples one window, not a window of several pieces", {
      context,
      notes: ["the samples are taken at the window's start and every interval after it, across one stretch of time"],
      hint: "sample one window, or aggregate the trades of each piece with a partition instead of sampling",
    }),
  );
}
