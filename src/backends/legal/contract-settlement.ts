/** The settlement chapter of a contract, its fallback waterfalls, and its index licence and disclaimer. */
import type { Contract, Fallback, FinalSettlement, Spec } from "../../model/types.js";
import type * as Runtime from "../../runtime/spec.js";
import type { Block } from "./document.js";
import { licenceSentence } from "./licence.js";
import {
  capitalise,
  count,
  duration,
  effectiveWords,
  roundingWords,
  zonedTime,
  paymentWords,
  deadlineWords,
  dealerPollWords,
} from "./words.js";
import {
  type Para,
  type Piece,
  p,
  sentence,
  versions,
  annotations,
  stepItem,
  stepWhen,
  Builder,
  windowWords,
  type ClauseKeys,
} from "./builder.js";

/** Final settlement, payment, payment amounts, fixings on the tick, daily settlement. */
export function settlementChapter(b: Builder, c: Contract, spec: Spec, keys: ClauseKeys): void {
  const { clause } = keys;
  const priceUnit = c.priceQuotation[0]?.value;
  b.open();
  b.add(
    "Final settlement",
    versions(c.finalSettlement, (f) => settlementWords(b, f, priceUnit)),
    clause("FinalSettlement"),
  );
  b.add(
    "Payment",
    versions(c.payment ?? [], (pay) => paymentWords(pay, b.cal)),
    clause("Payment"),
  );
  b.add(
    "Payment amounts",
    versions(
      c.cashRounding ?? [],
      (r) =>
        `The amount a position pays or receives at each daily and at the final settlement ((settlement price − the position's price) × contract value per unit of price × number of contracts) is computed exactly and then ${roundingWords({ kind: "increment", increment: r.increment, mode: r.mode }, currencyOf(c))}.`,
    ),
    clause("PaymentAmounts"),
  );
  b.add(
    "Fixings on the tick",
    versions(c.fixingTick ?? [], (f) =>
      f.mode === null
        ? `Every fixing of ${b.index(f.index)} used to determine a settlement price is a price of the Contract and must be a whole number of ticks; a fixing that is not is refused, no settlement price is determined from it, and the two nearest valid prices are reported with it.`
        : `Every fixing of ${b.index(f.index)} used to determine a settlement price is first ${roundingWords({ kind: "tick", mode: f.mode })}.`,
    ),
    clause("FixingTick"),
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
          case "period-midpoint":
            what = `the time-weighted average of the midpoint of the best bid and the best offer ${windowWords(s.window)} (the settlement period), counting only the time in which both a bid and an offer stood, ${roundingWords(s.rounding, priceUnit)}`;
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
          case "carry-formula":
            what = carryWords(b, s, priceUnit);
            break;
        }
        return [
          `(${i + 1}) ${capitalise(what)}${stepWhen(s.effective)}.`,
          ...s.descriptions.map(sentence),
          ...(s.clauses.length > 0 ? [`Rulebook reference: ${s.clauses.join("; ")}.`] : []),
        ].join(" ");
      }),
    ]).concat(c.dailySettlement.flatMap((v) => v.value.map((s): Piece => ({ kind: "refs", refs: s.clauses, inline: true })))),
    clause("DailySettlement"),
  );
  b.close("Settlement");
}

/** Market disruption and fallbacks: one waterfall per version. */
export function fallbackChapter(b: Builder, c: Contract, spec: Spec, keys: ClauseKeys): void {
  const { clause } = keys;
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
        clause("Fallback"),
      );
    });
    b.close("Market disruption and fallbacks");
  }
}

/** The index licence and disclaimer. */
export function licenceChapter(b: Builder, c: Contract, spec: Spec, keys: ClauseKeys): void {
  const { clause } = keys;
  if (c.indexLicence !== undefined || c.indexDisclaimer !== undefined) {
    b.open();
    b.add(
      "Index licence",
      versions(c.indexLicence ?? [], (l) => licenceSentence(spec, l)),
      clause("IndexLicence"),
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
      clause("IndexDisclaimer"),
    );
    b.close("Index licence and disclaimer");
  }
}

