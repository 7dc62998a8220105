/**
 * The contract chapter of the readable contract: the contract (or option) specifications, settlement, market
 * disruption and fallbacks, and the index licence and disclaimer, each section in reading order.
 */
import type { Clause, Contract, Fallback, FinalSettlement, Spec } from "../../model/types.js";
import type * as Runtime from "../../runtime/spec.js";
import type { Block } from "./document.js";
import { licenceSentence } from "./licence.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import { contractMultiplier } from "../../runtime/functions/terms.js";
import { versionOn } from "../../runtime/versions.js";
import {
  capitalise,
  count,
  dateRuleWords,
  duration,
  effectiveWords,
  sessionChangeWords,
  tradingHoursWords,
  quantityWords,
  unitNoun,
  money,
  amountIn,
  monthName,
  roundingWords,
  weekdayName,
  zonedTime,
  paymentWords,
} from "./words.js";
import {
  type Para,
  type Piece,
  Builder,
  annotations,
  p,
  sentence,
  tickWords,
  stepItem,
  stepWhen,
  versions,
  versionsOn,
  windowWords,
} from "./builder.js";

/** The Trading Schedule: the trading hours in force and the named days that close a session early or have none. */
function tradingScheduleSection(b: Builder, c: Contract, source: string): void {
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
function tickValue(spec: Spec, c: Contract, tiers: Contract["tick"][number]["value"], day: string, what: string): Para[] {
  const m = contractMultiplier((n) => (Object.hasOwn(spec.contracts, n) ? spec.contracts[n] : undefined), c.name, day);
  if (m === undefined) return [];
  const values = tiers.map((t) => money(Decimal.of(t.tick.amount).mul(Decimal.of(m.value)).toString(), m.currency));
  const noun = what === "tick" ? "tick value" : `value of the ${what}`;
  if (tiers.length === 1) return [`The ${noun} is ${values[0]} per contract.`];
  return [
    `The ${noun} is ${tiers.map((t, i) => `${values[i]} per contract${t.bound === null ? "" : ` for prices ${t.bound.relation === "above" ? "above" : "at or below"} ${amountIn(t.bound.price, t.tick.unit.text)}`}`).join("; ")}.`,
  ];
}

function settlementWords(b: Builder, f: FinalSettlement, unit: Runtime.Quantity["unit"] | undefined): Para {
  const v = f.value;
  let what: string;
  switch (v.kind) {
    case "index-at":
      what = `the value of ${b.index(v.index)} fixed at ${zonedTime(v.at)} on the Last Trading Day`;
      break;
    case "index-average": {
      const days =
        v.days.kind === "every-business-day"
          ? `every business day of the contract month, business days being those of ${b.cal(v.days.calendar)}`
          : `the last ${count(v.days.count, "business day", "business days")} up to and including the Last Trading Day, business days being those of ${b.cal(v.days.calendar)}`;
      what = `the arithmetic mean of the values of ${b.index(v.index)} fixed at ${zonedTime(v.at)} on ${days}`;
      break;
    }
    case "underlying-final":
      what = `the Final Settlement Price of the underlying ${v.contract} contract`;
      break;
    case "leg-by-leg":
      what = "no price of its own: each leg is settled at the Final Settlement Price of its own contract";
      break;
  }
  if (f.method === "futures" && v.kind === "underlying-final")
    return `Final settlement is by exercise into futures: an option exercised at expiry opens, for each option contract, a position in the expiring ${v.contract} contract of the same contract month at the strike price, long for a call and short for a put, as many ${v.contract} contracts as the option's contract unit holds; that position is settled in cash at the Final Settlement Price of the ${v.contract} contract, so the holder receives the option's intrinsic value through it. The Final Settlement Price of the option is ${what}, ${roundingWords(f.rounding, unit)}.`;
  return `Final settlement is in cash. The Final Settlement Price is ${what}, ${roundingWords(f.rounding, unit)}.`;
}

/**
 * The days that count a carried-forward value's age when the step names no calendar: those of the publication
 * calendar of the index the contract settles on, named when the spec says which one that is.
 */
function publicationDays(b: Builder, c: Contract): string {
  const indices = [
    ...new Set(
      c.finalSettlement.flatMap((v) =>
        v.value.value.kind === "index-at" || v.value.value.kind === "index-average" ? [v.value.value.index] : [],
      ),
    ),
  ];
  const index = indices.length === 1 && Object.hasOwn(b.spec.indices, indices[0]!) ? b.spec.indices[indices[0]!] : undefined;
  const calendars = [...new Set((index?.publication ?? []).map((p) => p.value.calendar))];
  if (index === undefined || calendars.length !== 1) return "business days of the publication calendar of the index";
  const cal = calendars[0]!;
  return cal === null
    ? `publication days of ${b.index(index.name)}, which publishes every calendar day`
    : `business days of ${b.cal(cal)}, the publication calendar of ${b.index(index.name)}`;
}

function fallbackBlocks(b: Builder, f: Fallback, c: Contract): Block[] {
  const out: Block[] = [];
  const disruption = (k: string): string =>
    ({
      "not-published": "the index value is not published",
      "too-few-sources": "fewer than the minimum number of sources are eligible",
      stale: "the index data is stale",
      ceased: "the index has permanently ceased",
      "methodology-changed": "the index methodology has changed",
      holiday: "the day is not a publication day of the index",
    })[k] ?? k;
  if (f.disruptions.length > 0) {
    out.push(p("A Market Disruption Event occurs in any of the following conditions:"));
    out.push({
      kind: "list",
      ordered: true,
      items: f.disruptions.map((d) => {
        let s = disruption(d.condition);
        if (d.deadline !== null) s += ` by ${zonedTime(d.deadline)} (a value or correction published later is not taken into account)`;
        if (d.duration !== null) s += ` for more than ${duration(d.duration)}`;
        return stepItem(sentence(capitalise(s) + stepWhen(d.effective)), d);
      }),
    });
  }
  out.push(
    p(
      "If a Market Disruption Event occurs, the Final Settlement Price is determined by the first of the following levels that produces a value, in this order:",
    ),
  );
  out.push({
    kind: "list",
    ordered: true,
    items: f.steps.map((s, i) => {
      const a = s.action;
      let what: string;
      switch (a.kind) {
        case "postpone":
          what = `Level ${i + 1}: postponement by up to ${count(a.businessDays, "business day", "business days")} of ${b.cal(a.calendar)}, waiting for the value to be published`;
          break;
        case "alternate-index":
          what = `Level ${i + 1}: the value of ${b.index(a.index)} for the same day`;
          break;
        case "carry-forward":
          what = `Level ${i + 1}: the last published value${a.withinBusinessDays === null ? "" : `, if published within ${count(a.withinBusinessDays, "business day", "business days")} (${a.calendar === undefined ? publicationDays(b, c) : `business days of ${b.cal(a.calendar)}`})`}${a.flagged ? ", flagged as a carried-forward value" : ""}`;
          break;
        case "determination":
          what = `Level ${i + 1}: determination by the ${a.party === "exchange" ? "Exchange" : "Calculation Agent"}, which always produces a value`;
          break;
        case "exclude-day":
          what = `Level ${i + 1}: the day is left out of the average, and no value is carried forward for it, provided that at least ${count(a.minimumDays, "day remains", "days remain")} in the average; otherwise the next level applies`;
          break;
      }
      const only = s.only === null ? "" : `, applying only when ${s.only.map(disruption).join(" or ")}`;
      return stepItem(sentence(what + only + stepWhen(s.effective)), s);
    }),
  });
  return out;
}

/** The currency of a contract's prices (the one currency of its first price unit), when it has one. */
function currencyOf(c: Contract): string | undefined {
  return c.priceQuotation[0]?.value.currency ?? undefined;
}

/** The contract chapter: its specifications, settlement, fallbacks, and index licence, each section in reading order. */
export function contractSections(b: Builder, c: Contract, spec: Spec): void {
  const key = (rule: string) => `contract ${c.name} ${rule}`;
  b.open();
  productClauses(b, c, spec, key);
  optionClauses(b, c, spec, key);
  spreadLegsClause(b, c, key);
  listingClause(b, c, key);
  tradingClauses(b, c, key);
  b.close(c.kind === "option" ? "Option specifications" : "Contract specifications");
  settlementSection(b, c, key);
  fallbackSection(b, c, key);
  licenceSection(b, c, spec, key);
}

/** The scope, the contract unit, the price quotation and its fluctuations, and negative prices. */
function productClauses(b: Builder, c: Contract, spec: Spec, key: (rule: string) => string): void {
  b.add(
    "Scope",
    [
      ...annotations(c),
      ...versions(
        c.kind === "spread" ? [] : c.underlying,
        (u) => `The contract is written on ${u.kind === "index" ? b.index(u.name) : `the ${u.name} futures contract`}.`,
      ),
    ],
    key("underlying"),
  );
  b.add(
    "Contract unit",
    versions(c.contractUnit, (u) =>
      u.kind === "quantity"
        ? `One contract is ${quantityWords(u.quantity)}.`
        : `One contract is ${count(u.amount, "contract", "contracts")} of ${u.contract}.`,
    ),
    key("contract unit"),
  );
  b.add(
    "Price quotation",
    versions(c.priceQuotation, (u) => `Prices are quoted in ${unitNoun(u)}.`),
    key("price"),
  );
  b.add(
    "Minimum price fluctuation",
    versionsOn(c.tick, (t, day) => [`The minimum price fluctuation (the tick) is ${tickWords(t)}.`, ...tickValue(spec, c, t, day, "tick")]),
    key("tick"),
  );
  if (c.kind !== "option")
    b.add(
      "Spread price fluctuation",
      versionsOn(c.spreadTick, (t, day) => [
        `The minimum price fluctuation of spreads is ${tickWords(t)}.`,
        ...tickValue(spec, c, t, day, "spread tick"),
      ]),
      key("spread tick"),
    );
  if (c.kind !== "option") {
    b.add(
      "Negative prices",
      versions(c.negativePrices, (n) =>
        n
          ? "Prices may be zero or negative."
          : "Prices are greater than zero. An index value, bid, offer, trade price or settlement price of zero or less is refused: no settlement price is determined from it.",
      ),
      key("negative prices"),
    );
  }
}

/** An option's types, exercise style, strikes, premium fluctuation, automatic exercise and expiry. */
function optionClauses(b: Builder, c: Contract, spec: Spec, key: (rule: string) => string): void {
  if (c.kind === "option") {
    b.add(
      "Option types",
      versions(c.rights, (r) => `Listed option types: ${r.map((x) => (x === "call" ? "calls" : "puts")).join(" and ")}.`),
      key("rights"),
    );
    b.add(
      "Exercise style",
      versions(c.exercise, () => "Options are European: they may be exercised only at expiry."),
      key("exercise"),
    );
    b.add(
      "Strike prices",
      versions(c.strikes, (q) => `Strike prices are listed at intervals of ${quantityWords(q)}.`),
      key("strikes"),
    );
    b.add(
      "Premium fluctuation",
      versionsOn(c.premiumTick, (t, day) => [
        `The minimum fluctuation of option premiums is ${tickWords(t)}.`,
        ...tickValue(spec, c, t, day, "premium tick"),
      ]),
      key("premium tick"),
    );
    b.add(
      "Automatic exercise",
      versions(c.automaticExercise, (q) =>
        Decimal.of(q.amount).isZero()
          ? "At expiry an option that is in the money by any amount is exercised automatically; an option at or out of the money is abandoned."
          : `At expiry an option that is in the money by at least ${quantityWords(q)} is exercised automatically.`,
      ),
      key("automatic exercise"),
    );
    b.add(
      "Expiry",
      versions(c.expiry, (e) =>
        e.kind === "with-underlying"
          ? "Options expire on the Last Trading Day of the underlying futures contract."
          : `Options expire ${count(e.businessDays, "business day", "business days")} of ${b.cal(e.calendar)} before the Last Trading Day of the underlying futures contract.`,
      ),
      key("expiry"),
    );
  }
}

/** A spread's legs, as a table. */
function spreadLegsClause(b: Builder, c: Contract, key: (rule: string) => string): void {
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
      key("legs"),
    );
  }
}

