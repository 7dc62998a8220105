/**
 * The payment clause of a contract (`payment 1 business day after the final settlement day on EUREX`): counted from
 * the final settlement day, it needs a final settlement to count from (E5050, the rule of model/invariants.ts). Its
 * count is read against its range and its calendar resolved by the other checks, like every count and name.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { paymentWithoutFinalSettlement } from "../model/invariants.js";
import type { Declaration } from "../syntax/ast.js";
import type { Report } from "./program.js";

/** Reports a payment counted from a final settlement day the contract does not state (E5050). */
export function checkPayment(decl: Declaration, report: Report, context: readonly string[]): void {
  if (decl.kind !== "Future" && decl.kind !== "Option" && decl.kind !== "Spread") return;
  const finals = decl.statements.filter((s) => s.kind === "FinalSettlement").length;
  for (const s of decl.statements) {
    if (s.kind !== "Payment" || s.anchor === undefined || !paymentWithoutFinalSettlement(s.anchor, finals)) continue;
    report(
      diag(
        Codes.PaymentWithoutFinalSettlement,
        s.span,
        "the payment is counted from the final settlement day, but this contract states no final settlement",
        {
          context: [...context, "payment"],
          hint: "add a `final settlement …` clause, or count the payment from `the last trading day`",
        },
      ),
    );
  }
}
