/**
 * `models "A", "B" chosen per day` (issue 15): a source's priority list decided on each day of the index's window.
 * Checks the word (`chosen`: E2007) and that the index has a window whose days it is decided on (E5220, a function of
 * model/invariants.ts that the loader calls too). Called by the index check.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { priorityPerDayWithoutWindow } from "../model/invariants.js";
import type { IndexDecl } from "../syntax/ast.js";
import type { PriorityListStmt } from "../syntax/ast/indices.js";
import type { Report } from "./program.js";

type Context = readonly string[];

/** Checks the priority lists chosen per day of an index's sources. */
export function checkPriorityPerDay(decl: IndexDecl, context: Context, report: Report): void {
  const hasWindow = decl.statements.some((s) => s.kind === "Window");
  for (const source of decl.statements) {
    if (source.kind !== "Source") continue;
    for (const s of source.statements) {
      if (s.kind !== "PriorityList" || s.perDay === undefined) continue;
      checkOne(s, hasWindow, [...context, `source ${source.name?.name ?? "(unnamed)"}`], report);
    }
  }
}

function checkOne(s: PriorityListStmt, hasWindow: boolean, context: Context, report: Report): void {
  const perDay = s.perDay!;
  if (perDay.word.name !== "" && perDay.word.name !== "chosen")
    report(
      diag(Codes.UnknownWord, perDay.word.span, `\`${perDay.word.name}\`: the word here is \`chosen\``, {
        context,
        hint: `write \`${s.list} "…", "…" chosen per day\``,
      }),
    );
  if (priorityPerDayWithoutWindow(true, hasWindow))
    report(
      diag(Codes.PriorityPerDayWithoutWindow, perDay.span, `the ${s.list} are chosen per day, but the index has no window`, {
        context,
        notes: ["the first one present is chosen on each day of the window; without a window, a source's value is its latest observation"],
        hint: "add a window, e.g. `window from 16:00 on the previous day inclusive to 16:00 exclusive Europe/London`, or remove `chosen per day`",
      }),
    );
}
