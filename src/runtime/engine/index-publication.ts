/**
 * The last stages of an index computation: the extreme-move rule (a value that moved more than the stated
 * percentage from the previous one is flagged or held) and the one rounding of the exact value, to an increment or
 * to the contract's tick (the tier of its tick table that admits the value).
 */
import { Decimal } from "../numbers/decimal.js";
import { Ratio } from "../numbers/ratio.js";
import type { Index, Rounding } from "../spec.js";
import { valueOn } from "../versions.js";
import { ratioOf } from "./aggregation.js";
import { type IndexRequest, type Stage, type TickTable, stop } from "./index-types.js";

/** A tick table of one tier for every price. */
export function singleTick(tick: Decimal): TickTable {
  return [{ tick, bound: null }];
}

/** The tick a value rounds on: the first tier whose bound admits it, or why there is none. */
export function tickAt(table: TickTable, value: Ratio): Decimal | string {
  for (const t of table) {
    if (t.bound === null) return t.tick;
    const c = value.cmp(Ratio.fromDecimal(t.bound.price));
    if (t.bound.relation === "at-or-below" ? c <= 0 : c > 0) return t.tick;
  }
  return table.length === 0 ? "the tick table is empty" : `no tier of the tick table applies to ${value.toString()}`;
}

/** The rounding in words, as the certificate states it. */
export function roundingText(r: Rounding | undefined): string {
  if (r === undefined) return "none stated";
  return r.kind === "increment" ? `to ${r.increment} ${r.mode}` : r.kind === "tick" ? `to the tick ${r.mode}` : "unrounded";
}

/** The extreme-move rule: the value's status, and the note when it moved too far from the previous value. */
export function extremeMove(
  index: Pick<Index, "extremeMoves">,
  date: string,
  unrounded: Ratio,
  previous: Decimal | undefined,
): { readonly status: "published" | "flagged" | "held"; readonly note?: string } {
  const extreme = valueOn(index.extremeMoves, date);
  if (extreme === undefined || previous === undefined || previous.isZero()) return { status: "published" };
  const prev = Ratio.fromDecimal(previous);
  const move = unrounded.sub(prev).abs().div(prev.abs());
  if (move.cmp(ratioOf(extreme.percent).div(Ratio.of(100n))) <= 0) return { status: "published" };
  return {
    status: extreme.action,
    note: `moved more than ${extreme.percent}% from the previous value ${previous.toString()}: ${extreme.action}`,
  };
}

/** The value rounded once as the index states (ties toward the previous value when the mode says so). */
export function roundIndex(rounding: Rounding | undefined, unrounded: Ratio, request: IndexRequest): Stage<Decimal> {
  try {
    if (rounding === undefined || rounding.kind === "unrounded") {
      const value = unrounded.toDecimal();
      if (value === undefined)
        return stop(
          "rounding",
          `the unrounded value ${unrounded.toString()} is not a terminating decimal and the index states no rounding`,
        );
      return { ok: true, value };
    }
    const inc =
      rounding.kind === "increment"
        ? Decimal.of(rounding.increment)
        : request.tick === undefined
          ? "the index rounds to the contract's tick and no tick was given"
          : tickAt(request.tick, unrounded);
    if (typeof inc === "string") return stop("rounding", inc);
    const previous = request.previous === undefined ? undefined : Ratio.fromDecimal(request.previous);
    return { ok: true, value: unrounded.roundToIncrement(inc, rounding.mode, previous) };
  } catch (e) {
    return stop("rounding", e instanceof Error ? e.message : String(e));
  }
}
