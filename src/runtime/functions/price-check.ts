/**
 * Whether a price is valid for a contract: on the tick grid of the instrument it is the price of (an outright future,
 * a calendar spread of it, an option's premium, a spread contract) and in the contract's price domain, with the
 * nearest valid prices around it and the tick value (tick × contract unit, in money). A pure function from a compiled
 * spec to a plain-data report; `termsheet price` prints it.
 */
import { Decimal, parseInputDecimal } from "../numbers/decimal.js";
import { gridPosition } from "../engine/tick-grid.js";
import type { AnyContract, Clause, Tick } from "../spec.js";
import { versionOn } from "../versions.js";
import { contractMultiplier, tickTiers, tickValues, type ContractsOf } from "./terms.js";
import { tickTable } from "./steps.js";

/** Which prices of a contract: its outright trades, its calendar spreads (`spread tick`), or an option's premiums. */
export type PriceGrid = "outright" | "spread" | "premium";

/** The answer of {@link priceCheck}. */
export interface PriceCheckReport {
  readonly contract: string;
  readonly grid: PriceGrid;
  readonly price: string;
  /** The price unit, e.g. "USD per 1M tokens". */
  readonly unit: string | null;
  readonly valid: boolean;
  /** Why the price is not valid, when it is not. */
  readonly reason: string | null;
  /** The tick of the tier the price falls in. */
  readonly tick: string;
  /** The tick × the contract unit, in `currency`, when the contract's unit gives money. */
  readonly tickValue: string | null;
  readonly currency: string | null;
  /** The nearest valid prices strictly below and above. */
  readonly below: string | null;
  readonly above: string | null;
  /** The rulebook clauses of the tick rule used. */
  readonly clauses: readonly string[];
}

/** Why no price could be checked: the contract has no such grid, the tick changes over time and no date was given, … */
export interface PriceCheckError {
  readonly error: string;
}

function gridOf(c: AnyContract, grid: PriceGrid): readonly Clause<Tick>[] | undefined {
  const list = grid === "premium" ? c.premiumTick : grid === "spread" ? c.spreadTick : c.tick;
  return list === undefined || list.length === 0 ? undefined : list;
}

/** The grid a contract's prices are on by default: an option's premiums, otherwise its outright tick. */
export function defaultGrid(c: AnyContract): PriceGrid {
  return c.kind === "option" ? "premium" : "outright";
}

/**
 * Checks a price of a contract against its tick grid in force on `date` (YYYY-MM-DD; may be left out when the tick
 * rule has one version) and its price domain (a contract that does not allow negative prices refuses zero and
 * below; a spread's prices may be negative).
 */
export function priceCheck(
  contracts: ContractsOf,
  name: string,
  priceText: string,
  grid: PriceGrid,
  date: string | undefined,
): PriceCheckReport | PriceCheckError {
  const c = contracts(name);
  if (c === undefined) return { error: `no contract ${name}` };
  const parsed = parseInputDecimal(priceText);
  if (!parsed.ok) return { error: `price: ${parsed.message}` };
  const price = parsed.value;
  const versions = gridOf(c, grid);
  const what = grid === "premium" ? "premium tick" : grid === "spread" ? "spread tick" : "tick";
  if (versions === undefined) return { error: `${name} states no ${what}` };
  if (date === undefined && versions.length > 1) {
    const froms = versions.map((v) => v.effective.map((r) => r.from ?? "the start").join(", ")).join("; ");
    return { error: `the ${what} of ${name} changes over time (versions from ${froms}): give the date` };
  }
  const clause = date === undefined ? versions[0]! : versionOn(versions, date);
  if (clause === undefined) return { error: `no ${what} of ${name} is in force on ${date}` };
  const tiers = tickTiers(clause.value);
  const g = gridPosition(tickTable(tiers), price);
  if (typeof g === "string") return { error: g };
  const when = date ?? clause.effective[0]?.from ?? "2000-01-01";
  const quote = (date === undefined ? c.priceQuotation[0] : versionOn(c.priceQuotation, date))?.value;
  const multiplier = contractMultiplier(contracts, name, when);
  const negativeAllowed =
    c.kind === "option" ? false : c.negativePrices !== undefined && (versionOn(c.negativePrices, when)?.value ?? false);
  const domain = negativeAllowed || price.isPositive() || (c.kind === "option" && price.isZero());
  const inDomain = (d: Decimal | undefined): string | null =>
    d === undefined || !(negativeAllowed || d.isPositive() || (c.kind === "option" && d.isZero())) ? null : d.toString();
  const reason = !domain
    ? `${c.kind === "option" ? "a premium" : `a price of ${name}`} may not be ${price.isZero() ? "zero" : "negative"}`
    : g.valid
      ? null
      : `not a whole multiple of the ${what} ${g.tick.toString()} that applies at this price`;
  // Below the domain (zero or negative where prices must be positive), the nearest valid price above is the first
  // positive one on the grid.
  const firstAbove = (): string | null => {
    const fromZero = gridPosition(tickTable(tiers), Decimal.ZERO);
    return typeof fromZero === "string" ? null : inDomain(fromZero.above);
  };
  return {
    contract: name,
    grid,
    price: price.toString(),
    unit: quote?.text ?? null,
    valid: reason === null,
    reason,
    tick: g.tick.toString(),
    tickValue: tickValues([{ tick: g.tick.toString(), bound: null }], multiplier ?? null)?.[0]?.value ?? null,
    currency: multiplier?.currency ?? null,
    below: inDomain(g.below),
    above: inDomain(g.above) ?? (domain ? null : firstAbove()),
    clauses: clause.clauses,
  };
}
