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
 */
import type { Span } from "../base/source.js";
import { convertAmount, equalDimension, format, sameUnit, type Unit } from "../base/units.js";
import { Codes, diag } from "../diagnostics/index.js";
import { checkListing } from "./listings.js";
import {
  PERCENT_RANGES,
  contractUnitGivesMoney,
  FUTURES_SETTLEMENT_MESSAGES,
  FUTURE_VWAP_MESSAGES,
  fallbackNeverApplies,
  futureVwapProblem,
  futuresSettlementProblem,
  isOneSided,
  isPositiveAmount,
  percentRangeText,
  priceLimitProblems,
  quoteUnitChange,
  roundingProblems,
  strikeOffTick,
  tickTierProblem,
  type LimitValue,
} from "../model/invariants.js";
import { Decimal } from "../runtime/numbers/decimal.js";
import { DAYS_IN_YEAR } from "../runtime/bounds.js";
import type {
  DailyStep,
  Declaration,
  Ident,
  NumberLit,
  PercentLit,
  Quantity,
  Rounding,
  SettlementValue,
  FinalSettlementStmt,
  Statement,
  TickStmt,
  TickTier,
  UnitTerm,
} from "../syntax/ast.js";
import { checkWindow } from "./windows.js";
import { checkAggregatedUnits } from "./aggregated-units.js";
import { checkStrikeListing } from "./strike-listing.js";
import { checkDynamicLimits } from "./dynamic-limits.js";
import { checkPayment } from "./payment.js";
import { checkSessions } from "./sessions.js";
import type { CheckedRecord } from "./checked.js";
import type { Program, Report, Symbol } from "./program.js";
import { declarationKind } from "./program.js";
import { lookup } from "./symbols.js";
import { COUNT_BOUNDS, countOf, type CountBound } from "./counts.js";
import { decimalOf, percentOf, quantityOf, unitOf, unitText, type ContractUnits, type QuantityValue, type UnitContext } from "./unit-of.js";
import { NET_CHANGE_MONTHS, exerciseStyle, legSide, optionRight, priceLimitBreach, roundingMode, settlementMethod, word } from "./words.js";

type Context = readonly string[];

/** A price unit and where it comes from, for messages and labels. */
interface PriceUnit {
  readonly unit: Unit;
  /** The unit as written, for labels. */
  readonly span: Span;
  /** "price is quoted in", "the underlying index AITOK_OUT is quoted in", … */
  readonly origin: string;
}

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
  for (const { decl, file } of contracts) checker.check(decl, file);
  // Needs every contract's units resolved by its own check first.
  for (const { decl, file } of contracts) checkAggregatedUnits(program, decl, file, report);
}

function contextOf(decl: Declaration): string {
  return `${declarationKind(decl)} ${decl.name?.name ?? "(unnamed)"}`;
}

function statementsOf<K extends Statement["kind"]>(decl: Declaration, kind: K): Extract<Statement, { kind: K }>[] {
  return decl.statements.filter((s): s is Extract<Statement, { kind: K }> => s.kind === kind);
}

class ContractChecker {
  /** Resolves units of other declarations silently: their own checks report their errors. */
  private readonly silent: UnitContext;

  constructor(
    private readonly program: Program,
    private readonly report: Report,
    private readonly record?: CheckedRecord,
  ) {
    this.silent = { program };
  }

  // -------------------------------------------------------------------------------------------------------
  // What a contract stands on

  /** The underlying of a contract: `underlying X`, else the index or future its final settlement names. */
  underlyingOf(decl: Declaration, file: string): { symbol: Symbol; ref: Ident } | undefined {
    for (const s of statementsOf(decl, "Underlying")) {
      const sym = lookup(this.program, file, s.target?.name, ["index", "future"]);
      if (sym !== undefined && s.target !== undefined) return { symbol: sym, ref: s.target };
    }
    for (const s of statementsOf(decl, "FinalSettlement")) {
      const v = s.value;
      const ref = v?.kind === "IndexAt" || v?.kind === "IndexAverage" ? v.index : v?.kind === "UnderlyingFinal" ? v.target : undefined;
      const sym = lookup(this.program, file, ref?.name, ["index", "future"]);
      if (sym !== undefined && ref !== undefined) return { symbol: sym, ref };
    }
    return undefined;
  }

  /** The unit a declaration's own `quoted in` states, resolved silently (its own check reports errors). */
  ownUnit(decl: Declaration): PriceUnit | undefined {
    const q = statementsOf(decl, "Quoted")[0];
    const u = unitOf(q?.unit, this.silent);
    if (u?.kind !== "unit" || q?.unit === undefined) return undefined;
    const what = decl.kind === "Index" ? `the index ${decl.name?.name ?? ""} is quoted in` : `${contextOf(decl)} is quoted in`;
    return { unit: u.unit, span: q.unit.span, origin: what };
  }

