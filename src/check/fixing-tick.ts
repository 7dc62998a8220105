/**
 * `fixings of INDEX on the tick` and `fixings of INDEX rounded to the tick MODE`: the index is one the contract
 * settles on (E5270, model/invariants.ts's rule, over the same walk of settling indices as E5007 and E5110), and the
 * rounding is to the tick (E5271; the mode itself is checked with every other rounding, in contracts.ts).
 */
import { Codes, diag } from "../diagnostics/index.js";
import { fixingTickIndexNotSettled } from "../model/invariants.js";
import { indicesSettledOn } from "./fallbacks.js";
import { declarationKind, type Program, type Report } from "./program.js";

/** Checks every contract's `fixings of …` statement. */
export function checkFixingTicks(program: Program, report: Report): void {
  for (const file of program.files) {
    const path = file.source.path;
    for (const decl of file.ast.declarations) {
      if (decl.kind !== "Future" && decl.kind !== "Option" && decl.kind !== "Spread") continue;
      const context = [`${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`, "fixings of"];
      for (const s of decl.statements) {
        if (s.kind !== "FixingTick") continue;
        const r = s.rounding;
        if (r !== undefined && (r.unrounded || (r.increment !== undefined && r.increment !== "tick")))
          report(
            diag(Codes.FixingTickNotTheTick, r.span, "a fixing is aligned to the contract's tick grid, not to another increment", {
              context,
              hint: "write `rounded to the tick half-up` (or another mode), or `on the tick` to refuse a fixing off the grid",
            }),
          );
        if (s.index === undefined) continue;
        const sym = program.visible(path).get(s.index.name);
        if (sym === undefined || sym.kind !== "index") continue;
        const settling = new Set(indicesSettledOn(program, path, decl));
        if (fixingTickIndexNotSettled(sym.name, settling))
          report(
            diag(Codes.FixingTickIndexNotSettled, s.index.span, `\`${s.index.name}\` is not an index this contract settles on`, {
              context,
              notes: [
                settling.size === 0
                  ? "the contract settles on no index"
                  : `it settles on ${[...settling].map((x) => `\`${x}\``).join(", ")}`,
              ],
              hint: "name the index whose fixings the final settlement reads",
            }),
          );
      }
    }
  }
}
