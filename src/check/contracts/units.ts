/**
 * A contract's units: its quote unit agrees with its underlying's and across versions (E3001); ticks are positive
 * prices in it, in tiers that ascend (E3008); price × contract unit is money (E3007), an option on a future's unit
 * is that future's contracts.
 */
import type { Span } from "../../base/source.js";
import { format, sameUnit, type Unit } from "../../base/units.js";
import { Codes, diag } from "../../diagnostics/index.js";
import { contractUnitGivesMoney, isPositiveAmount, quoteUnitChange, tickTierProblem } from "../../model/invariants.js";
import type { Declaration, Ident, NumberLit, Quantity, TickStmt, TickTier, UnitTerm } from "../../syntax/ast.js";
import type { Report, Symbol } from "../program.js";
import { decimalOf, quantityOf, unitOf, type QuantityValue, type UnitContext } from "../unit-of.js";
import { ContractChecker, nearestMultiple, statementsOf, type Context, type PriceUnit } from "./checker.js";

/** The contract's quote unit, checked against its underlying's (E3001). */
export function checkQuoteUnit(
  c: ContractChecker,
  decl: Declaration,
  file: string,
  underlying: { symbol: Symbol; ref: Ident } | undefined,
  context: Context,
): PriceUnit | undefined {
  const own = c.ownUnit(decl);
  checkOneQuoteUnit(c, decl, context);
  const base = underlying === undefined ? undefined : c.priceUnitOf(underlying.symbol.decl, underlying.symbol.file);
  if (own !== undefined && base !== undefined && !sameUnit(own.unit, base.unit)) {
    const what = `the underlying ${underlying!.symbol.kind} ${underlying!.symbol.name}`;
    c.report(
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
export function checkOneQuoteUnit(c: ContractChecker, decl: Declaration, context: Context): void {
  const quotes: { unit: Unit; span: Span }[] = [];
  for (const q of statementsOf(decl, "Quoted")) {
    const u = unitOf(q.unit, c.silent);
    if (u?.kind === "unit" && q.unit !== undefined) quotes.push({ unit: u.unit, span: q.unit.span });
  }
  const change = quoteUnitChange(
    quotes.map((q) => q.unit),
    sameUnit,
  );
  if (change === undefined) return;
  const first = quotes[0]!;
  const other = quotes[change]!;
  c.report(
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

export function checkTick(c: ContractChecker, stmt: TickStmt, price: PriceUnit | undefined, units: UnitContext, context: Context): void {
  const what = stmt.variant === "outright" ? "tick" : `${stmt.variant} tick`;
  const ctx = [...context, what];
  const values: (QuantityValue | undefined)[] = stmt.tiers.map((t) => c.priceAmount(t.tick, what, price, units, ctx));
  checkTiers(stmt.tiers, values, what, ctx, c.report);
}

export function checkContractUnit(
  c: ContractChecker,
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
    c.report(diag(Codes.NonPositiveAmount, v.amountSpan, `a contract unit must be positive, not ${v.amount.toString()}`, { context: ctx }));
    return;
  }
  let unit: Unit | undefined;
  if (v.unit.kind === "contract") {
    const future = v.unit.future;
    if (underlying !== undefined && underlying.symbol.decl !== future.decl) {
      c.report(
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
    const fv = quantityOf(fcu?.quantity, c.silent);
    if (fv?.unit.kind !== "unit") return;
    unit = fv.unit.unit;
  } else if (decl.kind === "Option" && underlying?.symbol.kind === "future") {
    // One option on a future is a claim on futures contracts, never on the future's own unit: `1 BTC` read as
    // one bitcoin would make the payoff of an option on a 5-bitcoin future five times too small.
    const name = underlying.symbol.name;
    c.report(
      diag(Codes.OptionUnitNotContracts, v.span, `the contract unit of an option on the future ${name} is a number of ${name} contracts`, {
        context: ctx,
        labels: [{ span: underlying.ref.span, message: "the underlying" }],
        notes: [`${writtenQuantity(q!)} is a quantity of the future's unit, not of its contracts`],
        hint: `write \`contract unit 1 ${name} futures contract\``,
      }),
    );
    return;
  } else {
    unit = v.unit.unit;
  }
  if (price === undefined) return;
  if (contractUnitGivesMoney(price.unit, unit)) return;
  const per = perPart(price.unit);
  c.report(
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
