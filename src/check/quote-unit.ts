/**
 * Versions of `price quoted in` (a contract) or `quoted in` (an index) are in one unit (E3001): every amount of the
 * declaration is written in, or converted to, the first version's unit. One check for both declaration kinds.
 */
import type { Span } from "../base/source.js";
import { format, sameUnit, type Unit } from "../base/units.js";
import { Codes, diag } from "../diagnostics/index.js";
import { quoteUnitChange } from "../model/invariants.js";
import type { QuotedStmt } from "../syntax/ast.js";
import type { Program, Report } from "./program.js";
import { unitOf } from "./unit-of.js";

/** Reports the first version quoted in another unit than the first; `what` is "price" or "index", `why` the note. */
export function checkOneQuoteUnit(
  program: Program,
  quoted: readonly QuotedStmt[],
  what: "price" | "index",
  why: string,
  context: readonly string[],
  report: Report,
): void {
  const units: { unit: Unit; span: Span }[] = [];
  for (const q of quoted) {
    const u = unitOf(q.unit, { program });
    if (u?.kind === "unit" && q.unit !== undefined) units.push({ unit: u.unit, span: q.unit.span });
  }
  const change = quoteUnitChange(
    units.map((u) => u.unit),
    sameUnit,
  );
  if (change === undefined) return;
  const first = units[0]!;
  const other = units[change]!;
  report(
    diag(
      Codes.UnitMismatch,
      other.span,
      `unit mismatch: this version of the ${what} is quoted in ${format(other.unit)}, the first in ${format(first.unit)}`,
      {
        context,
        labels: [{ span: first.span, message: `the first version is quoted in ${format(first.unit)}` }],
        notes: [why],
        hint: `quote every version in ${format(first.unit)}`,
      },
    ),
  );
}
