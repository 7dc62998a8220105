/**
 * The strike listing schedule of an option (`strikes listed every … from N% below to M% above the prior settlement
 * [in the nearest K months]`): its words, its interval a price on the strike grid (E3290), its percentages (E3006)
 * and its number of months. Part of the contracts check (contracts.ts calls it for each option).
 */
import { convertAmount } from "../base/units.js";
import { Codes, diag } from "../diagnostics/index.js";
import { PERCENT_RANGES, percentInRange, percentRangeText, strikeListingOffGrid } from "../model/invariants.js";
import type { PercentLit, Quantity, StrikeListingStmt } from "../syntax/ast.js";
import { COUNT_BOUNDS, countOf } from "./counts.js";
import type { Program, Report } from "./program.js";
import { percentOf, type QuantityValue } from "./unit-of.js";
import { NEAREST_MONTHS, STRIKES_LISTED, word } from "./words.js";

type Context = readonly string[];

/** What the check needs of the contracts check: the price amount of a quantity (unit and sign reported there). */
export interface StrikeListingEnv {
  readonly program: Program;
  readonly report: Report;
  readonly amount: (q: Quantity | undefined, what: string, context: Context) => QuantityValue | undefined;
}

/** Checks each tier of an option's strike listing schedule against its strike grid (`grid`, when it resolved). */
export function checkStrikeListing(
  env: StrikeListingEnv,
  tiers: readonly StrikeListingStmt[],
  grid: QuantityValue | undefined,
  context: Context,
): void {
  for (const s of tiers) {
    const ctx = [...context, "strikes listed"];
    word(STRIKES_LISTED, s.listed, env.report, ctx);
    if (s.nearest !== undefined) {
      word(NEAREST_MONTHS, s.nearest.word, env.report, ctx);
      countOf(s.nearest.months, COUNT_BOUNDS.strikeListingMonths, "the number of months", {
        program: env.program,
        report: env.report,
        context: ctx,
      });
    }
    percentage(env.report, s.below, PERCENT_RANGES.strikeBelow, "below", ctx);
    percentage(env.report, s.above, PERCENT_RANGES.strikeAbove, "above", ctx);
    const step = env.amount(s.step, "strike listing interval", ctx);
    if (step === undefined || grid === undefined || step.unit.kind !== "unit" || grid.unit.kind !== "unit") continue;
    const g = convertAmount(grid.amount, grid.unit.unit, step.unit.unit);
    if (!g.ok || !strikeListingOffGrid(step.amount, g.value)) continue;
    env.report(
      diag(
        Codes.StrikeListingOffGrid,
        step.span,
        `the strike listing interval ${step.amount.toString()} is not a whole multiple of the strike grid ${g.value.toString()}`,
        {
          context: ctx,
          labels: [{ span: grid.span, message: "the strike grid" }],
          notes: ["every strike the schedule lists must be a strike the option may have, on the grid of `strikes every`"],
          hint: `use a multiple of ${g.value.toString()}`,
        },
      ),
    );
  }
}

function percentage(
  report: Report,
  p: PercentLit | undefined,
  range: (typeof PERCENT_RANGES)["strikeBelow" | "strikeAbove"],
  side: string,
  context: Context,
): void {
  const v = percentOf(p);
  if (v === undefined || percentInRange(v, range)) return;
  report(
    diag(
      Codes.InvalidPercentage,
      p!.span,
      `the strikes listed ${side} the prior settlement must be ${percentRangeText(range)}, not ${p!.raw}`,
      {
        context,
      },
    ),
  );
}
