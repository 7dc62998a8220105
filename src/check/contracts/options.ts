/** An option's strikes: the grid on the tick (E3004), strike listing, and the automatic-exercise threshold. */
import { convertAmount } from "../../base/units.js";
import { Codes, diag } from "../../diagnostics/index.js";
import { strikeOffTick } from "../../model/invariants.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import type { Declaration, Ident, Quantity } from "../../syntax/ast.js";
import { checkStrikeListing } from "../strike-listing.js";
import type { Symbol } from "../program.js";
import { type QuantityValue, type UnitContext } from "../unit-of.js";
import { ContractChecker, nearestMultiple, statementsOf, type Context, type PriceUnit } from "./checker.js";

export function checkOption(
  c: ContractChecker,
  decl: Declaration,
  file: string,
  price: PriceUnit | undefined,
  underlying: { symbol: Symbol; ref: Ident } | undefined,
  units: UnitContext,
  context: Context,
): void {
  // Strikes sit on the underlying future's tick; on an index, on the option's own outright tick if it has one.
  const tickSource = underlying?.symbol.kind === "future" ? underlying.symbol.decl : decl;
  const ticks = c.ticksOf(tickSource, "outright");
  let grid: QuantityValue | undefined;
  for (const s of statementsOf(decl, "Strikes")) {
    const ctx = [...context, "strikes"];
    const step = c.priceAmount(s.step, "strike grid", price, units, ctx);
    grid = step;
    if (step === undefined || ticks === undefined || step.unit.kind !== "unit") continue;
    const stepUnit = step.unit.unit;
    const inStep: { tier: QuantityValue; value: Decimal }[] = [];
    for (const t of ticks.tiers) {
      const c = t.unit.kind === "unit" ? convertAmount(t.amount, t.unit.unit, stepUnit) : undefined;
      if (c?.ok === true) inStep.push({ tier: t, value: c.value });
    }
    const off = strikeOffTick(
      step.amount,
      inStep.map((x) => x.value),
    );
    if (off !== undefined) {
      const t = inStep[off]!.tier;
      const tick = inStep[off]!.value;
      const whose = tickSource === decl ? "the tick" : `the tick of ${underlying!.symbol.name}`;
      c.report(
        diag(
          Codes.StrikeNotOnTick,
          step.span,
          `strike grid ${step.amount.toString()} is not a whole number of ticks: ${whose} is ${tick.toString()}`,
          {
            context: ctx,
            labels: [{ span: t.span, message: whose }],
            notes: ["every strike on the grid must be a price the underlying can trade at"],
            hint: `use a multiple of ${tick.toString()}, e.g. ${nearestMultiple(step.amount, tick).toString()}`,
          },
        ),
      );
    }
  }
  const amount = (q: Quantity | undefined, what: string, ctx: Context) => c.priceAmount(q, what, price, units, ctx);
  checkStrikeListing({ program: c.program, report: c.report, amount }, statementsOf(decl, "StrikeListing"), grid, context);
  for (const s of statementsOf(decl, "AutoExercise")) {
    c.priceAmount(s.threshold, "automatic-exercise threshold", price, units, [...context, "automatic exercise"], "or-zero");
  }
}
