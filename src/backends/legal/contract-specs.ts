/**
 * The contract specifications chapter: the product (scope, unit, quotation, ticks, option or spread terms) and its
 * trading (listing, trading dates, amendments, last trading day, termination, hours, price and position limits).
 */
import { tickClause } from "../../syntax/statements.js";
import type { Clause, Contract, Spec } from "../../model/types.js";
import type * as Runtime from "../../runtime/spec.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import { contractMultiplier } from "../../runtime/functions/terms.js";
import { versionOn } from "../../runtime/versions.js";
import {
  capitalise,
  count,
  dateRuleWords,
  effectiveWords,
  sessionChangeWords,
  tradingHoursWords,
  quantityWords,
  unitNoun,
  money,
  amountIn,
  monthName,
  ordinal,
  roundingWords,
  weekdayName,
  zonedTime,
  figure,
} from "./words.js";
import type { StrikeTier } from "../../runtime/strikes.js";
import { legPricesWords } from "./leg-prices.js";
import { type Para, type Piece, p, versions, annotations, Builder, versionsOn, andList, type ClauseKeys } from "./builder.js";

/** The product: scope, unit, quotation, ticks, negative prices, an option's terms, a spread's legs. */
export function productClauses(b: Builder, c: Contract, spec: Spec, keys: ClauseKeys): void {
  const { key, clause } = keys;
  const priceUnit = c.priceQuotation[0]?.value;
  b.add(
    "Scope",
    [
      ...annotations(c),
      ...versions(
        c.kind === "spread" ? [] : c.underlying,
        (u) => `The contract is written on ${u.kind === "index" ? b.index(u.name) : `the ${u.name} futures contract`}.`,
      ),
    ],
    clause("Underlying"),
  );
  b.add(
    "Contract unit",
    versions(c.contractUnit, (u) =>
      u.kind === "quantity"
        ? `One contract is ${quantityWords(u.quantity)}.`
        : `One contract is ${count(u.amount, "contract", "contracts")} of ${u.contract}.`,
    ),
    clause("ContractUnit"),
  );
  b.add(
    "Price quotation",
    versions(c.priceQuotation, (u) => `Prices are quoted in ${unitNoun(u)}.`),
    clause("Quoted"),
  );
  b.add(
    "Minimum price fluctuation",
    versionsOn(c.tick, (t, day) => [`The minimum price fluctuation (the tick) is ${tickWords(t)}.`, ...tickValue(spec, c, t, day, "tick")]),
    key(tickClause("outright")),
  );
  if (c.kind !== "option")
    b.add(
      "Spread price fluctuation",
      versionsOn(c.spreadTick, (t, day) => [
        `The minimum price fluctuation of spreads is ${tickWords(t)}.`,
        ...tickValue(spec, c, t, day, "spread tick"),
      ]),
      key(tickClause("spread")),
    );
  if (c.kind !== "option") {
    b.add(
      "Negative prices",
      versions(c.negativePrices, (n) =>
        n
          ? "Prices may be zero or negative."
          : "Prices are greater than zero. An index value, bid, offer, trade price or settlement price of zero or less is refused: no settlement price is determined from it.",
      ),
      clause("NegativePrices"),
    );
  }
  if (c.kind === "option") optionClauses(b, c, spec, keys, priceUnit);
  if (c.kind === "spread") {
    b.add(
      "Legs",
      [
        {
          kind: "table",
          head: ["Leg", "Side", "Ratio", "Contract", "Contract month", "Rounding"],
          rows: c.legs.map((l, i) => [
            String(i + 1),
            l.value.side === "buy" ? "Buy" : "Sell",
            l.value.ratio,
            l.value.contract,
            l.value.monthsLater === 0 ? "the spread's contract month" : `${count(l.value.monthsLater, "month", "months")} later`,
            l.value.rounding === null ? "as its contract" : roundingWords(l.value.rounding),
          ]),
        },
        ...c.legs.flatMap((l) => annotations(l)),
      ],
      clause("Leg"),
    );
    if (c.legPricing !== undefined && c.legPricing.length > 0)
      b.add(
        "Leg prices",
        versions(c.legPricing, (v) => legPricesWords(v, c.legs)),
        clause("LegPricing"),
      );
  }
}