/** The listing schedule: the parts of the listing cycle in words, and the listing time. */
function listingClause(b: Builder, c: Contract, key: (rule: string) => string): void {
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
    key("listing"),
  );
}

/** The trading dates, the Last Trading Day, termination, the trading schedule, price and position limits. */
function tradingClauses(b: Builder, c: Contract, key: (rule: string) => string): void {
  // The product's own trading dates (its first trade date and end), only when the declaration states them.
  const dates = effectiveWords(c.effective);
  if (dates !== "")
    b.add("Trading dates", [
      p(
        `The contract trades ${dates}: no contract month whose Last Trading Day falls outside these dates is listed or settled, and nothing is listed on a day outside them.`,
      ),
    ]);
  b.add(
    "Last Trading Day",
    versions(c.lastTradingDay, (r) => `The Last Trading Day is ${dateRuleWords(r, b.cal)}.`),
    key("last trading day"),
  );
  b.add(
    "Termination of trading",
    versions(c.termination, (z) => `Trading in an expiring contract terminates at ${zonedTime(z)} on the Last Trading Day.`),
    key("termination"),
  );
  tradingScheduleSection(b, c, key("trading hours"));
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
    key("price limits"),
  );
  b.add(
    "Position limits",
    c.positionLimits.flatMap((l) => [
      p(
        `${capitalise(effectiveWords(l.effective) === "" ? "" : `${effectiveWords(l.effective)}: `)}No holder may hold more than ${count(l.value.count, "contract", "contracts")} ${
          l.value.scope === "spot-month"
            ? "in the spot month"
            : l.value.scope === "single-month"
              ? "in any single contract month"
              : "in all contract months combined"
        }.`,
      ),
      ...annotations(l),
    ]),
    key("position limits"),
  );
}

