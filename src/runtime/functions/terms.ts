/**
 * The terms of a contract in force on a date: every rule a settlement reads, with the version in force selected
 * (the first clause whose effective range contains the date), as plain values, plus the rulebook clauses of each
 * version used. `contractTerms` is the generic selection over a compiled spec; the generated backend writes the same
 * `ContractTerms` as literal constants behind explicit date branches. `contractMultiplier` is the one place where a
 * contract unit times a price unit becomes money (the readable contract's worked examples use it too).
 */
import { Decimal } from "../numbers/decimal.js";
import type {
  AnyContract,
  Clause,
  ContractUnit,
  DailyStep,
  DynamicLimit,
  Fallback,
  FinalSettlement,
  Leg,
  Payment,
  CashRounding,
  FixingTick,
  PriceLimit,
  Tick,
  Unit,
} from "../spec.js";
import { inForce, versionOn } from "../versions.js";
import type { Multiplier, RuleReport, TickTiers } from "./reports.js";
import { positionLimitsOf, type PositionLimitTerm } from "./position-limits.js";

export type { Multiplier } from "./reports.js";

/** Everything a settlement of one contract on one date reads, rule versions already chosen. */
export interface ContractTerms {
  readonly name: string;
  readonly kind: "future" | "option" | "spread";
  readonly finalSettlement: FinalSettlement | null;
  readonly fallback: Fallback | null;
  readonly dailySettlement: readonly DailyStep[] | null;
  readonly priceLimits: readonly PriceLimit[] | null;
  /** The outright tick table, tiers in order (one tier for a single tick). */
  readonly tick: TickTiers | null;
  /** An option's premium tick table, when it states one: the grid of its traded premiums. */
  readonly premiumTick?: TickTiers;
  readonly multiplier: Multiplier | null;
  readonly underlying: { readonly kind: "index" | "future"; readonly name: string } | null;
  /** An option's automatic-exercise threshold, per unit of price. */
  readonly automaticExercise: string | null;
  /**
   * An option's strike grid: the step in force, then the steps of earlier versions (strikes listed under an earlier
   * grid stay listed). A strike must be a whole multiple of one of them; null when the option states no grid.
   */
  readonly strikeSteps: readonly string[] | null;
  readonly legs: readonly Leg[] | null;
  /**
   * Whether the contract's prices may be zero or negative (`negative prices allowed`); false means every price of it
   * — final and daily settlement prices, the index values they come from, a position's trade price, a prior
   * settlement, a bid or an offer — must be above zero. Null for a contract that states no price domain (an option).
   */
  readonly negativePrices: boolean | null;
  /** The rule versions above that a certificate cites. */
  readonly rules: readonly RuleReport[];
  /** When the final settlement is paid; absent when the contract states no payment clause. */
  readonly payment?: Payment;
  /** How payment amounts are rounded; absent when the contract states no rounding of them. */
  readonly cashRounding?: CashRounding;
  /** The fixings of an index the contract settles on lie on its tick grid; absent when the contract does not say. */
  readonly fixingTick?: FixingTick;
  /** What a daily settlement price beyond the last price limit becomes; absent when the limits do not say. */
  readonly priceLimitBreach?: "clamp" | "flag";
  /** The position limits in force (every clause in force applies); absent when the contract states none. */
  readonly positionLimits?: readonly PositionLimitTerm[];
  /**
   * A future's dynamic price limits in force (circuit breakers, functions/halts.ts), with the clause that states
   * them; absent when none are. Not among `rules`: a settlement does not apply them, a halts report cites them.
   */
  readonly dynamicPriceLimits?: { readonly limit: DynamicLimit; readonly rule: RuleReport };
}

/** A spec's tick table as decimal strings. */
export function tickTiers(tick: Tick): TickTiers {
  return tick.map((t) => ({
    tick: t.tick.amount,
    bound: t.bound === null ? null : { relation: t.bound.relation === "above" ? "above" : "at-or-below", price: t.bound.price },
  }));
}

/** One tier of a tick table with its tick value: the money one tick is worth per contract. */
export interface TickValue {
  readonly tick: string;
  readonly bound: TickTiers[number]["bound"];
  /** tick × multiplier, in the multiplier's currency. */
  readonly value: string;
}

/**
 * The tick value of each tier of a tick table: tick × contract unit, in money (USD 5 × 5 bitcoin = USD 25 per
 * contract). Null without a multiplier (a contract unit and price unit that give no money).
 */