/** An option's own clauses: its types, exercise style, strikes and their listing, premium tick, automatic exercise and expiry. */
function optionClauses(
  b: Builder,
  c: Contract & { kind: "option" },
  spec: Spec,
  keys: ClauseKeys,
  priceUnit: Contract["priceQuotation"][number]["value"] | undefined,
): void {
  const { key, clause } = keys;
  b.add(
    "Option types",
    versions(c.rights, (r) => `Listed option types: ${r.map((x) => (x === "call" ? "calls" : "puts")).join(" and ")}.`),
    clause("OptionType"),
  );
  b.add(
    "Exercise style",
    versions(c.exercise, () => "Options are European: they may be exercised only at expiry."),
    clause("Exercise"),
  );
  b.add(
    "Strike prices",
    versions(c.strikes, (q) => `Strike prices are listed at intervals of ${quantityWords(q)}.`),
    clause("Strikes"),
  );
  if (c.strikeListing !== undefined && c.strikeListing.length > 0)
    b.add("Strike listing", strikeListingWords(c.strikeListing, priceUnit), clause("StrikeListing"));
  b.add(
    "Premium fluctuation",
    versionsOn(c.premiumTick, (t, day) => [
      `The minimum fluctuation of option premiums is ${tickWords(t)}.`,
      ...tickValue(spec, c, t, day, "premium tick"),
    ]),
    key(tickClause("premium")),
  );
  b.add(
    "Automatic exercise",
    versions(c.automaticExercise, (q) =>
      Decimal.of(q.amount).isZero()
        ? "At expiry an option that is in the money by any amount is exercised automatically; an option at or out of the money is abandoned."
        : `At expiry an option that is in the money by at least ${quantityWords(q)} is exercised automatically.`,
    ),
    clause("AutoExercise"),
  );
  b.add(
    "Expiry",
    versions(c.expiry, (e) =>
      e.kind === "with-underlying"
        ? "Options expire on the Last Trading Day of the underlying futures contract."
        : `Options expire ${count(e.businessDays, "business day", "business days")} of ${b.cal(e.calendar)} before the Last Trading Day of the underlying futures contract.`,
    ),
    clause("Expiry"),
  );
}

/** Trading: listing, trading dates, amendments, last trading day, termination, hours, price and position limits. */
export function tradingClauses(b: Builder, c: Contract, spec: Spec, keys: ClauseKeys): void {
  const { key, clause } = keys;
  b.add(
    "Listing schedule",
    versions(c.listing, (all) => {
      const parts = all.flatMap((x) => (x.kind === "listed-at" ? [] : [x]));
      const time = all.find((x) => x.kind === "listed-at");
      const said = parts.map((x, i) =>
        x.kind === "consecutive"
          ? `the ${count(x.count, x.period === "months" ? "nearest calendar month" : "nearest week", x.period === "months" ? "nearest consecutive calendar months" : "nearest consecutive weeks")}`
          : x.kind === "next-in"
            ? `the ${count(x.count, "nearest contract month", "nearest contract months")} falling in ${x.months.map(monthName).join(", ")}${i === 0 ? "" : ` (a month already listed under the preceding part counts towards ${x.count === 1 ? "it" : "these"})`}`
            : x.kind === "on-expiry"
              ? `the ${andList(x.months.map(monthName))} ${x.months.length === 1 ? "contract" : "contracts"} of the ${x.yearsLater === 1 ? "year" : `${ordinal(x.yearsLater)} year`} after each expiring ${monthName(x.expiring)} contract, each listed from the day after that ${monthName(x.expiring)} contract's Last Trading Day until it expires`
              : `${count(x.count, "additional contract month", "additional contract months")} falling in ${x.months.map(monthName).join(", ")}, after the latest month listed under the preceding ${i === 1 ? "part" : "parts"}`,
      );
      const only = parts.every((x) => x.kind !== "consecutive");
      const months = [...new Set(parts.flatMap((x) => (x.kind === "consecutive" ? [] : x.months)))].sort((a, b) => a - b);
      const when =
        time === undefined
          ? ""
          : ` A new contract is listed every ${weekdayName(time.weekday)} at ${zonedTime(time.at)}: a contract this schedule adds on a day is listed from the latest such time before that day begins, and stays listed until trading in it terminates.`;
      return `The Exchange lists ${said.join(", plus ")}.${only ? ` The contract months are ${months.map(monthName).join(", ")} only.` : ""}${when}`;
    }),
    clause("Listing"),
  );
  // The product's own trading dates (its first trade date and end), only when the declaration states them.
  const dates = effectiveWords(c.effective);
  if (dates !== "")
    b.add("Trading dates", [
      p(
        `The contract trades ${dates}: no contract month whose Last Trading Day falls outside these dates is listed or settled, and nothing is listed on a day outside them.`,
      ),
    ]);
  if (c.versionsSelectedBy !== undefined && c.versionsSelectedBy.length > 0)
    b.add(
      "Amendments",
      versions(c.versionsSelectedBy, (k) =>
        k === "contract-month"
          ? "Each contract month is governed, for its whole life, by the version of each rule of this chapter in force on the first day of the contract month, whatever the date on which the rules are applied or consulted."
          : k === "listing-date"
            ? "Each contract month is governed, for its whole life, by the version of each rule of this chapter in force on the day the contract month was first listed for trading, whatever the date on which the rules are applied or consulted."
            : "Each contract month is governed by the version of each rule of this chapter in force on its Last Trading Day (the Last Trading Day being the day that the version in force on that day gives), whatever the date on which the rules are applied or consulted.",
      ),
      key("rule versions"),
    );
  b.add(
    "Last Trading Day",
    versions(c.lastTradingDay, (r) => `The Last Trading Day is ${dateRuleWords(r, b.cal)}.`),
    clause("LastTradingDay"),
  );
  b.add(
    "Termination of trading",
    versions(c.termination, (z) => `Trading in an expiring contract terminates at ${zonedTime(z)} on the Last Trading Day.`),
    clause("Termination"),
  );
  tradingScheduleSection(b, c, clause("TradingHours"));
  b.add(
    "Price limits",
    versionsOn(c.priceLimits, (ls, day) => {
      const r = ls.find((l) => l.kind === "percent" && l.rounding !== undefined && l.rounding.kind !== "unrounded");
      const rounding = r?.kind === "percent" && r.rounding !== undefined ? r.rounding : undefined;
      return `Successive price limits from the prior daily settlement price: ${ls.map((l) => (l.kind === "percent" ? `${l.percent}%` : quantityWords(l.amount))).join(", ")}.${
        rounding === undefined
          ? ""
          : ` The amount of each percentage limit is ${roundingWords(rounding, c.priceQuotation[0]?.value)}${rounding.kind === "tick" ? " (the tick of the prior daily settlement price)" : ""} before it is added to and taken from the prior daily settlement price.`
      }${breachWords(c.priceLimitBreach, day)}`;
    }),
    clause("PriceLimits"),
  );
  if (c.kind === "future" && c.dynamicPriceLimits !== undefined && c.dynamicPriceLimits.length > 0)
    b.add(
      "Dynamic price limits",
      versions(c.dynamicPriceLimits, (d) => {
        const length = (x: { amount: string; unit: string }) =>
          `${figure(x.amount)} ${x.amount === "1" ? x.unit.replace(/s$/, "") : x.unit}`;
        const variant = d.rounding.kind === "unrounded" ? "" : `, ${roundingWords(d.rounding, c.priceQuotation[0]?.value)}`;
        return `The variant is ${figure(d.percent)}% of the prior daily settlement price${variant}. While trading, the upper limit is the lowest price of the preceding ${length(d.window)} plus the variant and the lower limit is the highest price of that period less the variant, counting only the time since trading last resumed. A price beyond a limit halts trading for ${length(d.halt)}; when trading resumes, the period starts again.`;
      }),
      clause("DynamicPriceLimits"),
    );
  b.add(
    "Position limits",
    c.positionLimits.flatMap((l) => [
      p(
        `${capitalise(effectiveWords(l.effective) === "" ? "" : `${effectiveWords(l.effective)}: `)}${positionLimitWords(l.value, periodTerm(c)[0], spec)}`,
      ),
      ...annotations(l),
    ]),
    clause("PositionLimit"),
  );
}

