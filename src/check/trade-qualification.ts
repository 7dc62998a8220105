/**
 * Trade qualification (issue 15): `exclude trades with volume below N`, `exclude trades deviating more than X%
 * from the previous trade`, and the rules on named fields of the record, `exclude trades flagged "affiliate"`,
 * `exclude trades of type "spread-leg"`, `exclude trades reversed within 5 minutes`, `exclude trades on the buy side`,
 * `exclude trades with counterparty "MM-01"`. Checks the words (`volume`, `previous trade`, `reversed`, `side`,
 * `counterparty`: E2007), a positive amount (E3003), a percentage in (0%, 100%] (E3006), a flag, type or counterparty
 * a record can hold (E2300), a side a record can hold (E2220), a reversal window of clock time up to a day (E3300),
 * and a window whose trades they judge (E5282). Called by the index check (indices.ts); each rule is a function of
 * model/invariants.ts that the loader calls too.
 */
import { Codes, diag } from "../diagnostics/index.js";
import {
  PERCENT_RANGES,
  isPositiveAmount,
  isRecordWord,
  isTradeSide,
  percentInRange,
  percentRangeText,
  reversalWindowProblem,
  tradeQualificationWithoutWindow,
} from "../model/invariants.js";
import type { ExcludeTradesWhereStmt, Ident, IndexDecl, Statement } from "../syntax/ast.js";
import type { Report } from "./program.js";
import { decimalOf, percentOf } from "./unit-of.js";
import { durationUnit } from "./words.js";

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
  const where = of("ExcludeTradesWhere");
  for (const s of where) checkWhere(s, context, report);
  const counterparties = of("Minimum").filter((m) => m.what === "counterparties");
  for (const m of counterparties) word(m.word, "counterparties", "`minimum counterparties 3`", context, report);
  if (counterparties[0] !== undefined && tradeQualificationWithoutWindow(true, of("Window").length > 0))
    report(
      diag(
        Codes.TradeQualificationWithoutWindow,
        counterparties[0].span,
        "counterparties are counted, but the index has no window of trades",
        {
          context,
          notes: ["the counterparties are those of each source's qualifying trades in the window"],
          hint: "add a window, e.g. `window from 15:00 inclusive to 16:00 exclusive Europe/London`",
        },
      ),
    );
  const first = below[0] ?? jumps[0] ?? where[0];
  if (first !== undefined && tradeQualificationWithoutWindow(true, of("Window").length > 0))
    report(
      diag(Codes.TradeQualificationWithoutWindow, first.span, "trades are excluded, but the index has no window of trades", {
        context,
        notes: ["without a window, each source's value is its latest observation at the fixing time, not trades"],
        hint: "add a window, e.g. `window from 15:00 inclusive to 16:00 exclusive Europe/London`",
      }),
    );
}

/** A rule on a named field of the record: its flag or type (E2300), or its reversal window (E2007, E3003, E3300). */
function checkWhere(s: ExcludeTradesWhereStmt, context: Context, report: Report): void {
  if (s.test === "side") {
    word(s.word, "side", "`exclude trades on the buy side`", context, report);
    if (s.side !== undefined && s.side.name !== "" && !isTradeSide(s.side.name))
      report(
        diag(Codes.TradeSide, s.side.span, `\`${s.side.name}\` is not a side a record can hold`, {
          context,
          notes: ["a record's `side` is `buy` or `sell`"],
          hint: "write `exclude trades on the buy side` or `exclude trades on the sell side`",
        }),
      );
    return;
  }
  if (s.test === "counterparty") word(s.word, "counterparty", '`exclude trades with counterparty "MM-01"`', context, report);
  if (s.value !== undefined && !isRecordWord(s.value.value))
    report(
      diag(
        Codes.RecordWord,
        s.value.span,
        `${JSON.stringify(s.value.value)} is not a ${s.test === "flagged" ? "flag" : s.test === "type" ? "trade type" : "counterparty"} a record can hold`,
        {
          context,
          notes: [
            "a record's `type` and `counterparty` are one word each, and its `flags` are words separated by `;`: letters, digits, `-`, `_` and `.`",
          ],
          hint:
            s.test === "flagged"
              ? 'write one flag per rule, e.g. `exclude trades flagged "affiliate"`'
              : s.test === "type"
                ? 'e.g. `exclude trades of type "spread-leg"`'
                : 'write one counterparty per rule, e.g. `exclude trades with counterparty "MM-01"`',
        },
      ),
    );
  if (s.test !== "reversed") return;
  word(s.word, "reversed", "`exclude trades reversed within 5 minutes`", context, report);
  const d = s.within;
  if (d === undefined) return;
  const unit = durationUnit(d.unit, report, context, d.business);
  const amount = decimalOf(d.amount);
  if (amount !== undefined && !isPositiveAmount(amount)) {
    report(diag(Codes.NonPositiveAmount, d.amount!.span, `a reversal window must be positive, not ${d.amount!.raw}`, { context }));
    return;
  }
  if (amount === undefined || (unit === undefined && !d.business)) return;
  const problem = reversalWindowProblem({ amount: amount.toString(), unit: d.business ? "business-days" : unit! });
  if (problem !== undefined)
    report(
      diag(
        Codes.ReversalWindow,
        d.span,
        problem === "business-days" ? "a reversal window is clock time, not business days" : "a reversal window is at most a day",
        { context, hint: "e.g. `exclude trades reversed within 5 minutes`" },
      ),
    );
}
