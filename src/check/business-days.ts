/**
 * The business-day calendars check: every rule of a contract that counts business days (an option's expiry N
 * business days before its underlying's, a payment delay, an averaging period, a postponement) counts them on a
 * calendar, the one it names (`on CALENDAR`) or else the contract's as the fallbacks check defines it
 * (`contractCalendar`: its last trading day's, its expiry's, or its underlying's or legs'). The calendar is recorded
 * for the lowering; a rule with neither is E5010 missing-calendar at the rule (a postponement's is reported by the
 * fallbacks check, with its own wording). Runs after the names check, whose resolutions it reads.
 */
import type { Span } from "../base/source.js";
import { Codes, diag } from "../diagnostics/index.js";
import type * as A from "../syntax/ast.js";
import { type BusinessDayRule, type CheckedRecord, fallbackDeadline } from "./checked.js";
import { contractCalendar } from "./fallbacks.js";
import { declarationKind, type Program, type Report } from "./program.js";

/** Records the calendar of every rule that counts business days, reporting the rules that have none. */
export function checkBusinessDayCalendars(program: Program, report: Report, record: CheckedRecord): void {
  for (const file of program.files) {
    for (const decl of file.ast.declarations) {
      if (decl.kind === "Future" || decl.kind === "Option" || decl.kind === "Spread")
        checkDeclaration(program, file.source.path, decl, report, record);
    }
  }
}

function checkDeclaration(program: Program, file: string, decl: A.Declaration, report: Report, record: CheckedRecord): void {
  let fallback: string | null | undefined;
  // The contract's calendar is searched once, on the first rule that needs it.
  const contractCal = (): string | undefined => {
    if (fallback === undefined) {
      const found = contractCalendar(program, file, decl);
      fallback = (found === undefined ? undefined : record.reference(found.ref)?.name) ?? null;
    }
    return fallback ?? undefined;
  };
  const context = [`${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`];
  const rule = (node: BusinessDayRule, ref: A.Ident | undefined, span: Span, reported = false): void => {
    if (ref !== undefined) {
      // A named calendar that does not resolve was reported by the names check.
      const named = record.reference(ref);
      if (named !== undefined) record.countsOn(node, named.name);
      return;
    }
    const cal = contractCal();
    if (cal !== undefined) {
      record.countsOn(node, cal);
      return;
    }
    if (reported) return;
    report(
      diag(Codes.MissingCalendar, span, "this rule counts business days, but no calendar says which days those are", {
        context,
        hint: "name the calendar with `on CALENDAR`",
      }),
    );
  };
  for (const s of decl.statements) {
    switch (s.kind) {
      case "Expiry":
        if (s.businessDaysBefore !== undefined) rule(s, s.calendar, s.span);
        break;
      case "Payment":
        rule(s, s.calendar, s.span);
        break;
      case "FinalSettlement":
        if (s.value?.kind === "IndexAverage" && s.value.days !== undefined) rule(s.value.days, s.value.days.calendar, s.value.days.span);
        break;
      case "Fallback":
        for (const step of s.steps) {
          if (step.action?.kind === "Postpone") rule(step.action, step.action.calendar, step.action.span, true);
          const deadline = fallbackDeadline(step.action);
          if (deadline !== undefined) rule(deadline, deadline.calendar, deadline.span);
        }
        break;
      default:
        break;
    }
  }
}