/** The strike listing schedule: how the at-the-money strike is found, then each tier with when it is in force. */
export function strikeListingWords(tiers: readonly Clause<StrikeTier>[], unit: Runtime.Quantity["unit"] | undefined): Piece[] {
  const out: Piece[] = [
    p(
      "Strike prices are listed by the following tiers, each around its at-the-money strike: the underlying's prior daily settlement price rounded to the nearest multiple of the tier's interval, exact halves rounded up. A tier lists every multiple of its interval above zero in its range, both ends included; a contract month lists the strikes of every tier that applies to it.",
    ),
  ];
  tiers.forEach((t, i) => {
    const when = effectiveWords(t.effective);
    const v = t.value;
    const interval = unit === undefined ? figure(v.interval) : amountIn(v.interval, unit);
    const months = v.nearestMonths === null ? "in every listed contract month" : `in the nearest ${v.nearestMonths} listed contract months`;
    const said = `(${i + 1}) At intervals of ${interval}, from ${figure(v.below)}% below to ${figure(v.above)}% above the at-the-money strike, ${months}`;
    out.push(p(`${when === "" ? said : `${said}, ${when}`}.`), ...annotations(t));
  });
  return out;
}

/** A tick, single or tiered, in words. */
export function tickWords(tiers: Runtime.Tick): string {
  if (tiers.length === 1 && tiers[0]!.bound === null) return quantityWords(tiers[0]!.tick);
  return tiers
    .map(
      (t) =>
        `${quantityWords(t.tick)}${t.bound === null ? "" : ` for prices ${t.bound.relation === "above" ? "above" : "at or below"} ${amountIn(t.bound.price, t.tick.unit.text)}`}`,
    )
    .join("; ");
}

