/**
 * Final and daily settlement of a contract: the future VWAP and `or at the final settlement price …` (E5202, E5350),
 * the settlement method (E5090), roundings of averages (E5008), fallbacks that never apply (E5091), and the steps
 * of a daily settlement procedure (their windows, counts, roundings, and carry formula).
 */
import { Codes, diag } from "../../diagnostics/index.js";
import {
  FUTURES_SETTLEMENT_MESSAGES,
  FUTURE_VWAP_MESSAGES,
  fallbackNeverApplies,
  futureVwapProblem,
  futuresSettlementProblem,
} from "../../model/invariants.js";
import { DAYS_IN_YEAR } from "../../runtime/bounds.js";
import type { DailyStep, Declaration, Ident, SettlementValue, FinalSettlementStmt } from "../../syntax/ast.js";
import { checkWindow } from "../windows.js";
import type { Report, Symbol } from "../program.js";
import { lookup } from "../symbols.js";
import { COUNT_BOUNDS } from "../counts.js";
import { decimalOf } from "../unit-of.js";
import { NET_CHANGE_MONTHS, settlementMethod, word } from "../words.js";
import { ContractChecker, statementsOf, type Context } from "./checker.js";

/** E5202: the VWAP of a future's trades settles an option on that future; its window is a window (E4xxx). */
export function checkFutureVwap(
  c: ContractChecker,
  v: Extract<SettlementValue, { kind: "FutureVwap" }>,
  decl: Declaration,
  underlying: { symbol: Symbol; ref: Ident } | undefined,
  context: Context,
): void {
  if (v.window !== undefined) checkWindow(v.window, "VWAP window", context, c.report);
  if (v.target === undefined) return;
  const kind = decl.kind === "Option" ? "option" : decl.kind === "Spread" ? "spread" : "future";
  const u = underlying === undefined ? undefined : { kind: underlying.symbol.kind, name: underlying.symbol.name };
  const problem = futureVwapProblem(kind, v.target.name, u);
  if (problem !== undefined)
    c.report(
      diag(Codes.FutureVwapMisplaced, v.target.span, FUTURE_VWAP_MESSAGES[problem], {
        context,
        hint:
          kind === "option" && u !== undefined
            ? `write \`the vwap of ${u.name} trades …\``
            : "state it in an option on the future, or settle at an index",
      }),
    );
}

/**
 * `, or at the final settlement price of FUTURE on its last trading day`: its words, and the future whose trades the
 * VWAP averages (E5350: the option takes that future's final settlement price on that future's last trading day).
 */
export function checkOrFinal(
  c: ContractChecker,
  o: NonNullable<FinalSettlementStmt["orFinal"]>,
  v: SettlementValue | undefined,
  context: Context,
): void {
  if (v !== undefined && v.kind !== "FutureVwap") {
    c.report(
      diag(
        Codes.OrFinalOtherFuture,
        o.span,
        "`or at the final settlement price of … on its last trading day` stands only after `at the vwap of FUTURE trades …`",
        {
          context,
          notes: ["it says which price an option fixed on a future's trades takes on that future's own last trading day"],
        },
      ),
    );
    return;
  }
  if (o.target === undefined || v?.target === undefined || o.target.name === v.target.name) return;
  c.report(
    diag(
      Codes.OrFinalOtherFuture,
      o.target.span,
      `the final settlement price of \`${o.target.name}\` stands beside the VWAP of \`${v.target.name}\` trades`,
      {
        context,
        notes: [
          "on the last trading day of the future whose trades the VWAP averages, the option takes that future's final settlement price",
        ],
        hint: `write \`, or at the final settlement price of ${v.target.name} on its last trading day\``,
      },
    ),
  );
}

