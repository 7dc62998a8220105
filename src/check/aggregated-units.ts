/**
 * A position limit `aggregated with` other contracts adds their positions to the contract's own, one for one
 * (E3360 when a contract of the other is not the same quantity). CME counts aggregated contracts "on a net
 * futures-equivalent basis" with a ratio per contract (Rulebook Chapter 5, Rule 559, position limit table); the
 * language states no ratio, so only contracts of the same size aggregate: a Micro Bitcoin future (0.1 bitcoin) is not
 * one Bitcoin future (5 bitcoin). The rule is model/invariants.ts's `aggregationUnitProblem`, which the loader calls
 * too. Runs after the contract checks, reading the units they resolved.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { AGGREGATION_UNIT_MESSAGE, aggregationUnitProblem, type BaseQuantity } from "../model/invariants.js";
import type { Declaration } from "../syntax/ast.js";
import type { Program, Report } from "./program.js";
import { declarationKind } from "./program.js";
import { lookup } from "./symbols.js";
import { checkedUnit, decimalOf } from "./unit-of.js";

/**
 * A contract's unit in every version as quantities of base units. `asAggregated`: an option on a future counts as
 * its futures-equivalent position, in contracts of the future (a settlement request states it so); otherwise an
 * option's contract counts as the futures contracts it stands for. Empty when a unit is unknown (reported elsewhere).
 */
function quantities(program: Program, decl: Declaration, asAggregated: boolean, depth = 0): BaseQuantity[] {
  const out: BaseQuantity[] = [];
  for (const s of decl.statements) {
    if (s.kind !== "ContractUnit") continue;
    const amount = decimalOf(s.quantity?.amount);
    const unit = checkedUnit(program, s.quantity?.unit);
    if (amount === undefined || unit === undefined) return [];
    if (unit.kind === "unit") {
      out.push({ amount, factor: unit.unit.factor, dims: unit.unit.dims });
      continue;
    }
    // Futures contracts: the future's own unit (an option's underlying is a future, which has no such unit itself).
    if (depth > 0) return [];
    const future = quantities(program, unit.future.decl, false, depth + 1);
    if (future.length === 0) return [];
    for (const q of future) out.push(asAggregated ? q : { ...q, amount: q.amount.mul(amount) });
  }
  return out;
}

/** Reports every contract a position limit of `decl` aggregates whose contract unit differs from its own (E3360). */
export function checkAggregatedUnits(program: Program, decl: Declaration, file: string, report: Report): void {
  let own: BaseQuantity[] | undefined;
  for (const s of decl.statements) {
    if (s.kind !== "PositionLimit") continue;
    for (const name of s.aggregatedWith ?? []) {
      const other = lookup(program, file, name.name, ["future", "option"]);
      if (other === undefined || other.decl === decl) continue;
      own ??= quantities(program, decl, false);
      if (aggregationUnitProblem(own, quantities(program, other.decl, true)) === undefined) continue;
      report(
        diag(
          Codes.AggregatedUnitsDiffer,
          name.span,
          `the position limit is aggregated with \`${name.name}\`, whose contract is not the same quantity as one of ${decl.name?.name ?? "this contract"}`,
          {
            context: [`${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`, "position limit"],
            notes: [AGGREGATION_UNIT_MESSAGE],
            hint: `leave \`${name.name}\` out, or give it a limit of its own`,
          },
        ),
      );
    }
  }
}