/** The Trading Schedule: the trading hours in force and the named days that close a session early or have none. */
export function tradingScheduleSection(b: Builder, c: Contract, source: string | undefined): void {
  const hours = c.tradingHours ?? [];
  if (hours.length === 0) return;
  const zone = hours.length === 1 ? hours[0]!.value.zone : undefined;
  b.add(
    "Trading Schedule",
    [...versions(hours, tradingHoursWords), ...versions(c.sessionChanges ?? [], (x) => sessionChangeWords(x, zone))],
    source,
  );
}

/**
 * The tick value: the tick times the contract unit, in money (the runtime's multiplier, contract unit × price unit),
 * as a rulebook states it ("The tick value is USD 1.00 per contract."); nothing when the units do not give money.
 */
export function tickValue(spec: Spec, c: Contract, tiers: Contract["tick"][number]["value"], day: string, what: string): Para[] {
  const m = contractMultiplier((n) => (Object.hasOwn(spec.contracts, n) ? spec.contracts[n] : undefined), c.name, day);
  if (m === undefined) return [];
  const values = tiers.map((t) => money(Decimal.of(t.tick.amount).mul(Decimal.of(m.value)).toString(), m.currency));
  const noun = what === "tick" ? "tick value" : `value of the ${what}`;
  if (tiers.length === 1) return [`The ${noun} is ${values[0]} per contract.`];
  return [
    `The ${noun} is ${tiers.map((t, i) => `${values[i]} per contract${t.bound === null ? "" : ` for prices ${t.bound.relation === "above" ? "above" : "at or below"} ${amountIn(t.bound.price, t.tick.unit.text)}`}`).join("; ")}.`,
  ];
}

/** The period a contract expires in, as its last trading day rules count it: a month, a week, or either. */
export function periodTerm(c: Contract): [string, string] {
  const kinds = new Set(c.lastTradingDay.map((v) => v.value.kind));
  if (kinds.size === 1 && kinds.has("weekly")) return ["Contract Week", "The week in which a contract expires."];
  if (kinds.size === 1 && kinds.has("monthly")) return ["Contract Month", "The calendar month in which a contract expires."];
  return ["Contract Month", "The calendar month (or, for weekly contracts, the week) in which a contract expires."];
}

/**
 * A position limit as the engine enforces it (runtime/functions/position-limits.ts): a net position, long or short,
 * in the Spot Month (the listed period that expires first), in any one period, or in all periods netted together.
 */
export function positionLimitWords(l: Runtime.PositionLimit, period: string, spec: Spec): string {
  const most = `No holder may own or control more than ${count(l.count, "contract", "contracts")} net long or net short`;
  const own =
    l.scope === "spot-month"
      ? `${most} in the ${spotTerm(period)[0]}`
      : l.scope === "single-month"
        ? `${most} in any single ${period}`
        : `${most} in all ${period}s combined, a long position in one ${period} offsetting a short position in another`;
  return `${own}.${aggregationWords(l, spec)}`;
}

/**
 * The aggregation of a position limit as the engine counts it (runtime/functions/position-limits.ts): the positions
 * the settlement request states in the contracts named, each in the limit's scope as its own contract places it, an
 * option's as the futures-equivalent the request states.
 */
export function aggregationWords(l: Runtime.PositionLimit, spec: Spec): string {
  const names = l.aggregatedWith ?? [];
  if (names.length === 0) return "";
  const where =
    l.scope === "spot-month"
      ? "each in the period that is its own spot period on the day"
      : l.scope === "single-month"
        ? "each in the same contract period"
        : "in all their periods";
  const options = names.filter((n) => spec.contracts[n]?.kind === "option");
  const fe =
    options.length === 0
      ? ""
      : ` A position in ${andList(options)} counts as its futures-equivalent (delta-weighted) position, as the Exchange computes it and states it with the settlement.`;
  return ` The holder's positions in ${andList(names)} count toward this limit together with those in the Contract, ${where}.${fe}`;
}

/** The Spot Month (or Spot Week) of a contract whose periods are `period`s, and its meaning. */
export function spotTerm(period: string): [string, string] {
  const unit = period.replace(/^Contract /, "");
  return [
    `Spot ${unit}`,
    `On any day, the listed ${period} whose Last Trading Day is the earliest on or after that day; an expiring ${period} is the Spot ${unit} on its Last Trading Day.`,
  ];
}

/** The price-limit breach rule of the limits version in force on a day, as a sentence after the limits (or nothing). */
export function breachWords(breach: readonly Clause<"clamp" | "flag">[] | undefined, day: string): string {
  const rule = breach === undefined ? undefined : versionOn(breach, day)?.value;
  if (rule === undefined) return "";
  return rule === "clamp"
    ? " A daily settlement price beyond the last limit is replaced by that limit: the price at the limit it crossed."
    : " A daily settlement price beyond the last limit stands as determined and is flagged as beyond the limit.";
}
