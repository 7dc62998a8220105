/**
 * Price limits: percentages ascend within (0, 100] (E3006), amounts are ascending prices on the tick (E3005); their
 * rounding rounds a percentage's width (E5130); `beyond the last limit …` needs a daily settlement (W5150).
 */
import { sameUnit } from "../../base/units.js";
import { Codes, diag } from "../../diagnostics/index.js";
import { PERCENT_RANGES, percentRangeText, priceLimitProblems, type LimitValue } from "../../model/invariants.js";
import type { Declaration, Ident, PercentLit, Quantity, Rounding } from "../../syntax/ast.js";
import { percentOf, type QuantityValue, type UnitContext } from "../unit-of.js";
import { priceLimitBreach } from "../words.js";
import { ContractChecker, nearestMultiple, statementsOf, type Context, type PriceUnit } from "./checker.js";

/** `beyond the last limit clamped|flagged`: a known word, on a contract that has a daily settlement to apply it to (W5150). */
export function checkLimitBreach(c: ContractChecker, decl: Declaration, breach: Ident, context: Context): void {
  const ctx = [...context, "price limits"];
  if (priceLimitBreach(breach, c.report, ctx) === undefined) return;
  if (statementsOf(decl, "DailySettlement").length > 0) return;
  c.report(
    diag(Codes.LimitBreachWithoutDaily, breach.span, `\`${breach.name}\` applies to a daily settlement price, and this contract has none`, {
      context: ctx,
      notes: ["the final settlement is not held to the price limits"],
      hint: "add a `daily settlement { … }` procedure, or remove `, beyond the last limit …`",
    }),
  );
}

export function checkPriceLimits(
  c: ContractChecker,
  decl: Declaration,
  limits: readonly (PercentLit | Quantity)[],
  price: PriceUnit | undefined,
  units: UnitContext,
  context: Context,
): void {
  const ctx = [...context, "price limits"];
  const ticks = c.ticksOf(decl, "outright");
  const amounts: (QuantityValue | undefined)[] = [];
  const values: (LimitValue | undefined)[] = limits.map((limit, i) => {
    if (limit.kind === "Percent") {
      const v = percentOf(limit);
      return v === undefined ? undefined : { kind: "percent", value: v };
    }
    const q = c.priceAmount(limit, "price limit", price, units, ctx);
    amounts[i] = q;
    return q === undefined ? undefined : { kind: "amount", value: q.amount };
  });
  // A limit is a whole number of every tick in its own unit.
  const ticksIn = (i: number): QuantityValue[] | undefined => {
    const u = amounts[i]?.unit;
    if (ticks === undefined || u?.kind !== "unit") return undefined;
    return ticks.tiers.filter((t) => t.unit.kind === "unit" && sameUnit(t.unit.unit, u.unit));
  };
  for (const p of priceLimitProblems(values, (i) => ticksIn(i)?.map((t) => t.amount))) {
    const limit = limits[p.limit]!;
    if (p.kind === "percent-out-of-range") {
      c.report(
        diag(
          Codes.InvalidPercentage,
          limit.span,
          `a price limit must be ${percentRangeText(PERCENT_RANGES.priceLimit)}, not ${(limit as PercentLit).raw}`,
          { context: ctx },
        ),
      );
    } else if (p.kind === "percent-not-ascending") {
      const previous = limits[p.previous] as PercentLit;
      c.report(
        diag(Codes.InvalidPercentage, limit.span, `price limits must ascend: ${(limit as PercentLit).raw} comes after ${previous.raw}`, {
          context: ctx,
          labels: [{ span: previous.span, message: "the previous limit" }],
          hint: "list the limits from the narrowest to the widest",
        }),
      );
    } else if (p.kind === "amount-not-ascending") {
      const q = amounts[p.limit]!;
      const previous = amounts[p.previous]!;
      c.report(
        diag(
          Codes.TiersNotAscending,
          q.span,
          `price limits must ascend: ${q.amount.toString()} comes after ${previous.amount.toString()}`,
          {
            context: ctx,
            labels: [{ span: previous.span, message: "the previous limit" }],
          },
        ),
      );
    } else if (p.kind === "amount-off-tick") {
      const q = amounts[p.limit]!;
      const off = ticksIn(p.limit)![p.tick]!;
      c.report(
        diag(
          Codes.LimitNotOnTick,
          q.span,
          `price limit ${q.amount.toString()} is not a whole number of ticks of ${off.amount.toString()}`,
          {
            context: ctx,
            labels: [{ span: off.span, message: "the tick" }],
            hint: `use a multiple of ${off.amount.toString()}, e.g. ${nearestMultiple(q.amount, off.amount).toString()}`,
          },
        ),
      );
    }
  }
}

/**
 * `price limits …, rounded to the tick down`: a rounding as elsewhere outside daily settlement (no prior to break
 * ties toward), of a percentage limit's width (E5130 when every limit is an amount).
 */
export function checkLimitRounding(
  c: ContractChecker,
  r: Rounding,
  limits: readonly (PercentLit | Quantity)[],
  decl: Declaration,
  file: string,
  context: Context,
): void {
  c.checkRounding(r, decl, file, false, context);
  if (limits.length > 0 && limits.every((l) => l.kind !== "Percent"))
    c.report(
      diag(
        Codes.LimitRoundingWithoutPercent,
        r.span,
        "these price limits are amounts, which are whole ticks already: the rounding rounds nothing",
        {
          context,
          notes: ["a rounding applies to the width of a percentage limit, a percentage of the prior settlement"],
          hint: "remove the rounding, or state the limits as percentages of the prior settlement",
        },
      ),
    );
}
