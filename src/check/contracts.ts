/**
 * Contracts (futures, options, spreads): units by dimension and tick arithmetic, computed exactly with Decimal.
 * Every price-like amount (ticks of every tier, strike grid, automatic-exercise threshold, absolute price limits)
 * must be in the price quotation unit, which must be the underlying's (E3001); price × contract unit must be an
 * amount of money (E3007); ticks, contract units and strikes are positive, an automatic-exercise threshold zero or
 * more (E3003); strikes and absolute limits sit on the tick (E3004, E3005); tick tiers ascend, end open and change on the coarser tick (E3008); limit
 * percentages ascend within (0, 100] (E3006). Roundings: computed daily prices must be rounded (E5008),
 * `rounded to the tick` needs a tick, ties toward the prior settlement exist only in daily settlement.
 * Spreads: futures legs in one quote unit, positive ratios, both a buy and a sell (E5011). A settlement `in futures`
 * is an option's at the final settlement price of a future (E5090). Validates the
 * enumerated words of contract clauses (not of `last trading day` rules, which calendars.ts validates).
 * This file runs the checks clause group by clause group; they live in contracts/: checker.ts (underlying, price
 * unit, ticks, amounts, counts, roundings), units.ts, limits.ts, settlement.ts (final and daily), options.ts, spreads.ts.
 */
import { checkListing } from "./listings.js";
import type { Declaration, Statement } from "../syntax/ast.js";
import { checkAggregatedUnits } from "./aggregated-units.js";
import { checkDynamicLimits } from "./dynamic-limits.js";
import { checkPayment } from "./payment.js";
import { checkSessions } from "./sessions.js";
import type { CheckedRecord } from "./checked.js";
import type { Program, Report } from "./program.js";
import { lookup } from "./symbols.js";
import { COUNT_BOUNDS } from "./counts.js";
import { unitOf, type ContractUnits, type UnitContext } from "./unit-of.js";
import { exerciseStyle, optionRight } from "./words.js";
import { ContractChecker, contextOf, statementsOf, type Context } from "./contracts/checker.js";
import { checkContractUnit, checkQuoteUnit, checkTick } from "./contracts/units.js";
import { checkLimitBreach, checkLimitRounding, checkPriceLimits } from "./contracts/limits.js";
import { checkDailySettlements, checkFallbackApplies, checkFinalSettlements } from "./contracts/settlement.js";
import { checkOption } from "./contracts/options.js";
import { checkSpread } from "./contracts/spreads.js";

/** Checks every future, option and spread of the program. */
export function checkContracts(program: Program, report: Report, record?: CheckedRecord): void {
  const contracts: { decl: Declaration; file: string }[] = [];
  for (const file of program.files) {
    for (const decl of file.ast.declarations) {
      if (decl.kind === "Future" || decl.kind === "Option" || decl.kind === "Spread") contracts.push({ decl, file: file.source.path });
    }
  }
  // Resolve every contract's own quote unit first, in its own context, so that a unit word error is reported
  // once and where it is written, even when another contract reaches this one through its underlying.
  for (const { decl } of contracts) {
    for (const s of decl.statements) if (s.kind === "Quoted") unitOf(s.unit, { program, report, context: [contextOf(decl)] });
  }
  const checker = new ContractChecker(program, report, record);
  for (const { decl, file } of contracts) checkContract(checker, decl, file);
  // Needs every contract's units resolved by its own check first.
  for (const { decl, file } of contracts) checkAggregatedUnits(program, decl, file, report);
}

/** Checks one future, option or spread, clause group by clause group. */
function checkContract(c: ContractChecker, decl: Declaration, file: string): void {
  const context: Context = [contextOf(decl)];
  const contracts: ContractUnits | undefined =
    decl.kind === "Option"
      ? {
          lookup: (name) => lookup(c.program, file, name, ["future"]),
          names: () => [...c.program.visible(file).values()].filter((s) => s.kind === "future").map((s) => s.name),
        }
      : undefined;
  const units: UnitContext =
    contracts === undefined
      ? { program: c.program, report: c.report, context }
      : { program: c.program, report: c.report, context, contracts };

  const underlying = c.underlyingOf(decl, file);
  const price = checkQuoteUnit(c, decl, file, underlying, context);

  for (const tick of statementsOf(decl, "Tick")) checkTick(c, tick, price, units, context);
  for (const cu of statementsOf(decl, "ContractUnit")) checkContractUnit(c, decl, cu.quantity, price, underlying, units, context);
  for (const pl of statementsOf(decl, "PriceLimits")) {
    checkPriceLimits(c, decl, pl.limits, price, units, context);
    if (pl.rounding !== undefined) checkLimitRounding(c, pl.rounding, pl.limits, decl, file, [...context, "price limits"]);
    if (pl.breach !== undefined) checkLimitBreach(c, decl, pl.breach, context);
  }
  for (const dl of statementsOf(decl, "DynamicPriceLimits")) {
    checkDynamicLimits(dl, c.report, context);
    c.checkRounding(dl.rounding, decl, file, false, [...context, "dynamic price limits"]);
  }
  checkFinalSettlements(c, decl, file, underlying, context);
  checkFallbackApplies(c, decl, context);
  checkDailySettlements(c, decl, file, context);
  for (const s of decl.statements) checkSimple(c, s, context);
  checkPayment(decl, c.report, context);
  checkSessions(decl, c.report, context, c.record);
  for (const s of decl.statements)
    if (s.kind === "PaymentAmounts") c.checkRounding(s.rounding, decl, file, false, [...context, "payment amounts"]);
    else if (s.kind === "FixingTick") c.checkRounding(s.rounding, decl, file, false, [...context, "fixings of"]);
    else if (s.kind === "Fallback")
      for (const step of s.steps)
        if (step.action?.kind === "DealerPoll")
          c.checkRounding(step.action.rounding, decl, file, false, [...context, "fallback", `step ${step.number?.raw ?? "?"}`]);

  if (decl.kind === "Option") checkOption(c, decl, file, price, underlying, units, context);
  if (decl.kind === "Spread") checkSpread(c, decl, file, context);
}

/** Words and counts of clauses that need no units. */
function checkSimple(c: ContractChecker, s: Statement, context: Context): void {
  switch (s.kind) {
    case "Listing":
      checkListing(s, c.report, [...context, "listing"], (n, bound, what) => c.count(n, bound, what, [...context, "listing"]));
      return;
    case "PositionLimit":
      c.count(s.count, COUNT_BOUNDS.positionLimit, "a position limit", [...context, "position limit"]);
      return;
    case "Expiry":
      if (s.businessDaysBefore !== undefined)
        c.count(s.businessDaysBefore, COUNT_BOUNDS.expiryDaysBefore, "the number of business days before the underlying", [
          ...context,
          "expiry",
        ]);
      return;
    case "OptionType":
      for (const r of s.rights) optionRight(r, c.report, [...context, "type"]);
      return;
    case "Exercise":
      exerciseStyle(s.style, c.report, [...context, "exercise"]);
      return;
    case "Payment":
      c.count(s.businessDays, COUNT_BOUNDS.paymentDays, "the number of business days of the payment", [...context, "payment"]);
      return;
    default:
      return;
  }
}
