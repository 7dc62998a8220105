/**
 * An index's amounts: percentages in range (E3006), durations positive (E3003), roundings, and no unrounded
 * quotient (E5008).
 */
import { Codes, diag } from "../../diagnostics/index.js";
import {
  methodMayNotTerminate,
  isPositiveAmount,
  percentInRange,
  percentRangeText,
  roundingProblems,
  type PercentRange,
} from "../../model/invariants.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import type { Duration, Method, PercentLit, RoundStmt, Rounding } from "../../syntax/ast.js";
import type { Report } from "../program.js";
import { decimalOf, percentOf } from "../unit-of.js";
import { AGGREGATION_METHODS, durationUnit, roundingMode, SECONDS_PER_UNIT } from "../words.js";

type Context = readonly string[];

/** Checks a percentage against (0 or [0) … 100] (or no upper limit), reporting E3006; returns it when valid. */
export function checkPercent(
  p: PercentLit | undefined,
  what: string,
  range: PercentRange,
  context: Context,
  report: Report,
): Decimal | undefined {
  const v = percentOf(p);
  if (p === undefined || v === undefined) return undefined;
  if (percentInRange(v, range)) return v;
  report(diag(Codes.InvalidPercentage, p.span, `${what} must be ${percentRangeText(range)}, not ${p.raw}`, { context }));
  return undefined;
}

/** The length of a duration in seconds, validating its unit word and reporting a non-positive amount (E3003). */
export function checkDuration(d: Duration | undefined, what: string, context: Context, report: Report): Decimal | undefined {
  if (d === undefined) return undefined;
  const unit = durationUnit(d.unit, report, context, d.business);
  const amount = decimalOf(d.amount);
  if (amount === undefined || d.amount === undefined) return undefined;
  if (!isPositiveAmount(amount)) {
    report(diag(Codes.NonPositiveAmount, d.amount.span, `${what} must be positive, not ${d.amount.raw}`, { context }));
    return undefined;
  }
  if (unit === undefined || d.business) return undefined;
  return amount.mul(Decimal.fromInteger(SECONDS_PER_UNIT[unit]));
}

export function checkIndexRounding(r: Rounding | undefined, context: Context, report: Report): void {
  if (r === undefined || r.unrounded) return;
  const mode = roundingMode(r.mode, report, context);
  const problems = roundingProblems({ mode, toTick: r.increment === "tick" }, { daily: false, hasTick: () => false });
  if (problems.includes("ties-without-prior") && r.mode !== undefined) {
    report(
      diag(Codes.UnknownWord, r.mode.span, "`half-toward-prior` needs a prior settlement, and an index has none", {
        context,
        hint: "use a mode that decides ties by itself, such as `half-even` or `half-up`",
      }),
    );
  }
  if (r.increment !== undefined && r.increment !== "tick") {
    const inc = decimalOf(r.increment);
    if (inc !== undefined && !inc.isPositive()) {
      report(diag(Codes.NonPositiveAmount, r.increment.span, `a rounding increment must be positive, not ${r.increment.raw}`, { context }));
    }
  }
}

/**
 * `unrounded` beside a method that divides (W5072): the value may not be a terminating decimal, and then the index
 * publishes nothing (a rounding failure of that fixing) rather than a number cut short.
 */
export function checkUnroundedQuotient(
  rounds: readonly RoundStmt[],
  methods: readonly (Method | undefined)[],
  context: Context,
  report: Report,
): void {
  const unrounded = rounds.find((r) => r.rounding?.unrounded === true);
  if (unrounded === undefined) return;
  const dividing = methods.find((m) => {
    const name = AGGREGATION_METHODS.words.find(([w]) => w === m?.name?.name)?.[1];
    return name !== undefined && methodMayNotTerminate(name);
  });
  if (dividing === undefined) return;
  report(
    diag(
      Codes.UnroundedMayNotTerminate,
      unrounded.span,
      `a ${dividing.name!.name} may not be a terminating decimal, and the value is published unrounded`,
      {
        context,
        labels: [{ span: dividing.span, message: "divides by a count or a sum of weights" }],
        notes: [
          "the mean of 100, 101.3 and 101 is 302.3 / 3 = 100.7(6), the 6 repeating without end; such a fixing fails with a rounding error",
        ],
        hint: "round the published value, e.g. `round to 0.01 half-even`",
      },
    ),
  );
}