export function settlementWords(b: Builder, f: FinalSettlement, unit: Runtime.Quantity["unit"] | undefined): Para {
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
    case "future-vwap":
      what = `the volume-weighted average price of the trades in the underlying ${v.contract} contract of the same contract period ${windowWords(v.window)} on the Last Trading Day`;
      if (v.finalOnItsLastTradingDay === true)
        what += ` or, when the Last Trading Day is the last trading day of that ${v.contract} contract, the Final Settlement Price of that ${v.contract} contract`;
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
export function publicationDays(b: Builder, c: Contract): string {
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

export function fallbackBlocks(b: Builder, f: Fallback, c: Contract): Block[] {
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
          what = `Level ${i + 1}: determination by the ${a.party === "exchange" ? "Exchange" : "Calculation Agent"}${a.deadline === undefined ? "" : ` ${deadlineWords(a.deadline, b.cal(a.deadline.calendar))}`}, which always produces a value`;
          break;
        case "dealer-poll":
          what = `Level ${i + 1}: ${dealerPollWords(a, b.cal(a.deadline.calendar))}`;
          break;
        case "negotiated":
          what = `Level ${i + 1}: the value the parties agree by negotiation ${deadlineWords(a.deadline, b.cal(a.deadline.calendar))}; if they agree none by then, the next level applies`;
          break;
        case "exclude-day":
          what = `Level ${i + 1}: the day is left out of the average, and no value is carried forward for it, provided that at least ${count(a.minimumDays, "day remains", "days remain")} in the average; otherwise the next level applies`;
          break;
      }
      const only = s.only === null ? "" : `, applying only when ${s.only.map(disruption).join(" or ")}`;
      return stepItem(sentence(what + only + stepWhen(s.effective)), s);
    }),
  });
  if (f.steps.some((s) => s.action.kind === "postpone" || s.action.kind === "negotiated" || s.action.kind === "dealer-poll"))
    out.push(
      p(
        "When a level makes the value known only on a later day (the day of publication after a postponement, the day the parties agree a value, or the day the last quotation in time is given), final settlement takes place on that day, and a payment counted from the day of final settlement is counted from it.",
      ),
    );
  return out;
}

/** The currency of a contract's prices (the one currency of its first price unit), when it has one. */
export function currencyOf(c: Contract): string | undefined {
  return c.priceQuotation[0]?.value.currency ?? undefined;
}

/** A daily VWAP step's condition in words: ", provided that more than five trades occurred in it". */
export function tradesCondition(moreThan: number | undefined): string {
  if (moreThan === undefined) return "";
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  const n = moreThan < words.length ? words[moreThan]! : moreThan.toLocaleString("en-US");
  return `, provided that more than ${n} trade${moreThan === 1 ? "" : "s"} occurred in it`;
}

/**
 * A daily carry step in words, with the formula as CME writes it ("Reference Rate + [(Days to expiration/ 365) x
 * Interest rate x Reference Rate)]") and each input with its source.
 */
export function carryWords(
  b: Builder,
  s: Extract<Runtime.DailyStep, { kind: "carry-formula" }>,
  unit: Runtime.Quantity["unit"] | undefined,
): string {
  return (
    `the Reference Rate carried to expiration, Reference Rate + [(days to expiration / ${s.daysInYear}) × interest rate × Reference Rate], ` +
    `where the Reference Rate is the value of ${b.index(s.index)} for the settlement date, the interest rate is the value of ${s.rate.name} ` +
    `for the settlement date as published in the fixings (a percentage a year), and the days to expiration are the calendar days from the settlement date ` +
    `to the Last Trading Day, ${roundingWords(s.rounding, unit)}`
  );
}
