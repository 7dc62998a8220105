/**
 * Trade qualification (issue 15): `exclude trades with volume below N` and `exclude trades deviating more than X%
 * from the previous trade`. Checks the words (`volume`, `previous trade`: E2007), a positive amount (E3003), a
 * percentage in (0%, 100%] (E3006), and a window whose trades they judge (E5282). Called by the index check
 * (indices.ts); the window rule is a function of model/invariants.ts that the loader calls too.
 */
import { Codes, diag } from "../diagnostics/index.js";
import {
  PERCENT_RANGES,
  isPositiveAmount,
  percentInRange,
  percentRangeText,
  tradeQualificationWithoutWindow,
} from "../model/invariants.js";
import type { Ident, IndexDecl, Statement } from "../syntax/ast.js";
import type { Report } from "./program.js";
import { decimalOf, percentOf } from "./unit-of.js";

type Context = readonly string[];

function word(id: Ident | undefined, expected: string, example: string, context: Context, report: Report): void {
  if (id === undefined || id.name === "" || id.name === expected) return;
  report(diag(Codes.UnknownWord, id.span, `\`${id.name}\`: the word here is \`${expected}\``, { context, hint: `write ${example}` }));
}

/** Checks the trade qualification rules of an index. */
export function checkTradeQualification(decl: IndexDecl, context: Context, report: Report): void {
  const of = <K extends Statement["kind"]>(kind: K): Extract<Statement, { kind: K }>[] =>
    decl.statements.filter((s): s is Extract<Statement, { kind: K }> => s.kind === kind);
  const below = of("ExcludeTradesBelow");
  const jumps = of("ExcludeTradeJumps");
  for (const s of below) {
    word(s.field, "volume", "`exclude trades with volume below 0.01`", context, report);
    const v = decimalOf(s.amount);
    if (v !== undefined && !isPositiveAmount(v))
      report(diag(Codes.NonPositiveAmount, s.amount!.span, `a minimum trade volume must be positive, not ${s.amount!.raw}`, { context }));
  }
  for (const s of jumps) {
    word(s.previous, "previous", "`exclude trades deviating more than 10% from the previous trade`", context, report);
    word(s.trade, "trade", "`exclude trades deviating more than 10% from the previous trade`", context, report);
    const p = percentOf(s.percent);
    if (p !== undefined && !percentInRange(p, PERCENT_RANGES.deviation))
      report(
        diag(
          Codes.InvalidPercentage,
          s.percent!.span,
          `a deviation threshold must be ${percentRangeText(PERCENT_RANGES.deviation)}, not ${s.percent!.raw}`,
          { context },
        ),
      );
  }
  const first = below[0] ?? jumps[0];
  if (first !== undefined && tradeQualificationWithoutWindow(true, of("Window").length > 0))
    report(
      diag(Codes.TradeQualificationWithoutWindow, first.span, "trades are excluded, but the index has no window of trades", {
        context,
        notes: ["without a window, each source's value is its latest observation at the fixing time, not trades"],
        hint: "add a window, e.g. `window from 15:00 inclusive to 16:00 exclusive Europe/London`",
      }),
    );
}
