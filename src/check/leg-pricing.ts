/**
 * `leg prices from the prior daily settlement price of the near leg` (`… of the far leg`, `… of leg N`): the anchor is
 * a word the language knows (E2007) and a count in range (E3003, E3010); the spread has exactly two legs of ratio 1
 * (E5390) and the anchor names one of them (E5391), model/invariants.ts's rule `legPricingProblem`.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { legPricingProblem, type PricedLeg } from "../model/invariants.js";
import type { LegPricing } from "../runtime/spec.js";
import type { Declaration, LegPricingStmt } from "../syntax/ast.js";
import { COUNT_BOUNDS, countOf } from "./counts.js";
import { declarationKind, type Program, type Report } from "./program.js";
import { decimalOf } from "./unit-of.js";
import { ANCHOR_LEGS, word } from "./words.js";

/** Checks the `leg prices` statement of every spread. */
export function checkLegPricing(program: Program, report: Report): void {
  for (const file of program.files)
    for (const decl of file.ast.declarations) {
      if (decl.kind !== "Spread") continue;
      for (const s of decl.statements) if (s.kind === "LegPricing") checkOne(program, report, decl, s);
    }
}

function checkOne(program: Program, report: Report, decl: Declaration, s: LegPricingStmt): void {
  const context = [`${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`, "leg prices"];
  let anchor: LegPricing["anchor"] | undefined;
  if (s.anchorWord !== undefined) {
    const w = word(ANCHOR_LEGS, s.anchorWord, report, context);
    if (w !== undefined) anchor = { kind: w };
  } else {
    const n = countOf(s.anchorLeg, COUNT_BOUNDS.legPricingLeg, "the anchor leg's number", { program, report, context });
    if (n !== undefined) anchor = { kind: "leg", leg: n };
  }
  const legs: PricedLeg[] = [];
  for (const l of decl.statements) {
    if (l.kind !== "Leg") continue;
    const ratio = decimalOf(l.ratio);
    const later = l.monthsLater === undefined ? 0 : countOf(l.monthsLater, COUNT_BOUNDS.legMonthsLater, "", { program });
    // A leg the contracts check reported is left to it.
    if (ratio === undefined || later === undefined) return;
    legs.push({ ratio, monthsLater: later });
  }
  if (anchor === undefined) return;
  const problem = legPricingProblem(legs, anchor);
  if (problem === "shape")
    report(
      diag(Codes.LegPricingShape, s.span, "leg prices can be derived from the spread price only for two legs of ratio 1", {
        context,
        notes: [
          `the spread has ${legs.length} leg(s)${legs.length === 0 ? "" : `, of ratio ${legs.map((l) => l.ratio.toString()).join(", ")}`}`,
        ],
        hint: "state the leg prices of a spread of one leg bought and one sold, one for one, as calendar and inter-index spreads are",
      }),
    );
  else if (problem === "anchor")
    report(
      diag(
        Codes.LegPricingAnchor,
        s.anchorWord?.span ?? s.anchorLeg?.span ?? s.span,
        anchor.kind === "leg"
          ? `the spread has no leg ${anchor.leg}: it has ${legs.length}`
          : `the spread has no single ${anchor.kind} leg: both legs are in the same contract month`,
        {
          context,
          hint: anchor.kind === "leg" ? "number the legs from 1 in the order they are written" : "name the anchor by its place: `of leg 1`",
        },
      ),
    );
}