  /** The price unit of an index or contract: its own, else its underlying's (or, for a spread, its first leg's). */
  priceUnitOf(decl: Declaration, file: string, visiting: Set<Declaration> = new Set()): PriceUnit | undefined {
    const own = this.ownUnit(decl);
    if (own !== undefined || decl.kind === "Index" || decl.kind === "Calendar" || visiting.has(decl)) return own;
    visiting.add(decl);
    if (decl.kind === "Spread") {
      for (const leg of statementsOf(decl, "Leg")) {
        const sym = lookup(this.program, file, leg.contract?.name, ["future"]);
        if (sym !== undefined) return this.priceUnitOf(sym.decl, sym.file, visiting);
      }
      return undefined;
    }
    const u = this.underlyingOf(decl, file);
    return u === undefined ? undefined : this.priceUnitOf(u.symbol.decl, u.symbol.file, visiting);
  }

  /** The tick tiers of a variant (every version: a strike or a limit must fit each), resolved silently. */
  ticksOf(decl: Declaration, variant: TickStmt["variant"]): { tiers: QuantityValue[] } | undefined {
    const tiers: QuantityValue[] = [];
    for (const stmt of statementsOf(decl, "Tick").filter((t) => t.variant === variant)) {
      for (const t of stmt.tiers) {
        const q = quantityOf(t.tick, this.silent);
        if (q === undefined || q.unit.kind !== "unit" || !isPositiveAmount(q.amount)) return undefined;
        tiers.push(q);
      }
    }
    return tiers.length === 0 ? undefined : { tiers };
  }

  // -------------------------------------------------------------------------------------------------------
  // The checks

