/**
 * Dynamic price limits (`price limits dynamic 3.5% of the prior settlement within 60 minutes, halting 2 minutes,
 * rounded to the tick down`, CME's dynamic circuit breakers): their words, the percentage (E3006) and the two
 * lengths of time, in seconds, minutes or hours and above zero (E2007, E3003). Part of the contracts check, which
 * checks the rounding itself.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { PERCENT_RANGES, percentInRange, percentRangeText } from "../model/invariants.js";
import type { Duration, DynamicPriceLimitsStmt } from "../syntax/ast.js";
import type { Report } from "./program.js";
import { decimalOf, percentOf } from "./unit-of.js";
import { CLOCK_DURATION_UNITS, DYNAMIC_WORDS, HALTING_WORDS, word } from "./words.js";

type Context = readonly string[];

/** Checks a dynamic price limits statement (not its rounding). */
export function checkDynamicLimits(s: DynamicPriceLimitsStmt, report: Report, context: Context): void {
  const ctx = [...context, "dynamic price limits"];
  word(DYNAMIC_WORDS, s.dynamic, report, ctx);
  word(HALTING_WORDS, s.halting, report, ctx);
  const p = percentOf(s.percent);
  if (p !== undefined && !percentInRange(p, PERCENT_RANGES.priceLimit))
    report(
      diag(
        Codes.InvalidPercentage,
        s.percent!.span,
        `a dynamic price limit must be ${percentRangeText(PERCENT_RANGES.priceLimit)}, not ${s.percent!.raw}`,
        { context: ctx },
      ),
    );
  length(s.window, "the look-back window", report, ctx);
  length(s.halt, "the halt", report, ctx);
}

function length(d: Duration | undefined, what: string, report: Report, context: Context): void {
  if (d === undefined) return;
  if (d.business) {
    report(
      diag(Codes.UnknownWord, d.span, `${what} is a length of time on the clock, not business days`, {
        context,
        hint: "write it in seconds, minutes or hours, e.g. `60 minutes`",
      }),
    );
    return;
  }
  word(CLOCK_DURATION_UNITS, d.unit, report, context);
  const n = decimalOf(d.amount);
  if (n !== undefined && !n.isPositive())
    report(diag(Codes.NonPositiveAmount, d.amount!.span, `${what} must be longer than zero, not ${d.amount!.raw}`, { context }));
}