/** E5091: a fallback of a contract settled only at another contract's final settlement price never applies. */
export function checkFallbackApplies(c: ContractChecker, decl: Declaration, context: Context): void {
  const finals = statementsOf(decl, "FinalSettlement");
  const fallbacks = statementsOf(decl, "Fallback");
  const kinds = finals.map((f) =>
    f.value?.kind === "UnderlyingFinal" ? "underlying-final" : f.value?.kind === "FutureVwap" ? "future-vwap" : (f.value?.kind ?? ""),
  );
  if (!fallbackNeverApplies(kinds, fallbacks.length)) return;
  const v0 = finals[0]?.value;
  const target = v0?.kind === "UnderlyingFinal" || v0?.kind === "FutureVwap" ? v0.target?.name : undefined;
  for (const fb of fallbacks)
    c.report(
      diag(Codes.FallbackNeverApplies, fb.span, "this fallback would never apply", {
        context: [...context, "fallback"],
        labels: finals.map((f) => ({ span: f.span, message: "the price is another contract's final settlement price" })),
        notes: [
          `the final settlement price${target === undefined ? "" : ` of ${target}`} is decided by that contract's own fallback, so no disruption reaches this one`,
        ],
        hint: target === undefined ? "move the fallback to the underlying contract" : `move the fallback to ${target}, or remove it`,
      }),
    );
}

/** The final settlement clauses: method, value, rounding and averaging days. */
export function checkFinalSettlements(
  c: ContractChecker,
  decl: Declaration,
  file: string,
  underlying: { symbol: Symbol; ref: Ident } | undefined,
  context: Context,
): void {
  for (const fs of statementsOf(decl, "FinalSettlement")) {
    if (fs.value?.kind === "FutureVwap") checkFutureVwap(c, fs.value, decl, underlying, [...context, "final settlement"]);
    if (fs.orFinal !== undefined) checkOrFinal(c, fs.orFinal, fs.value, [...context, "final settlement"]);
    const method = settlementMethod(fs.method, c.report, [...context, "final settlement"]);
    if (method === "futures" && fs.value !== undefined && fs.method !== undefined) {
      const target =
        fs.value.kind === "UnderlyingFinal" ? lookup(c.program, file, fs.value.target?.name, ["future", "option", "spread"]) : undefined;
      const kind = decl.kind === "Option" ? "option" : decl.kind === "Spread" ? "spread" : "future";
      const problem = futuresSettlementProblem(kind, {
        kind: fs.value.kind === "UnderlyingFinal" ? "underlying-final" : fs.value.kind,
        targetKind: target?.kind,
      });
      if (problem !== undefined)
        c.report(
          diag(Codes.FuturesSettlementMisplaced, fs.method.span, FUTURES_SETTLEMENT_MESSAGES[problem], {
            context: [...context, "final settlement"],
            hint: "write `final settlement in futures at the final settlement price of FUTURE, unrounded` in an option on FUTURE, or settle `in cash`",
          }),
        );
    }
    c.checkRounding(fs.rounding, decl, file, false, [...context, "final settlement"]);
    if (fs.value?.kind === "IndexAverage" && fs.rounding?.unrounded === true) {
      c.report(
        diag(Codes.UnroundedMayNotTerminate, fs.rounding.span, "an average may not be a terminating decimal, and it is settled unrounded", {
          context: [...context, "final settlement"],
          labels: [{ span: fs.value.span, message: "divides by the number of days" }],
          notes: ["the average of 10, 10 and 10.1 is 30.1 / 3 = 10.0(3), the 3 repeating without end; such a settlement fails"],
          hint: "round the final settlement price, e.g. `rounded to 0.0001 half-up`",
        }),
      );
    }
    if (fs.value?.kind === "IndexAverage" && fs.value.days?.kind === "LastBusinessDays") {
      c.count(fs.value.days.count, COUNT_BOUNDS.averagingDays, "the number of business days to average", [...context, "final settlement"]);
    }
  }
}