  /** E5202: the VWAP of a future's trades settles an option on that future; its window is a window (E4xxx). */
  private checkFutureVwap(
    v: Extract<SettlementValue, { kind: "FutureVwap" }>,
    decl: Declaration,
    underlying: { symbol: Symbol; ref: Ident } | undefined,
    context: Context,
  ): void {
    if (v.window !== undefined) checkWindow(v.window, "VWAP window", context, this.report);
    if (v.target === undefined) return;
    const kind = decl.kind === "Option" ? "option" : decl.kind === "Spread" ? "spread" : "future";
    const u = underlying === undefined ? undefined : { kind: underlying.symbol.kind, name: underlying.symbol.name };
    const problem = futureVwapProblem(kind, v.target.name, u);
    if (problem !== undefined)
      this.report(
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
  private checkOrFinal(o: NonNullable<FinalSettlementStmt["orFinal"]>, v: SettlementValue | undefined, context: Context): void {
    if (v !== undefined && v.kind !== "FutureVwap") {
      this.report(
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
    this.report(
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
  private checkFallbackApplies(decl: Declaration, context: Context): void {
    const finals = statementsOf(decl, "FinalSettlement");
    const fallbacks = statementsOf(decl, "Fallback");
    const kinds = finals.map((f) =>
      f.value?.kind === "UnderlyingFinal" ? "underlying-final" : f.value?.kind === "FutureVwap" ? "future-vwap" : (f.value?.kind ?? ""),
    );
    if (!fallbackNeverApplies(kinds, fallbacks.length)) return;
    const v0 = finals[0]?.value;
    const target = v0?.kind === "UnderlyingFinal" || v0?.kind === "FutureVwap" ? v0.target?.name : undefined;
    for (const fb of fallbacks)
      this.report(
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

  check(decl: Declaration, file: string): void {
    const context: Context = [contextOf(decl)];
    const contracts: ContractUnits | undefined =
      decl.kind === "Option"
        ? {
            lookup: (name) => lookup(this.program, file, name, ["future"]),
            names: () => [...this.program.visible(file).values()].filter((s) => s.kind === "future").map((s) => s.name),
          }
        : undefined;
    const units: UnitContext =
      contracts === undefined
        ? { program: this.program, report: this.report, context }
        : { program: this.program, report: this.report, context, contracts };

    const underlying = this.underlyingOf(decl, file);
    const price = this.checkQuoteUnit(decl, file, underlying, context);

    for (const tick of statementsOf(decl, "Tick")) this.checkTick(tick, price, units, context);
    for (const cu of statementsOf(decl, "ContractUnit")) this.checkContractUnit(decl, cu.quantity, price, underlying, units, context);
    for (const pl of statementsOf(decl, "PriceLimits")) {
      this.checkPriceLimits(decl, pl.limits, price, units, context);
      if (pl.rounding !== undefined) this.checkLimitRounding(pl.rounding, pl.limits, decl, file, [...context, "price limits"]);
      if (pl.breach !== undefined) this.checkLimitBreach(decl, pl.breach, context);
    }
    for (const dl of statementsOf(decl, "DynamicPriceLimits")) {
      checkDynamicLimits(dl, this.report, context);
      this.checkRounding(dl.rounding, decl, file, false, [...context, "dynamic price limits"]);
    }
    for (const fs of statementsOf(decl, "FinalSettlement")) {
      if (fs.value?.kind === "FutureVwap") this.checkFutureVwap(fs.value, decl, underlying, [...context, "final settlement"]);
      if (fs.orFinal !== undefined) this.checkOrFinal(fs.orFinal, fs.value, [...context, "final settlement"]);
      const method = settlementMethod(fs.method, this.report, [...context, "final settlement"]);
      if (method === "futures" && fs.value !== undefined && fs.method !== undefined) {
        const target =
          fs.value.kind === "UnderlyingFinal"
            ? lookup(this.program, file, fs.value.target?.name, ["future", "option", "spread"])
            : undefined;
        const kind = decl.kind === "Option" ? "option" : decl.kind === "Spread" ? "spread" : "future";
        const problem = futuresSettlementProblem(kind, {
          kind: fs.value.kind === "UnderlyingFinal" ? "underlying-final" : fs.value.kind,
          targetKind: target?.kind,
        });
        if (problem !== undefined)
          this.report(
            diag(Codes.FuturesSettlementMisplaced, fs.method.span, FUTURES_SETTLEMENT_MESSAGES[problem], {
              context: [...context, "final settlement"],
              hint: "write `final settlement in futures at the final settlement price of FUTURE, unrounded` in an option on FUTURE, or settle `in cash`",
            }),
          );
      }
      this.checkRounding(fs.rounding, decl, file, false, [...context, "final settlement"]);
      if (fs.value?.kind === "IndexAverage" && fs.rounding?.unrounded === true) {
        this.report(
          diag(
            Codes.UnroundedMayNotTerminate,
            fs.rounding.span,
            "an average may not be a terminating decimal, and it is settled unrounded",
            {
              context: [...context, "final settlement"],
              labels: [{ span: fs.value.span, message: "divides by the number of days" }],
              notes: ["the average of 10, 10 and 10.1 is 30.1 / 3 = 10.0(3), the 3 repeating without end; such a settlement fails"],
              hint: "round the final settlement price, e.g. `rounded to 0.0001 half-up`",
            },
          ),
        );
      }
      if (fs.value?.kind === "IndexAverage" && fs.value.days?.kind === "LastBusinessDays") {
        this.count(fs.value.days.count, COUNT_BOUNDS.averagingDays, "the number of business days to average", [
          ...context,
          "final settlement",
        ]);
      }
    }
    this.checkFallbackApplies(decl, context);
    for (const ds of statementsOf(decl, "DailySettlement")) {
      const ctx = [...context, "daily settlement"];
      if (ds.steps.length === 0) {
        this.report(
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
          this.report(
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
        if (step.kind === "DailyNetChange") word(NET_CHANGE_MONTHS, step.which, this.report, stepCtx);
        if (step.kind === "DailyCarryFormula") checkCarryFormula(step, decl, this.report, stepCtx);
        if (step.kind === "DailyCarry" || step.kind === "DailyNetChange") continue;
        if ((step.kind === "DailyVwap" || step.kind === "DailyLeadSpread") && step.window !== undefined)
          checkWindow(step.window, "VWAP window", stepCtx, this.report);
        if (step.kind === "DailyMidpointPeriod" && step.window !== undefined)
          checkWindow(step.window, "settlement period", stepCtx, this.report);
        if (step.kind === "DailyVwap" && step.moreThan !== undefined)
          this.count(step.moreThan, COUNT_BOUNDS.dailyTradesMoreThan, "the number of trades of the step's condition", stepCtx);
        if (step.rounding === undefined) {
          this.report(
            diag(
              Codes.MissingRounding,
              step.span,
              `the ${dailyStepWhat(step.kind)} of a daily settlement step needs an explicit rounding`,
              {
                context: stepCtx,
                notes: ["a VWAP or a midpoint is rarely on the tick; the contract must say how it is rounded"],
                hint: "add `, rounded to the tick half-toward-prior`",
              },
            ),
          );
        } else this.checkRounding(step.rounding, decl, file, true, stepCtx);
      }
    }
    for (const s of decl.statements) this.checkSimple(s, context);
    checkPayment(decl, this.report, context);
    checkSessions(decl, this.report, context, this.record);
    for (const s of decl.statements)
      if (s.kind === "PaymentAmounts") this.checkRounding(s.rounding, decl, file, false, [...context, "payment amounts"]);
      else if (s.kind === "FixingTick") this.checkRounding(s.rounding, decl, file, false, [...context, "fixings of"]);
      else if (s.kind === "Fallback")
        for (const step of s.steps)
          if (step.action?.kind === "DealerPoll")
            this.checkRounding(step.action.rounding, decl, file, false, [...context, "fallback", `step ${step.number?.raw ?? "?"}`]);

    if (decl.kind === "Option") this.checkOption(decl, file, price, underlying, units, context);
    if (decl.kind === "Spread") this.checkSpread(decl, file, context);
  }

  /** Words and counts of clauses that need no units. */
  checkSimple(s: Statement, context: Context): void {
    switch (s.kind) {
      case "Listing":
        checkListing(s, this.report, [...context, "listing"], (n, bound, what) => this.count(n, bound, what, [...context, "listing"]));
        return;
      case "PositionLimit":
        this.count(s.count, COUNT_BOUNDS.positionLimit, "a position limit", [...context, "position limit"]);
        return;
      case "Expiry":
        if (s.businessDaysBefore !== undefined)
          this.count(s.businessDaysBefore, COUNT_BOUNDS.expiryDaysBefore, "the number of business days before the underlying", [
            ...context,
            "expiry",
          ]);
        return;
      case "OptionType":
        for (const r of s.rights) optionRight(r, this.report, [...context, "type"]);
        return;
      case "Exercise":
        exerciseStyle(s.style, this.report, [...context, "exercise"]);
        return;
      case "Payment":
        this.count(s.businessDays, COUNT_BOUNDS.paymentDays, "the number of business days of the payment", [...context, "payment"]);
        return;
      default:
        return;
    }
  }

  /** Reports a count outside its range (E3003, E3010); returns it when in range (see counts.ts). */
  count(n: NumberLit | undefined, bound: CountBound, what: string, context: Context): number | undefined {
    return countOf(n, bound, what, { program: this.program, report: this.report, context });
  }

  /** Reports a number that is not strictly positive (E3003); returns it when positive. */
  positive(n: NumberLit | undefined, what: string, context: Context, span?: Span): Decimal | undefined {
    const v = decimalOf(n);
    if (n === undefined || v === undefined) return undefined;
    if (v.isPositive()) return v;
    this.report(diag(Codes.NonPositiveAmount, span ?? n.span, `${what} must be positive, not ${n.raw}`, { context }));
    return undefined;
  }

  /** The contract's quote unit, checked against its underlying's (E3001). */
  checkQuoteUnit(
    decl: Declaration,
    file: string,
    underlying: { symbol: Symbol; ref: Ident } | undefined,
    context: Context,
  ): PriceUnit | undefined {
    const own = this.ownUnit(decl);
    this.checkOneQuoteUnit(decl, context);
    const base = underlying === undefined ? undefined : this.priceUnitOf(underlying.symbol.decl, underlying.symbol.file);
    if (own !== undefined && base !== undefined && !sameUnit(own.unit, base.unit)) {
      const what = `the underlying ${underlying!.symbol.kind} ${underlying!.symbol.name}`;
      this.report(
        diag(Codes.UnitMismatch, own.span, `unit mismatch: the price is quoted in ${format(own.unit)}, ${what} in ${format(base.unit)}`, {
          context,
          labels: [{ span: underlying!.ref.span, message: `${underlying!.symbol.name} is quoted in ${format(base.unit)}` }],
          notes: ["a contract settles on its underlying's value, so it must be quoted in the same unit"],
          hint: `quote the price in ${format(base.unit)}`,
        }),
      );
    }
    if (own !== undefined) return { ...own, origin: "price is quoted in" };
    if (base === undefined) return undefined;
    return { ...base, origin: `${underlying!.symbol.name} is quoted in` };
  }

  /** Versions of `price quoted in` are in one unit (E3001): every price-like amount is checked against the first. */
  checkOneQuoteUnit(decl: Declaration, context: Context): void {
    const quotes: { unit: Unit; span: Span }[] = [];
    for (const q of statementsOf(decl, "Quoted")) {
      const u = unitOf(q.unit, this.silent);
      if (u?.kind === "unit" && q.unit !== undefined) quotes.push({ unit: u.unit, span: q.unit.span });
    }
    const change = quoteUnitChange(
      quotes.map((q) => q.unit),
      sameUnit,
    );
    if (change === undefined) return;
    const first = quotes[0]!;
    const other = quotes[change]!;
    this.report(
      diag(
        Codes.UnitMismatch,
        other.span,
        `unit mismatch: this version of the price is quoted in ${format(other.unit)}, the first in ${format(first.unit)}`,
        {
          context,
          labels: [{ span: first.span, message: `the first version is quoted in ${format(first.unit)}` }],
          notes: ["ticks, strikes and limits are written in one quote unit, so every version of the quotation must use it"],
          hint: `quote every version in ${format(first.unit)}`,
        },
      ),
    );
  }

  /** Checks a price-like quantity: in the quote unit (E3001) and positive (E3003). Returns it when both hold. */
  priceAmount(
    q: Quantity | undefined,
    what: string,
    price: PriceUnit | undefined,
    units: UnitContext,
    context: Context,
    mustBePositive: boolean | "or-zero" = true,
  ): QuantityValue | undefined {
    const v = quantityOf(q, { program: this.program, report: units.report, context });
    if (v === undefined) return undefined;
    if (v.unit.kind !== "unit") {
      this.report(
        diag(Codes.UnitMismatch, v.unitSpan, `unit mismatch: ${what} is in ${unitText(v.unit)}, which is not a price`, { context }),
      );
      return undefined;
    }
    let ok = true;
    if (price !== undefined && !sameUnit(v.unit.unit, price.unit)) {
      ok = false;
      const converted = convertAmount(v.amount, v.unit.unit, price.unit);
      this.report(
        diag(Codes.UnitMismatch, v.span, `unit mismatch: ${what} is in ${format(v.unit.unit)}, ${price.origin} ${format(price.unit)}`, {
          context,
          labels: [{ span: price.span, message: "the quote unit" }],
          hint: converted.ok
            ? `write the ${what} in the quote unit: ${converted.value.toString()} ${format(price.unit)}`
            : `write the ${what} in the quote unit, ${format(price.unit)}`,
        }),
      );
    }
    if (mustBePositive === true && !isPositiveAmount(v.amount)) {
      ok = false;
      this.report(diag(Codes.NonPositiveAmount, v.amountSpan, `${what} must be positive, not ${v.amount.toString()}`, { context }));
    } else if (mustBePositive === "or-zero" && v.amount.isNegative()) {
      ok = false;
      this.report(
        diag(Codes.NonPositiveAmount, v.amountSpan, `${what} must be zero or more, not ${v.amount.toString()}`, {
          context,
          hint: "a threshold of 0 exercises every option in the money by any amount",
        }),
      );
    }
    return ok ? v : undefined;
  }

  checkTick(stmt: TickStmt, price: PriceUnit | undefined, units: UnitContext, context: Context): void {
    const what = stmt.variant === "outright" ? "tick" : `${stmt.variant} tick`;
    const ctx = [...context, what];
    const values: (QuantityValue | undefined)[] = stmt.tiers.map((t) => this.priceAmount(t.tick, what, price, units, ctx));
    checkTiers(stmt.tiers, values, what, ctx, this.report);
  }

  checkContractUnit(
    decl: Declaration,
    q: Quantity | undefined,
    price: PriceUnit | undefined,
    underlying: { symbol: Symbol; ref: Ident } | undefined,
    units: UnitContext,
    context: Context,
  ): void {
    const ctx = [...context, "contract unit"];
    const v = quantityOf(q, { ...units, context: ctx });
    if (v === undefined) return;
    if (!isPositiveAmount(v.amount)) {
      this.report(
        diag(Codes.NonPositiveAmount, v.amountSpan, `a contract unit must be positive, not ${v.amount.toString()}`, { context: ctx }),
      );
      return;
    }
    let unit: Unit | undefined;
    if (v.unit.kind === "contract") {
      const future = v.unit.future;
      if (underlying !== undefined && underlying.symbol.decl !== future.decl) {
        this.report(
          diag(
            Codes.ContractUnitMismatch,
            v.unitSpan,
            `contract unit mismatch: the contract unit is ${future.name} contracts, but the underlying is ${underlying.symbol.name}`,
            {
              context: ctx,
              labels: [{ span: underlying.ref.span, message: "the underlying" }],
              hint:
                underlying.symbol.kind === "future"
                  ? `write \`contract unit 1 ${underlying.symbol.name}\``
                  : "write the contract unit as a quantity of what the index prices",
            },
          ),
        );
        return;
      }
      // One option on a future is a claim on that future's own contract unit.
      const fcu = statementsOf(future.decl, "ContractUnit")[0];
      const fv = quantityOf(fcu?.quantity, this.silent);
      if (fv?.unit.kind !== "unit") return;
      unit = fv.unit.unit;
    } else if (decl.kind === "Option" && underlying?.symbol.kind === "future") {
      // One option on a future is a claim on futures contracts, never on the future's own unit: `1 BTC` read as
      // one bitcoin would make the payoff of an option on a 5-bitcoin future five times too small.
      const name = underlying.symbol.name;
      this.report(
        diag(
          Codes.OptionUnitNotContracts,
          v.span,
          `the contract unit of an option on the future ${name} is a number of ${name} contracts`,
          {
            context: ctx,
            labels: [{ span: underlying.ref.span, message: "the underlying" }],
            notes: [`${writtenQuantity(q!)} is a quantity of the future's unit, not of its contracts`],
            hint: `write \`contract unit 1 ${name} futures contract\``,
          },
        ),
      );
      return;
    } else {
      unit = v.unit.unit;
    }
    if (price === undefined) return;
    if (contractUnitGivesMoney(price.unit, unit)) return;
    const per = perPart(price.unit);
    this.report(
      diag(
        Codes.ContractUnitMismatch,
        v.span,
        `contract unit mismatch: ${v.unit.kind === "contract" ? `a ${v.unit.future.name} contract` : writtenQuantity(q!)} priced in ${format(price.unit)} is not an amount of money`,
        {
          context: ctx,
          labels: [{ span: price.span, message: "the quote unit" }],
          notes: ["the value of one tick is tick × contract unit, which must be an amount of money"],
          hint:
            per === undefined
              ? `write the contract unit so that ${format(price.unit)} × contract unit is money`
              : `write the contract unit in ${per}`,
        },
      ),
    );
  }

  /** `beyond the last limit clamped|flagged`: a known word, on a contract that has a daily settlement to apply it to (W5150). */
  checkLimitBreach(decl: Declaration, breach: Ident, context: Context): void {
    const ctx = [...context, "price limits"];
    if (priceLimitBreach(breach, this.report, ctx) === undefined) return;
    if (statementsOf(decl, "DailySettlement").length > 0) return;
    this.report(
      diag(
        Codes.LimitBreachWithoutDaily,
        breach.span,
        `\`${breach.name}\` applies to a daily settlement price, and this contract has none`,
        {
          context: ctx,
          notes: ["the final settlement is not held to the price limits"],
          hint: "add a `daily settlement { … }` procedure, or remove `, beyond the last limit …`",
        },
      ),
    );
  }

  checkPriceLimits(
    decl: Declaration,
    limits: readonly (PercentLit | Quantity)[],
    price: PriceUnit | undefined,
    units: UnitContext,
    context: Context,
  ): void {
    const ctx = [...context, "price limits"];
    const ticks = this.ticksOf(decl, "outright");
    const amounts: (QuantityValue | undefined)[] = [];
    const values: (LimitValue | undefined)[] = limits.map((limit, i) => {
      if (limit.kind === "Percent") {
        const v = percentOf(limit);
        return v === undefined ? undefined : { kind: "percent", value: v };
      }
      const q = this.priceAmount(limit, "price limit", price, units, ctx);
      amounts[i] = q;
      return q === undefined ? undefined : { kind: "amount", value: q.amount };
    });
    // A limit is a whole number of every tick in its own unit.
    const ticksIn = (i: number): QuantityValue[] | undefined => {
      const u = amounts[i]?.unit;
      if (ticks === undefined || u?.kind !== "unit") return undefined;
      return ticks.tiers.filter((t) => t.unit.kind === "unit" && sameUnit(t.unit.unit, u.unit));
    };
    for (const p of priceLimitProblems(values, (i) => ticksIn(i)?.map((t) => t.amount))) {
      const limit = limits[p.limit]!;
      if (p.kind === "percent-out-of-range") {
        this.report(
          diag(
            Codes.InvalidPercentage,
            limit.span,
            `a price limit must be ${percentRangeText(PERCENT_RANGES.priceLimit)}, not ${(limit as PercentLit).raw}`,
            { context: ctx },
          ),
        );
      } else if (p.kind === "percent-not-ascending") {
        const previous = limits[p.previous] as PercentLit;
        this.report(
          diag(Codes.InvalidPercentage, limit.span, `price limits must ascend: ${(limit as PercentLit).raw} comes after ${previous.raw}`, {
            context: ctx,
            labels: [{ span: previous.span, message: "the previous limit" }],
            hint: "list the limits from the narrowest to the widest",
          }),
        );
      } else if (p.kind === "amount-not-ascending") {
        const q = amounts[p.limit]!;
        const previous = amounts[p.previous]!;
        this.report(
          diag(
            Codes.TiersNotAscending,
            q.span,
            `price limits must ascend: ${q.amount.toString()} comes after ${previous.amount.toString()}`,
            {
              context: ctx,
              labels: [{ span: previous.span, message: "the previous limit" }],
            },
          ),
        );
      } else if (p.kind === "amount-off-tick") {
        const q = amounts[p.limit]!;
        const off = ticksIn(p.limit)![p.tick]!;
        this.report(
          diag(
            Codes.LimitNotOnTick,
            q.span,
            `price limit ${q.amount.toString()} is not a whole number of ticks of ${off.amount.toString()}`,
            {
              context: ctx,
              labels: [{ span: off.span, message: "the tick" }],
              hint: `use a multiple of ${off.amount.toString()}, e.g. ${nearestMultiple(q.amount, off.amount).toString()}`,
            },
          ),
        );
      }
    }
  }

  /**
   * A rounding: its mode word (ties toward the prior settlement only where one exists, i.e. daily settlement),
   * a positive increment, and a tick to round to for `rounded to the tick`.
   */
  checkRounding(r: Rounding | undefined, decl: Declaration, file: string, daily: boolean, context: Context): void {
    if (r === undefined || r.unrounded) return;
    const mode = roundingMode(r.mode, this.report, context);
    const problems = roundingProblems(
      { mode, toTick: r.increment === "tick" },
      { daily, hasTick: () => this.tickFor(decl, file) !== undefined || !this.declaresNoTick(decl) },
    );
    if (problems.includes("ties-without-prior") && r.mode !== undefined) {
      this.report(
        diag(Codes.UnknownWord, r.mode.span, "`half-toward-prior` needs a prior settlement, which only daily settlement has", {
          context,
          hint: "use a mode that decides ties by itself, such as `half-even` or `half-up`",
        }),
      );
    }
    if (r.increment === "tick") {
      if (problems.includes("no-tick")) {
        this.report(
          diag(Codes.MissingRounding, r.span, `\`rounded to the tick\`, but ${contextOf(decl)} has no tick`, {
            context,
            hint: "round to an explicit increment, e.g. `rounded to 0.01 half-even`, or declare a tick",
          }),
        );
      }
    } else if (r.increment !== undefined) {
      this.positive(r.increment, "a rounding increment", context);
    }
  }

  /**
   * `price limits …, rounded to the tick down`: a rounding as elsewhere outside daily settlement (no prior to break
   * ties toward), of a percentage limit's width (E5130 when every limit is an amount).
   */
  checkLimitRounding(r: Rounding, limits: readonly (PercentLit | Quantity)[], decl: Declaration, file: string, context: Context): void {
    this.checkRounding(r, decl, file, false, context);
    if (limits.length > 0 && limits.every((l) => l.kind !== "Percent"))
      this.report(
        diag(
          Codes.LimitRoundingWithoutPercent,
          r.span,
          "these price limits are amounts, which are whole ticks already: the rounding rounds nothing",
          {
            context,
            notes: ["a rounding applies to the width of a percentage limit, a percentage of the prior settlement"],
            hint: "remove the rounding, or state the limits as percentages of the prior settlement",
          },
        ),
      );
  }

  /** Whether neither the declaration nor what it stands on declares any tick (a missing future tick is names.ts's E2009). */
  declaresNoTick(decl: Declaration): boolean {
    return decl.kind !== "Future" && statementsOf(decl, "Tick").length === 0;
  }

  /** The tick `rounded to the tick` means: the contract's own, else a spread's legs' spread or outright tick. */
  tickFor(decl: Declaration, file: string): TickStmt | undefined {
    const own = statementsOf(decl, "Tick");
    const pick = own.find((t) => t.variant === "premium") ?? own.find((t) => t.variant === "outright") ?? own[0];
    if (pick !== undefined) return pick;
    if (decl.kind === "Spread") {
      for (const leg of statementsOf(decl, "Leg")) {
        const sym = lookup(this.program, file, leg.contract?.name, ["future"]);
        const t = sym === undefined ? undefined : statementsOf(sym.decl, "Tick");
        const found = t?.find((x) => x.variant === "spread") ?? t?.find((x) => x.variant === "outright");
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Options

  checkOption(
    decl: Declaration,
    file: string,
    price: PriceUnit | undefined,
    underlying: { symbol: Symbol; ref: Ident } | undefined,
    units: UnitContext,
    context: Context,
  ): void {
    // Strikes sit on the underlying future's tick; on an index, on the option's own outright tick if it has one.
    const tickSource = underlying?.symbol.kind === "future" ? underlying.symbol.decl : decl;
    const ticks = this.ticksOf(tickSource, "outright");
    let grid: QuantityValue | undefined;
    for (const s of statementsOf(decl, "Strikes")) {
      const ctx = [...context, "strikes"];
      const step = this.priceAmount(s.step, "strike grid", price, units, ctx);
      grid = step;
      if (step === undefined || ticks === undefined || step.unit.kind !== "unit") continue;
      const stepUnit = step.unit.unit;
      const inStep: { tier: QuantityValue; value: Decimal }[] = [];
      for (const t of ticks.tiers) {
        const c = t.unit.kind === "unit" ? convertAmount(t.amount, t.unit.unit, stepUnit) : undefined;
        if (c?.ok === true) inStep.push({ tier: t, value: c.value });
      }
      const off = strikeOffTick(
        step.amount,
        inStep.map((x) => x.value),
      );
      if (off !== undefined) {
        const t = inStep[off]!.tier;
        const tick = inStep[off]!.value;
        const whose = tickSource === decl ? "the tick" : `the tick of ${underlying!.symbol.name}`;
        this.report(
          diag(
            Codes.StrikeNotOnTick,
            step.span,
            `strike grid ${step.amount.toString()} is not a whole number of ticks: ${whose} is ${tick.toString()}`,
            {
              context: ctx,
              labels: [{ span: t.span, message: whose }],
              notes: ["every strike on the grid must be a price the underlying can trade at"],
              hint: `use a multiple of ${tick.toString()}, e.g. ${nearestMultiple(step.amount, tick).toString()}`,
            },
          ),
        );
      }
    }
    const amount = (q: Quantity | undefined, what: string, ctx: Context) => this.priceAmount(q, what, price, units, ctx);
    checkStrikeListing({ program: this.program, report: this.report, amount }, statementsOf(decl, "StrikeListing"), grid, context);
    for (const s of statementsOf(decl, "AutoExercise")) {
      this.priceAmount(s.threshold, "automatic-exercise threshold", price, units, [...context, "automatic exercise"], "or-zero");
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Spreads

  checkSpread(decl: Declaration, file: string, context: Context): void {
    const legs = statementsOf(decl, "Leg");
    let buy = false;
    let first: { unit: PriceUnit; leg: Ident; name: string } | undefined;
    for (const leg of legs) {
      const ctx = [...context, "leg"];
      const side = legSide(leg.side, this.report, ctx);
      if (side === "buy") buy = true;
      this.positive(leg.ratio, "a leg's ratio", ctx);
      if (leg.monthsLater !== undefined) this.count(leg.monthsLater, COUNT_BOUNDS.legMonthsLater, "the number of months later", ctx);
      const sym = lookup(this.program, file, leg.contract?.name, ["future"]);
      if (leg.rounding !== undefined) this.checkRounding(leg.rounding, sym?.decl ?? decl, sym?.file ?? file, false, ctx);
      if (sym === undefined || leg.contract === undefined) continue;
      const unit = this.priceUnitOf(sym.decl, sym.file);
      if (unit === undefined) continue;
      if (first === undefined) {
        first = { unit, leg: leg.contract, name: sym.name };
        const own = this.ownUnit(decl);
        if (own !== undefined && !sameUnit(own.unit, unit.unit)) {
          this.report(
            diag(
              Codes.UnitMismatch,
              own.span,
              `unit mismatch: the spread is quoted in ${format(own.unit)}, its legs in ${format(unit.unit)}`,
              {
                context,
                labels: [{ span: leg.contract.span, message: `${sym.name} is quoted in ${format(unit.unit)}` }],
                hint: `quote the spread in ${format(unit.unit)}`,
              },
            ),
          );
        }
        continue;
      }
      if (sameUnit(unit.unit, first.unit.unit)) continue;
      this.report(
        diag(
          Codes.UnitMismatch,
          leg.contract.span,
          `unit mismatch: ${sym.name} is quoted in ${format(unit.unit)}, but ${first.name} in ${format(first.unit.unit)}`,
          {
            context: ctx,
            labels: [{ span: first.leg.span, message: `${first.name} is quoted in ${format(first.unit.unit)}` }],
            notes: [
              equalDimension(unit.unit, first.unit.unit)
                ? "the legs measure the same thing at different scales; a spread's price is a difference of leg prices, so they must share one quote unit"
                : "a spread's price is a difference of leg prices, so the legs must be quoted in one unit",
            ],
          },
        ),
      );
    }
    if (decl.name !== undefined) {
      const sides = legs.map((l) => l.side?.name).filter((s) => s === "buy" || s === "sell");
      if (sides.length === legs.length && isOneSided(sides)) {
        const only = buy ? "buy" : "sell";
        this.report(
          diag(Codes.OneSidedSpread, decl.name.span, `every leg of spread ${decl.name.name} is a ${only}`, {
            context,
            labels: legs.map((l) => ({ span: l.side!.span, message: only })),
            notes: ["a spread is long one leg and short another"],
            hint: `make one leg a ${only === "buy" ? "sell" : "buy"}`,
          }),
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** A quantity as written (`1000 GPU-hours`), for messages. */
function writtenQuantity(q: Quantity): string {
  const term = (t: UnitTerm | undefined): string =>
    [t?.scale?.raw, ...(t?.words ?? []).map((w) => w.name)].filter((x) => x !== undefined).join(" ");
  const unit =
    q.unit === undefined
      ? ""
      : q.unit.denominator === undefined
        ? term(q.unit.numerator)
        : `${term(q.unit.numerator)} per ${term(q.unit.denominator)}`;
  return `${q.amount?.raw ?? ""} ${unit}`.trim();
}

/** The per-part of a price unit in words, for hints: `USD per 1M tokens` → "tokens". */
function perPart(u: Unit): string | undefined {
  const neg = Object.entries(u.dims).filter(([, e]) => e < 0);
  if (neg.length !== 1) return undefined;
  const dim = neg[0]![0];
  return DIMENSION_WORDS[dim] ?? dim;
}

const DIMENSION_WORDS: Readonly<Record<string, string>> = {
  tokens: "tokens (e.g. `1000 million tokens`)",
  "gpu-time": "GPU-hours (e.g. `1000 GPU-hours`)",
  "asset:BTC": "BTC (e.g. `5 BTC`)",
  "asset:ETH": "ETH (e.g. `50 ETH`)",
  energy: "MWh (e.g. `1 MWh`)",
  contracts: "contracts",
};

/** The multiple of `step` nearest to `x` (half up), for hints; at least one step. */
function nearestMultiple(x: Decimal, step: Decimal): Decimal {
  const r = x.roundToIncrement(step, "half-up");
  return r.isPositive() ? r : step;
}

/**
 * Tick tiers: every tier but the last is bounded `at or below B`, with B strictly ascending; the last is
 * open-ended (no bound, or `above` the previous bound); a bound sits on the coarser of the two ticks it
 * separates. Reports the first problem (E3008).
 */
function checkTiers(
  tiers: readonly TickTier[],
  values: readonly (QuantityValue | undefined)[],
  what: string,
  context: Context,
  report: Report,
): void {
  const p = tickTierProblem(
    tiers.map((t, i) => ({
      tick: values[i]?.amount,
      bound: t.bound === undefined ? undefined : { relation: t.bound.relation, price: decimalOf(t.bound.price) },
    })),
  );
  if (p === undefined) return;
  const fail = (span: Span, message: string, hint?: string, labels?: { span: Span; message: string }[]): void => {
    report(diag(Codes.TiersNotAscending, span, message, { context, hint, labels }));
  };
  const tier = tiers[p.tier]!;
  const b = tier.bound!;
  const price = b?.price as NumberLit;
  const previousPrice = (i: number | undefined): NumberLit | undefined => (i === undefined ? undefined : tiers[i]!.bound?.price);
  switch (p.kind) {
    case "unbounded-before-last":
      fail(
        tier.span,
        `${what} tier ${p.tier + 1} has no upper bound, but more tiers follow`,
        "bound it: `… at or below 25`, and start the next tier `above 25`",
      );
      return;
    case "open-before-last":
      fail(b.span, `only the last ${what} tier can be open-ended`, "bound the earlier tiers with `at or below …`");
      return;
    case "not-ascending": {
      const previous = previousPrice(p.previous)!;
      fail(
        b.span,
        `${what} tiers must ascend: ${price.raw} comes after ${previous.raw}`,
        "order the tiers from the lowest price to the highest",
        [{ span: previous.span, message: "the previous bound" }],
      );
      return;
    }
    case "bound-off-coarser-tick": {
      const coarser = p.coarser;
      fail(
        price.span,
        `${what} tier bound ${price.raw} is not on the coarser tick ${coarser.toString()}`,
        `move the bound to a multiple of ${coarser.toString()}, e.g. ${nearestMultiple(decimalOf(price)!, coarser).toString()}`,
      );
      return;
    }
    case "last-not-open": {
      const previous = previousPrice(p.previous);
      fail(
        b.span,
        `the last ${what} tier must be open-ended`,
        previous === undefined ? "drop the bound" : `write \`above ${previous.raw}\` or drop the bound`,
      );
      return;
    }
    case "single-above":
      fail(b.span, `a single ${what} cannot start \`above\` a price: nothing covers the prices below`, "drop the bound");
      return;
    case "gap":
    case "overlap": {
      const previous = previousPrice(p.previous)!;
      fail(
        price.span,
        `${what} tiers leave ${p.kind === "gap" ? "a gap" : "an overlap"}: the previous tier ends at ${previous.raw}, this one starts above ${price.raw}`,
        `write \`above ${previous.raw}\``,
        [{ span: previous.span, message: "the previous tier ends here" }],
      );
      return;
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