export function tickValues(tiers: TickTiers, multiplier: Multiplier | null): readonly TickValue[] | null {
  if (multiplier === null) return null;
  const m = Decimal.of(multiplier.value);
  return tiers.map((t) => ({ tick: t.tick, bound: t.bound, value: Decimal.of(t.tick).mul(m).normalize().toString() }));
}

/** The contracts of a spec by name (for a contract unit counted in contracts of another). */
export type ContractsOf = (name: string) => AnyContract | undefined;

/** An effective range list as text: "always", "from 2021-01-01", "until 2020-12-31", "from … until …". */
export function effectiveText(effective: Clause<unknown>["effective"]): string {
  return effective
    .map((r) =>
      r.from === null && r.until === null
        ? "always"
        : r.from === null
          ? `until ${r.until}`
          : r.until === null
            ? `from ${r.from}`
            : `from ${r.from} until ${r.until}`,
    )
    .join("; ");
}

/**
 * The multiplier of a contract on a date: its contract unit × its price unit, when their dimensions leave exactly
 * one currency (e.g. 1000 × 1M tokens × USD per 1M tokens = 1000 USD); a contract unit of N contracts of another
 * contract multiplies that contract's multiplier by N. Undefined when the units do not give money.
 */
export function contractMultiplier(contracts: ContractsOf, name: string, date: string, depth = 0): Multiplier | undefined {
  const c = contracts(name);
  if (c === undefined || depth > 8) return undefined;
  const cu: ContractUnit | undefined = versionOn(c.contractUnit, date)?.value;
  const quote: Unit | undefined = versionOn(c.priceQuotation, date)?.value;
  if (cu === undefined) {
    // A spread without its own unit: the multiplier of its legs when they all agree.
    const legs = (c.legs ?? []).filter((l) => inForce(l, date));
    let m: Multiplier | undefined;
    for (const l of legs) {
      const lm = contractMultiplier(contracts, l.value.contract, date, depth + 1);
      if (lm === undefined || (m !== undefined && (m.value !== lm.value || m.currency !== lm.currency))) return undefined;
      m = lm;
    }
    return m;
  }
  if (cu.kind === "contracts") {
    const inner = contractMultiplier(contracts, cu.contract, date, depth + 1);
    return inner === undefined
      ? undefined
      : { value: Decimal.of(inner.value).mul(Decimal.of(cu.amount)).toString(), currency: inner.currency };
  }
  if (quote === undefined) return undefined;
  const unit = cu.quantity.unit;
  const dims = new Map<string, number>();
  for (const [k, v] of [...Object.entries(unit.dimensions), ...Object.entries(quote.dimensions)]) dims.set(k, (dims.get(k) ?? 0) + v);
  const left = [...dims].filter(([, v]) => v !== 0);
  if (left.length !== 1 || left[0]![1] !== 1 || !left[0]![0].startsWith("money:")) return undefined;
  return {
    value: Decimal.of(cu.quantity.amount).mul(Decimal.of(unit.scale)).mul(Decimal.of(quote.scale)).toString(),
    currency: left[0]![0].slice(6),
  };
}

function cite<T>(
  rules: RuleReport[],
  contract: string,
  rule: string,
  clause: Clause<T> | undefined,
  extra: readonly string[] = [],
): T | null {
  if (clause === undefined) return null;
  rules.push({ contract, rule, clauses: [...clause.clauses, ...extra], effective: effectiveText(clause.effective) });
  return clause.value;
}

/** The strike grid steps of an option on a date: the version in force first, then every version in force before. */
function strikeSteps(c: AnyContract, date: string): readonly string[] | null {
  if (c.strikes === undefined || c.strikes.length === 0) return null;
  const current = versionOn(c.strikes, date)?.value.amount;
  const earlier = c.strikes.filter((v) => v.effective.some((r) => r.from === null || r.from <= date)).map((v) => v.value.amount);
  const steps = [...new Set([...(current === undefined ? [] : [current]), ...earlier])];
  return steps.length === 0 ? null : steps;
}

/** An option's premium tick in force on a date, as a field of {@link ContractTerms} (absent for other contracts). */
function premiumTickOf(c: AnyContract, date: string): { premiumTick?: TickTiers } {
  const premium = c.premiumTick === undefined ? undefined : versionOn(c.premiumTick, date);
  return premium === undefined || premium.value.length === 0 ? {} : { premiumTick: tickTiers(premium.value) };
}

