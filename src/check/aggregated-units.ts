/**
 * A position limit `aggregated with` other contracts adds their positions to the contract's own, one for one
 * (E3360 when a contract of the other is not the same quantity). CME counts aggregated contracts "on a net
 * futures-equivalent basis" with a ratio per contract (Rulebook Chapter 5, Rule 559, position limit table); the
 * language states no ratio, so only contracts of the same size aggregate: a Micro Bitcoin future (0.1 bitcoin) is not
 * one Bitcoin future (5 bitcoin). The rule is model/invariants.ts's `aggregationUnitProblem`, which the loader calls
 * too. Runs after the contract checks, reading the units they resolved.
 */
import { Codes, diag } from "../diagnostics/index.js";
import {
  AGGREGATION_UNIT_MESSAGE,
  aggregationUnitProblem,
  futuresEquivalents,
  type BaseQuantity,
  type UnitOfContract,
} from "../model/invariants.js";
import type { Declaration } from "../syntax/ast.js";
import type { Program, Report } from "./program.js";
import { declarationKind } from "./program.js";
import { lookup } from "./symbols.js";
import { checkedUnit, decimalOf } from "./unit-of.js";

/** A contract's units, every version, as the check resolved them (undefined: not resolved, reported elsewhere). */
function unitsOf(program: Program, decl: Declaration): (UnitOfContract | undefined)[] {
  return decl.statements.flatMap((s): (UnitOfContract | undefined)[] => {
    if (s.kind !== "ContractUnit") return [];
    const amount = decimalOf(s.quantity?.amount);
    const unit = checkedUnit(program, s.quantity?.unit);
    if (amount === undefined || unit === undefined) return [undefined];
    return unit.kind === "unit"
      ? [{ kind: "quantity", quantity: { amount, factor: unit.unit.factor, dims: unit.unit.dims } }]
      : [{ kind: "contracts", amount, future: unit.future.name }];
  });
}

/** A contract's units as quantities of base units (model/invariants.ts `futuresEquivalents`). */
function quantities(program: Program, decl: Declaration, file: string, asAggregated: boolean): BaseQuantity[] {
  const futureOf = (name: string) => {
    const f = lookup(program, file, name, ["future"]);
    return f === undefined ? undefined : unitsOf(program, f.decl);
  };
  return futuresEquivalents(unitsOf(program, decl), futureOf, asAggregated);
}

/** Reports every contract a position limit of `decl` aggregates whose contract unit differs from its own (E3360). */
export function checkAggregatedUnits(program: Program, decl: Declaration, file: string, report: Report): void {
  let own: BaseQuantity[] | undefined;
  for (const s of decl.statements) {
    if (s.kind !== "PositionLimit") continue;
    for (const name of s.aggregatedWith ?? []) {
      const other = lookup(program, file, name.name, ["future", "option"]);
      if (other === undefined || other.decl === decl) continue;
      own ??= quantities(program, decl, file, false);
      if (aggregationUnitProblem(own, quantities(program, other.decl, other.file, true)) === undefined) continue;
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