/** The Settlement section: final settlement, payment, payment amounts and the daily settlement procedure. */
function settlementSection(b: Builder, c: Contract, key: (rule: string) => string): void {
  const priceUnit = c.priceQuotation[0]?.value;
  b.open();
  b.add(
    "Final settlement",
    versions(c.finalSettlement, (f) => settlementWords(b, f, priceUnit)),
    key("final settlement"),
  );
  b.add(
    "Payment",
    versions(c.payment ?? [], (pay) => paymentWords(pay, b.cal)),
    key("payment"),
  );
  b.add(
    "Payment amounts",
    versions(
      c.cashRounding ?? [],
      (r) =>
        `The amount a position pays or receives at each daily and at the final settlement ((settlement price − the position's price) × contract value per unit of price × number of contracts) is computed exactly and then ${roundingWords({ kind: "increment", increment: r.increment, mode: r.mode }, currencyOf(c))}.`,
    ),
    key("payment amounts"),
  );
  b.add(
    "Daily settlement",
    versions(c.dailySettlement, (steps) => [
      "The daily settlement price is determined by the first of the following procedures that produces a price:",
      ...steps.map((s, i) => {
        let what: string;
        switch (s.kind) {
          case "vwap":
            what = `the volume-weighted average price of trades ${windowWords(s.window)}${tradesCondition(s.moreThanTrades)}, ${roundingWords(s.rounding, priceUnit)}`;
            break;
          case "midpoint":
            what = `the midpoint of the best bid and the best offer at ${zonedTime(s.at)}, ${roundingWords(s.rounding, priceUnit)}`;
            break;
          case "carry-forward":
            what = "the prior daily settlement price, carried forward";
            break;
          case "net-change":
            what =
              "for a contract month other than the lead month, its prior daily settlement price plus the net change of the preceding contract month (that month's daily settlement price less its prior daily settlement price)";
            break;
          case "lead-spread":
            what = `for a contract month other than the lead month, the daily settlement price of the lead month plus the volume-weighted average price of calendar spread trades between the lead month and the contract month (priced as the contract month less the lead month) ${windowWords(s.window)}, ${roundingWords(s.rounding, priceUnit).replace("toward the prior daily settlement price", "toward the prior spread (the contract month's prior daily settlement price less the lead month's)")}`;
            break;
        }
        return [
          `(${i + 1}) ${capitalise(what)}${stepWhen(s.effective)}.`,
          ...s.descriptions.map(sentence),
          ...(s.clauses.length > 0 ? [`Rulebook reference: ${s.clauses.join("; ")}.`] : []),
        ].join(" ");
      }),
    ]).concat(c.dailySettlement.flatMap((v) => v.value.map((s): Piece => ({ kind: "refs", refs: s.clauses, inline: true })))),
    key("daily settlement"),
  );
  b.close("Settlement");
}