/** The terms of a contract in force on a date (the last trading day for a final settlement, the day for a daily one). */
export function contractTerms(contracts: ContractsOf, name: string, date: string): ContractTerms | undefined {
  const c = contracts(name);
  if (c === undefined) return undefined;
  const rules: RuleReport[] = [];
  const finalSettlement = cite(rules, name, "final settlement", versionOn(c.finalSettlement, date));
  const fb = versionOn(c.fallback, date);
  const fallback = cite(rules, name, "fallback", fb, fb?.value.steps.flatMap((s) => s.clauses) ?? []);
  const ds = versionOn(c.dailySettlement, date);
  const daily = cite(rules, name, "daily settlement", ds, ds?.value.flatMap((s) => s.clauses) ?? []);
  const priceLimits = cite(rules, name, "price limits", versionOn(c.priceLimits, date));
  const tickClause = versionOn(c.tick, date);
  const ticks = cite(rules, name, "tick", tickClause);
  const tick = ticks == null ? null : tickTiers(ticks);
  const cuClause = versionOn(c.contractUnit, date);
  cite(rules, name, "contract unit", cuClause);
  const underlying = c.underlying === undefined ? null : cite(rules, name, "underlying", versionOn(c.underlying, date));
  const ae = c.automaticExercise === undefined ? null : cite(rules, name, "automatic exercise", versionOn(c.automaticExercise, date));
  if (c.strikes !== undefined) cite(rules, name, "strike grid", versionOn(c.strikes, date));
  const legClauses = (c.legs ?? []).filter((l) => inForce(l, date));
  for (const l of legClauses)
    cite(
      rules,
      name,
      `leg ${l.value.side} ${l.value.ratio} × ${l.value.contract}${l.value.monthsLater === 0 ? "" : ` ${l.value.monthsLater} month(s) later`}`,
      l,
    );
  const payment = c.payment === undefined ? null : cite(rules, name, "payment", versionOn(c.payment, date));
  const cashRounding = c.cashRounding === undefined ? null : cite(rules, name, "payment amounts", versionOn(c.cashRounding, date));
  const fixingTick = c.fixingTick === undefined ? null : cite(rules, name, "fixings on the tick", versionOn(c.fixingTick, date));
  return {
    name,
    kind: c.kind,
    finalSettlement,
    fallback,
    dailySettlement: daily,
    priceLimits,
    tick,
    multiplier: contractMultiplier(contracts, name, date) ?? null,
    underlying,
    automaticExercise: ae?.amount ?? null,
    strikeSteps: strikeSteps(c, date),
    legs: c.legs === undefined ? null : legClauses.map((l) => l.value),
    negativePrices: c.negativePrices === undefined ? null : (versionOn(c.negativePrices, date)?.value ?? false),
    ...premiumTickOf(c, date),
    rules,
    ...(payment === null ? {} : { payment }),
    ...(cashRounding === null ? {} : { cashRounding }),
    ...(fixingTick === null ? {} : { fixingTick }),
    ...priceLimitBreachOf(c, date),
    ...positionLimitsOf(c, date),
    ...dynamicPriceLimitsOf(c, name, date),
  };
}

/** A future's dynamic price limits in force on a date, as a field of {@link ContractTerms} (absent when none are). */
function dynamicPriceLimitsOf(
  c: AnyContract,
  name: string,
  date: string,
): { dynamicPriceLimits?: { limit: DynamicLimit; rule: RuleReport } } {
  if (c.kind !== "future" || c.dynamicPriceLimits === undefined) return {};
  const rules: RuleReport[] = [];
  const limit = cite(rules, name, "dynamic price limits", versionOn(c.dynamicPriceLimits, date));
  return limit === null ? {} : { dynamicPriceLimits: { limit, rule: rules[0]! } };
}

/** The price-limit breach rule in force on a date (part of the price limits clause, cited with it). */
function priceLimitBreachOf(c: AnyContract, date: string): { priceLimitBreach?: "clamp" | "flag" } {
  const v = c.priceLimitBreach === undefined ? undefined : versionOn(c.priceLimitBreach, date)?.value;
  return v === undefined ? {} : { priceLimitBreach: v };
}

/**
 * The series a spec's fixings may name: its indices, and the interest rates its daily carry steps read from the
 * fixings (a named input with its source). The fixings parsers refuse any other name.
 */
export function fixingSeries(spec: {
  readonly indices: Readonly<Record<string, unknown>>;
  readonly contracts?: Readonly<Record<string, AnyContract>>;
}): string[] {
  const names = new Set(Object.keys(spec.indices));
  for (const c of Object.values(spec.contracts ?? {}))
    for (const v of c.dailySettlement) for (const s of v.value) if (s.kind === "carry-formula") names.add(s.rate.name);
  return [...names];
}
