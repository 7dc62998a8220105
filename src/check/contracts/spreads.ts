/** A spread: futures legs in one quote unit, positive ratios, both a buy and a sell (E5011). */
import { equalDimension, format, sameUnit } from "../../base/units.js";
import { Codes, diag } from "../../diagnostics/index.js";
import { isOneSided } from "../../model/invariants.js";
import type { Declaration, Ident } from "../../syntax/ast.js";
import { lookup } from "../symbols.js";
import { COUNT_BOUNDS } from "../counts.js";
import { legSide } from "../words.js";
import { ContractChecker, statementsOf, type Context, type PriceUnit } from "./checker.js";

export function checkSpread(c: ContractChecker, decl: Declaration, file: string, context: Context): void {
  const legs = statementsOf(decl, "Leg");
  let buy = false;
  let first: { unit: PriceUnit; leg: Ident; name: string } | undefined;
  for (const leg of legs) {
    const ctx = [...context, "leg"];
    const side = legSide(leg.side, c.report, ctx);
    if (side === "buy") buy = true;
    c.positive(leg.ratio, "a leg's ratio", ctx);
    if (leg.monthsLater !== undefined) c.count(leg.monthsLater, COUNT_BOUNDS.legMonthsLater, "the number of months later", ctx);
    const sym = lookup(c.program, file, leg.contract?.name, ["future"]);
    if (leg.rounding !== undefined) c.checkRounding(leg.rounding, sym?.decl ?? decl, sym?.file ?? file, false, ctx);
    if (sym === undefined || leg.contract === undefined) continue;
    const unit = c.priceUnitOf(sym.decl, sym.file);
    if (unit === undefined) continue;
    if (first === undefined) {
      first = { unit, leg: leg.contract, name: sym.name };
      const own = c.ownUnit(decl);
      if (own !== undefined && !sameUnit(own.unit, unit.unit)) {
        c.report(
          diag(
            Codes.UnitMismatch,
            own.span,
            `unit mismatch: the spread is quoted in ${format(own.unit)}, its legs in ${format(unit.unit)}`,
            {
              context,
              labels: [{ span: leg.contract.span, message: `${sym.name} is quoted in ${format(unit.unit)}` }],
              hint: `quote the spread in ${format(unit.unit)}`,
            },
          ),
        );
      }
      continue;
    }
    if (sameUnit(unit.unit, first.unit.unit)) continue;
    c.report(
      diag(
        Codes.UnitMismatch,
        leg.contract.span,
        `unit mismatch: ${sym.name} is quoted in ${format(unit.unit)}, but ${first.name} in ${format(first.unit.unit)}`,
        {
          context: ctx,
          labels: [{ span: first.leg.span, message: `${first.name} is quoted in ${format(first.unit.unit)}` }],
          notes: [
            equalDimension(unit.unit, first.unit.unit)
              ? "the legs measure the same thing at different scales; a spread's price is a difference of leg prices, so they must share one quote unit"
              : "a spread's price is a difference of leg prices, so the legs must be quoted in one unit",
          ],
        },
      ),
    );
  }
  if (decl.name !== undefined) {
    const sides = legs.map((l) => l.side?.name).filter((s) => s === "buy" || s === "sell");
    if (sides.length === legs.length && isOneSided(sides)) {
      const only = buy ? "buy" : "sell";
      c.report(
        diag(Codes.OneSidedSpread, decl.name.span, `every leg of spread ${decl.name.name} is a ${only}`, {
          context,
          labels: legs.map((l) => ({ span: l.side!.span, message: only })),
          notes: ["a spread is long one leg and short another"],
          hint: `make one leg a ${only === "buy" ? "sell" : "buy"}`,
        }),
      );
    }
  }
}