/** The Market disruption and fallbacks section: each version of the fallback waterfall. */
function fallbackSection(b: Builder, c: Contract, key: (rule: string) => string): void {
  if (c.fallback.length > 0) {
    b.open();
    c.fallback.forEach((f, i) => {
      const when = effectiveWords(f.effective);
      b.add(
        c.fallback.length === 1 ? "Fallback waterfall" : `Fallback waterfall, version ${i + 1}${when === "" ? "" : ` (${when})`}`,
        [
          ...fallbackBlocks(b, f.value, c),
          ...(c.kind === "spread" && c.finalSettlement.some((x) => x.value.value.kind === "leg-by-leg")
            ? [
                p(
                  "A spread is settled leg by leg: this waterfall applies to the Final Settlement Price of each leg, in place of the fallback of the leg's own contract.",
                ),
              ]
            : []),
          ...annotations(f),
          ...[...f.value.disruptions, ...f.value.steps].map((x): Piece => ({ kind: "refs", refs: x.clauses, inline: true })),
        ],
        key("fallback"),
      );
    });
    b.close("Market disruption and fallbacks");
  }
}

/** The Index licence and disclaimer section, when the contract states either. */
function licenceSection(b: Builder, c: Contract, spec: Spec, key: (rule: string) => string): void {
  if (c.indexLicence !== undefined || c.indexDisclaimer !== undefined) {
    b.open();
    b.add(
      "Index licence",
      versions(c.indexLicence ?? [], (l) => licenceSentence(spec, l)),
      key("index licence"),
    );
    b.add(
      "Index disclaimer",
      (c.indexDisclaimer ?? []).flatMap((v): Piece[] => {
        const when = effectiveWords(v.effective);
        return [
          ...(when === "" ? [] : [p(`${capitalise(when)}:`)]),
          ...v.value.map((t): Piece => ({ kind: "paragraph", text: sentence(t), authored: true })),
          ...annotations(v),
        ];
      }),
      key("index disclaimer"),
    );
    b.close("Index licence and disclaimer");
  }
}

/** A daily VWAP step's condition in words: ", provided that more than five trades occurred in it". */
function tradesCondition(moreThan: number | undefined): string {
  if (moreThan === undefined) return "";
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  const n = moreThan < words.length ? words[moreThan]! : moreThan.toLocaleString("en-US");
  return `, provided that more than ${n} trade${moreThan === 1 ? "" : "s"} occurred in it`;
}

/** The price-limit breach rule of the limits version in force on a day, as a sentence after the limits (or nothing). */
function breachWords(breach: readonly Clause<"clamp" | "flag">[] | undefined, day: string): string {
  const rule = breach === undefined ? undefined : versionOn(breach, day)?.value;
  if (rule === undefined) return "";
  return rule === "clamp"
    ? " A daily settlement price beyond the last limit is replaced by that limit: the price at the limit it crossed."
    : " A daily settlement price beyond the last limit stands as determined and is flagged as beyond the limit.";
}