/** The daily settlement procedure: at least one step, each in a future where it must be, with its rounding. */
export function checkDailySettlements(c: ContractChecker, decl: Declaration, file: string, context: Context): void {
  for (const ds of statementsOf(decl, "DailySettlement")) {
    const ctx = [...context, "daily settlement"];
    if (ds.steps.length === 0) {
      c.report(
        diag(Codes.MissingClause, ds.span, "a daily settlement procedure needs at least one step", {
          context: ctx,
          notes: ["with no step there is no daily settlement price on any day"],
          hint: "number its steps 1., 2., … in the order they apply, e.g. `1. carry forward the prior settlement`",
        }),
      );
    }
    for (const step of ds.steps) {
      const stepCtx = [...ctx, `step ${step.number?.raw ?? "?"}`];
      if ((step.kind === "DailyNetChange" || step.kind === "DailyLeadSpread") && decl.kind !== "Future")
        c.report(
          diag(
            Codes.DeferredStepOutsideFuture,
            step.span,
            "a deferred-month step settles a month of a future's strip from another month of it",
            {
              context: stepCtx,
              notes: [`a ${decl.kind === "Option" ? "option" : "spread"} is not settled along a strip of months of one future`],
              hint: "state the step in the future's own `daily settlement`",
            },
          ),
        );
      if (step.kind === "DailyNetChange") word(NET_CHANGE_MONTHS, step.which, c.report, stepCtx);
      if (step.kind === "DailyCarryFormula") checkCarryFormula(step, decl, c.report, stepCtx);
      if (step.kind === "DailyCarry" || step.kind === "DailyNetChange") continue;
      if ((step.kind === "DailyVwap" || step.kind === "DailyLeadSpread") && step.window !== undefined)
        checkWindow(step.window, "VWAP window", stepCtx, c.report);
      if (step.kind === "DailyMidpointPeriod" && step.window !== undefined)
        checkWindow(step.window, "settlement period", stepCtx, c.report);
      if (step.kind === "DailyVwap" && step.moreThan !== undefined)
        c.count(step.moreThan, COUNT_BOUNDS.dailyTradesMoreThan, "the number of trades of the step's condition", stepCtx);
      if (step.rounding === undefined) {
        c.report(
          diag(Codes.MissingRounding, step.span, `the ${dailyStepWhat(step.kind)} of a daily settlement step needs an explicit rounding`, {
            context: stepCtx,
            notes: ["a VWAP or a midpoint is rarely on the tick; the contract must say how it is rounded"],
            hint: "add `, rounded to the tick half-toward-prior`",
          }),
        );
      } else c.checkRounding(step.rounding, decl, file, true, stepCtx);
    }
  }
}

/** What a daily step computes, for its messages. */
function dailyStepWhat(kind: DailyStep["kind"]): string {
  return kind === "DailyVwap"
    ? "VWAP"
    : kind === "DailyLeadSpread"
      ? "spread VWAP"
      : kind === "DailyCarryFormula"
        ? "carry"
        : kind === "DailyMidpointPeriod"
          ? "time-weighted midpoint"
          : "midpoint";
}

/** A daily carry step: in a future, dividing by 360 or 365 days (E5201, E5200). */
function checkCarryFormula(
  step: Extract<DailyStep, { kind: "DailyCarryFormula" }>,
  decl: Declaration,
  report: Report,
  context: readonly string[],
): void {
  if (decl.kind !== "Future")
    report(
      diag(Codes.CarryOutsideFuture, step.span, "a carry step prices a future from its reference rate and an interest rate", {
        context,
        notes: [`a ${decl.kind === "Option" ? "option's premium" : "spread's price"} is not the reference rate carried to expiration`],
        hint: "state the step in the future's own `daily settlement`",
      }),
    );
  const basis = step.basis;
  const days = basis === undefined ? undefined : decimalOf(basis)?.normalize().toString();
  if (basis !== undefined && !DAYS_IN_YEAR.some((d) => String(d) === days))
    report(
      diag(Codes.CarryDaysInYear, basis.span, `the days to expiration are divided by 360 or 365 days, not ${basis.raw}`, {
        context,
        notes: ["CME's carry calculation divides the days to expiration by 365"],
        hint: "write `per 365 days` (or `per 360 days`)",
      }),
    );
}
