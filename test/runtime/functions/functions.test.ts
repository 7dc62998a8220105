/**
 * The settlement functions beyond the data-driven suite: an option on an index (no spec in specs/ has one), the
 * steps on their own (periods, trades of one contract month, requests with malformed decimals, a spread leg with
 * its own rounding) and the multiplier of contracts (one place: contract unit × price unit).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFixings, parseObservations } from "../../../src/runtime/market-data/index.js";
import { Schedule } from "../../../src/runtime/schedule/index.js";
import {
  contractMultiplier,
  finalOf,
  isError,
  parsePeriod,
  reportJson,
  reportText,
  resolvePeriod,
  settlementFunctions,
  specEnv,
  tradesOf,
  type SettlementSpec,
} from "../../../src/runtime/functions/index.js";
import { ROOT } from "../../model/compile-helpers.js";

const load = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8")) as SettlementSpec;
const fixings = (rows: string[]) => {
  const r = parseFixings(["time,index,value", ...rows].join("\n"), { file: "f.csv" });
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
};
const always = [{ from: null, until: null }];

/** FOTI_OPT turned into an option on the AITOK_OUT index: settles against the index at 16:00 London on FOTI's last trading day. */
function optionOnIndex(): SettlementSpec {
  const spec = structuredClone(load("FOTI_OPT")) as unknown as {
    contracts: Record<string, Record<string, unknown>>;
    subject: { name: string };
  };
  const foti = spec.contracts.FOTI!;
  const opt = spec.contracts.FOTI_OPT!;
  opt.underlying = [{ effective: always, descriptions: [], clauses: [], value: { kind: "index", name: "AITOK_OUT" } }];
  opt.contractUnit = foti.contractUnit;
  opt.lastTradingDay = foti.lastTradingDay;
  opt.expiry = [];
  opt.finalSettlement = [
    {
      effective: always,
      descriptions: [],
      clauses: ["X.1"],
      value: {
        method: "cash",
        rounding: { kind: "increment", increment: "0.01", mode: "half-up" },
        value: { kind: "index-at", index: "AITOK_OUT", at: { time: "16:00:00", zone: "Europe/London" } },
      },
    },
  ];
  delete spec.contracts.FOTI;
  return spec as unknown as SettlementSpec;
}

describe("an option on an index", () => {
  const f = settlementFunctions(optionOnIndex());
  const data = { fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10.125"]) };
  it("settles against the index, rounded as the option declares, then exercises", () => {
    const r = f.final({ period: "2026-03", option: { right: "call", strike: "10" }, ...data });
    expect([r.ok, r.price, r.unrounded, r.option?.underlying, r.option?.intrinsic, r.option?.exercised, r.option?.payoff]).toEqual([
      true,
      "10.13",
      "10.125",
      "AITOK_OUT",
      "0.13",
      true,
      "130",
    ]);
  });
  it("a put out of the money is abandoned", () => {
    const r = f.final({ period: "2026-03", option: { right: "put", strike: "10" }, ...data });
    expect([r.option?.exercised, r.option?.payoff]).toEqual([false, "0"]);
  });
});

describe("steps", () => {
  it("periods: months, ISO weeks, weekly expiry dates, and clear errors", () => {
    expect(parsePeriod("2026-12", "month")).toEqual({ kind: "month", year: 2026, month: 12 });
    const w = parsePeriod("2026-W13", "week");
    expect(!isError(w) && w.kind === "week" && [w.isoYear, w.isoWeek]).toEqual([2026, 13]);
    expect(parsePeriod("2026-03-27", "week")).toEqual(w);
    expect(parsePeriod("2025-W53", "week")).toMatchObject({ kind: "period" }); // 2025 has 52 ISO weeks (2026 has 53)
    expect(parsePeriod("2026-W13", "month")).toMatchObject({ kind: "period" });
    expect(parsePeriod("next month", "month")).toMatchObject({ kind: "period" });
  });
  it("resolvePeriod gives the legs of a spread", () => {
    const r = resolvePeriod(new Schedule(load("FOTI_CAL")), "FOTI_CAL", "2026-12");
    expect(!isError(r) && r.legs).toEqual([
      { side: "buy", contract: "FOTI", period: "2026-12", symbol: "FOTI-Z26" },
      { side: "sell", contract: "FOTI", period: "2027-01", symbol: "FOTI-F27" },
    ]);
  });
  it("tradesOf keeps the rows of one contract month (and rows without an instrument)", () => {
    const o = parseObservations(
      "time,source,price,volume,instrument\n2026-03-27T15:58:00Z,ICE,1,1,FOTI-M26\n2026-03-27T15:58:01Z,ICE,2,1,FOTI-H26\n2026-03-27T15:58:02Z,ICE,3,1,",
      { file: "o.csv" },
    );
    if (!o.ok) throw new Error("parse");
    const t = tradesOf(o.value, "FOTI-M26");
    expect([t.length, [...t.price], [...t.line]]).toEqual([2, [1, 3], [2, 4]]);
  });
  it("a malformed decimal in a request is a request error, never an exception", () => {
    const f = settlementFunctions(load("FOTI"));
    const data = { fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10"]) };
    expect(f.final({ period: "2026-03", position: { quantity: "1e3", price: "10" }, ...data }).error).toMatchObject({ kind: "request" });
    expect(f.final({ period: "2026-03", determined: "ten", fixings: [] }).error).toMatchObject({ kind: "request" });
    expect(f.daily({ period: "2026-06", date: "2026-03-27", prior: "x" }).error).toMatchObject({ kind: "request" });
    expect(f.daily({ period: "2026-06", date: "27/03/2026" }).error).toMatchObject({ kind: "request" });
    expect(f.index({ index: "AITOK_OUT", at: "16:00" }).error).toMatchObject({ kind: "request" });
    expect(f.index({ index: "NOPE", at: "2026-03-27" }).error).toMatchObject({ kind: "unknown-index" });
    const opt = settlementFunctions(load("FOTI_OPT"));
    expect(opt.final({ period: "2026-03", option: { right: "straddle" as "call", strike: "10" }, ...data }).error).toMatchObject({
      kind: "request",
    });
  });
  it("a spread leg with its own rounding settles with it", () => {
    const env = specEnv(load("FOTI_CAL"));
    const r = finalOf(
      env,
      "FOTI",
      { period: "2026-03", fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10.12345"]) },
      { rounding: { kind: "increment", increment: "0.01", mode: "down" }, fallback: null },
    );
    expect([r.price, r.rounding]).toEqual(["10.12", "to 0.01 down"]);
  });
  // Issue 16, Spreads: "The spread's own fallback is honoured (today a `fallback { ... }` on a spread passes check and
  // is ignored in leg-by-leg settlement)". FOTI_CAL has none, so its near leg falls back under FOTI's Rule 1103.C
  // (postponed to Monday's AITOK_OUT); FOTI_CAL_FB's own waterfall (Rule 1105.D: AITOK_OUT_ALT the same day) replaces it.
  it("a spread's own fallback replaces its legs' fallback; without one, each leg falls back as its contract", () => {
    const data = {
      period: "2026-03",
      fixings: fixings([
        "2026-03-27T16:30:00Z,AITOK_OUT_ALT,10.0615",
        "2026-03-30T15:00:00Z,AITOK_OUT,10.3",
        "2026-04-24T15:00:00Z,AITOK_OUT,10.2",
      ]),
    };
    const own = settlementFunctions(load("FOTI_CAL")).final(data);
    expect([own.spread?.legs[0]?.price, own.spread?.legs[0]?.settlement.days[0]?.level, own.price]).toEqual(["10.3", 1, "0.1"]);
    expect(own.rules.map((r) => r.rule)).not.toContain("fallback");
    const spreads = settlementFunctions(load("FOTI_CAL_FB")).final(data);
    expect([spreads.spread?.legs[0]?.price, spreads.spread?.legs[0]?.settlement.days[0]?.index, spreads.price]).toEqual([
      "10.062",
      "AITOK_OUT_ALT",
      "-0.138",
    ]);
    expect(spreads.rules.filter((r) => r.rule === "fallback").map((r) => r.contract)).toEqual(["FOTI_CAL_FB"]);
    expect(spreads.spread?.legs[0]?.settlement.rules.map((r) => r.rule)).not.toContain("fallback");
    // The spread's not-published deadline (18:00 London) is the one applied to the legs: a value at 18:30 is too late.
    const late = settlementFunctions(load("FOTI_CAL_FB")).final({
      period: "2026-03",
      fixings: fixings([
        "2026-03-27T16:30:00Z,AITOK_OUT_ALT,10.05",
        "2026-03-27T18:30:00Z,AITOK_OUT,10.1",
        "2026-04-24T15:00:00Z,AITOK_OUT,10.2",
      ]),
    });
    expect(late.spread?.legs[0]?.price).toBe("10.05");
  });
  it("reports are plain data: canonical JSON round-trips", () => {
    const r = settlementFunctions(load("FOTI")).final({ period: "2026-03", fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10"]) });
    expect(reportJson(JSON.parse(reportJson(r)))).toBe(reportJson(r));
  });
});

// CME Rulebook Chapter 350A (Bitcoin options), Rule 350A02.E: "in-the-money options are automatically exercised"
// (issue 16: automatic exercise of any in-the-money amount, a threshold of 0).
describe("automatic exercise of any in-the-money amount", () => {
  const spec = structuredClone(load("FOTI_OPT")) as unknown as { contracts: Record<string, Record<string, unknown>> };
  const ae = spec.contracts.FOTI_OPT!.automaticExercise as { value: { amount: string } }[];
  ae[0]!.value.amount = "0";
  const f = settlementFunctions(spec as unknown as SettlementSpec);
  const data = { period: "2026-03", fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10.05"]) };
  it("exercises an option in the money by one tick", () => {
    const r = f.final({ ...data, option: { right: "put", strike: "10.1" } });
    expect([r.option?.intrinsic, r.option?.threshold, r.option?.exercised, r.option?.payoff]).toEqual(["0.05", "0", true, "50"]);
  });
  it("abandons an option at the money: in the money by zero is not in the money", () => {
    const r = f.final({ ...data, option: { right: "call", strike: "10.05" } });
    expect([r.option?.intrinsic, r.option?.exercised, r.option?.payoff, r.option?.reason]).toEqual([
      "0",
      false,
      "0",
      "out of the money or at the money",
    ]);
  });
});

// CME Rulebook Chapter 350A (Options on Bitcoin Futures), Rule 350A02.E: "in-the-money options are automatically
// exercised into expiring cash-settled futures" (issue 16: the result is a futures position at the strike, then the
// future's settlement). BTC_OPT (specs/contracts/btc-options.terms) on BTC, 5 bitcoin each.
describe("exercise into futures", () => {
  const f = settlementFunctions(load("BTC_OPT"));
  const data = { period: "2026-03", fixings: fixings(["2026-03-27T16:00:00Z,BTC_REF,87612.345"]) };
  it("a put in the money opens a short futures position at the strike; its variation is the payoff", () => {
    const r = f.final({ ...data, option: { right: "put", strike: "88000" } });
    expect(r.option?.futures).toEqual({
      symbol: "BTC-H26",
      side: "short",
      quantity: "1",
      price: "88000",
      settlementPrice: "87612.35",
      variation: "1938.25",
      currency: "USD",
    });
    expect(r.option?.payoff).toBe("1938.25");
  });
  it("an option out of the money opens no position", () => {
    const r = f.final({ ...data, option: { right: "call", strike: "88000" } });
    expect([r.option?.exercised, r.option?.futures]).toEqual([false, null]);
    expect(reportText(r)).toContain("exercise into futures: none (not exercised)");
  });
  it("an option settled in cash reports no futures position", () => {
    const r = settlementFunctions(load("FOTI_OPT")).final({
      period: "2026-03",
      fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10.2"]),
      option: { right: "call", strike: "10" },
    });
    expect(r.option !== null && "futures" in r.option).toBe(false);
  });
});

describe("contractMultiplier", () => {
  const of = (spec: SettlementSpec) => (n: string) => spec.contracts[n];
  it("contract unit × price unit = money", () => {
    expect(contractMultiplier(of(load("FOTI")), "FOTI", "2026-03-27")).toEqual({ value: "1000", currency: "USD" });
    expect(contractMultiplier(of(load("BTC")), "BTC", "2026-03-27")).toEqual({ value: "5", currency: "USD" });
    expect(contractMultiplier(of(load("GPUH")), "GPUH", "2026-03-27")).toEqual({ value: "1000", currency: "USD" });
  });
  it("an option on one future: that future's; a spread: its legs' when they agree", () => {
    expect(contractMultiplier(of(load("FOTI_OPT")), "FOTI_OPT", "2026-03-27")).toEqual({ value: "1000", currency: "USD" });
    expect(contractMultiplier(of(load("FOTI_FOTB")), "FOTI_FOTB", "2026-03-27")).toEqual({ value: "1000", currency: "USD" });
  });
});

/**
 * FOTI with a tiered outright tick, 0.001 at or below 10 and 0.01 above 10, settling "to the tick": the tier is
 * chosen by the unrounded price, as the rulebook reads, for the final and the daily settlement alike.
 */
function tieredFoti(): SettlementSpec {
  const spec = structuredClone(load("FOTI")) as unknown as { contracts: Record<string, Record<string, unknown>> };
  const foti = spec.contracts.FOTI! as { tick: { value: unknown[] }[]; finalSettlement: { value: { rounding: unknown } }[] };
  const unit = (foti.tick[0]!.value[0] as { tick: { unit: unknown } }).tick.unit;
  foti.tick[0]!.value = [
    { tick: { amount: "0.001", unit }, bound: { relation: "at-or-below", price: "10" } },
    { tick: { amount: "0.01", unit }, bound: { relation: "above", price: "10" } },
  ];
  foti.finalSettlement[0]!.value.rounding = { kind: "tick", mode: "half-even" };
  return spec as unknown as SettlementSpec;
}

describe("rounding to a tiered tick", () => {
  const f = settlementFunctions(tieredFoti());
  const final = (value: string) => f.final({ period: "2026-03", fixings: fixings([`2026-03-27T16:00:00Z,AITOK_OUT,${value}`]) });

  it("rounds on the tier the unrounded price falls in", () => {
    expect([final("9.99851").price, final("10.12345").price, final("10.125").price, final("10.135").price]).toEqual([
      "9.999",
      "10.12",
      "10.12",
      "10.14",
    ]);
  });

  it("takes a price exactly on a bound as at or below it", () => {
    expect(final("10").price).toBe("10");
    expect(final("10.0004").price).toBe("10");
    expect(final("9.9996").price).toBe("10");
  });

  it("says which tiers it rounds on, in the report and its text", () => {
    const r = final("10.12345");
    expect(r.rounding).toBe("to the tick (0.001 at or below 10, 0.01 above 10) half-even");
    expect(reportJson(r)).toContain('"rounding": "to the tick (0.001 at or below 10, 0.01 above 10) half-even"');
  });

  it("rounds the daily VWAP on the tier of its price", () => {
    const obs = (rows: string[]) => {
      const r = parseObservations(["time,source,price,volume,instrument", ...rows].join("\n"), { file: "o.csv" });
      if (!r.ok) throw new Error(r.errors[0]!.message);
      return r.value;
    };
    const daily = (price: string) =>
      f.daily({ period: "2026-03", date: "2026-03-20", prior: "10", observations: obs([`2026-03-20T15:59:00Z,XCH,${price},5,FOTI-H26`]) });
    expect([daily("10.1234").price, daily("9.87654").price]).toEqual(["10.12", "9.877"]);
  });

  it("fails with a typed error, not a price, when no tier covers the value", () => {
    const spec = tieredFoti() as unknown as { contracts: Record<string, { tick: { value: unknown[] }[] }> };
    spec.contracts.FOTI!.tick[0]!.value.pop(); // only `0.001 at or below 10` is left
    const r = settlementFunctions(spec as unknown as SettlementSpec).final({
      period: "2026-03",
      fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10.5"]),
    });
    expect(r.ok).toBe(false);
    expect(r.price).toBeNull();
    expect(JSON.stringify(r.error)).toContain("no tier of the tick table applies to 10.5");
  });
});

describe("an option's strike grid", () => {
  // FOTI_OPT lists strikes every 0.05; FOTI-H26 settles at 10.123 from this fixing.
  const f = settlementFunctions(load("FOTI_OPT"));
  const data = { fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10.12345"]) };
  it("settles a strike on the grid", () => {
    const r = f.final({ period: "2026-03", option: { right: "call", strike: "10.05" }, ...data });
    expect([r.ok, r.option?.strike, r.option?.intrinsic]).toEqual([true, "10.05", "0.073"]);
    expect(f.final({ period: "2026-03", option: { right: "put", strike: "10.2" }, ...data }).ok).toBe(true);
  });
  it("rejects a strike off the grid with the strikes around it, instead of paying an option that is not listed", () => {
    const r = f.final({ period: "2026-03", option: { right: "call", strike: "10.03" }, ...data });
    expect(r.ok).toBe(false);
    expect(r.option).toBeNull();
    expect(r.error).toEqual({
      kind: "request",
      message: "option strike 10.03 is not on the strike grid of FOTI_OPT (every 0.05): the nearest strikes are 10 and 10.05",
    });
  });
  it("keeps the strikes of an earlier grid listed: a grid of 0.025 until January 2026, 0.05 after", () => {
    const spec = structuredClone(load("FOTI_OPT")) as unknown as {
      contracts: Record<string, { strikes: { effective: unknown[]; value: { amount: string } }[] }>;
    };
    const [v] = spec.contracts.FOTI_OPT!.strikes;
    spec.contracts.FOTI_OPT!.strikes = [
      { ...v!, effective: [{ from: null, until: "2026-01-31" }], value: { ...v!.value, amount: "0.025" } },
      { ...v!, effective: [{ from: "2026-02-01", until: null }], value: { ...v!.value, amount: "0.05" } },
    ];
    const g = settlementFunctions(spec as unknown as SettlementSpec);
    const r = g.final({ period: "2026-03", option: { right: "call", strike: "10.025" }, ...data });
    expect([r.ok, r.option?.intrinsic]).toEqual([true, "0.098"]);
    expect(g.final({ period: "2026-03", option: { right: "call", strike: "10.01" }, ...data }).error?.message).toBe(
      "option strike 10.01 is not on the strike grid of FOTI_OPT (every 0.05): the nearest strikes are 10 and 10.05",
    );
  });
});

describe("restatements of published fixings", () => {
  // FOTI-H26 settles on AITOK_OUT at 16:00 London on 27 March 2026; AITOK_OUT restates the same day above 0.10%.
  type Mutable = { indices: Record<string, { restatement?: unknown[] }> };
  const withRule = (rule: unknown[] | undefined): SettlementSpec => {
    const spec = structuredClone(load("FOTI")) as unknown as Mutable;
    if (rule === undefined) delete spec.indices.AITOK_OUT!.restatement;
    else spec.indices.AITOK_OUT!.restatement = rule;
    return spec as unknown as SettlementSpec;
  };
  const settle = (spec: SettlementSpec, rows: string[]) => settlementFunctions(spec).final({ period: "2026-03", fixings: fixings(rows) });
  const published = "2026-03-27T16:00:00Z,AITOK_OUT,10.1235";

  it("keeps the published value when the index never restates", () => {
    const r = settle(withRule([{ effective: always, descriptions: [], clauses: [], value: { kind: "never" } }]), [
      published,
      "2026-03-27T17:00:00Z,AITOK_OUT,11",
    ]);
    expect(r.price).toBe("10.124");
    expect(r.restatements).toEqual([
      {
        index: "AITOK_OUT",
        date: "2026-03-27",
        at: "2026-03-27T17:00:00+00:00",
        published: "10.1235",
        corrected: "11",
        applied: false,
        reason: "the index never restates a published value",
      },
    ]);
  });

  it("takes the later value, and says so, when the index states no restatement rule", () => {
    const r = settle(withRule(undefined), [published, "2026-03-27T17:00:00Z,AITOK_OUT,10.1236"]);
    expect([r.price, r.restatements?.[0]?.applied, r.restatements?.[0]?.reason]).toEqual([
      "10.124",
      true,
      "the index states no restatement rule; the later value stands",
    ]);
  });

  it("a fixing held for review and then published is a publication, not a restatement", () => {
    const r = settle(withRule(undefined), ["2026-03-27T16:00:00Z,AITOK_OUT,15,held", "2026-03-27T16:30:00Z,AITOK_OUT,10.1229,final"]);
    expect([r.price, r.restatements]).toEqual(["10.123", undefined]);
  });

  it("a row held for review after publication does not correct it", () => {
    const r = settle(load("FOTI"), [published, "2026-03-27T17:00:00Z,AITOK_OUT,12,held"]);
    expect([r.price, r.restatements?.[0]?.applied]).toEqual(["10.124", false]);
  });

  it("compares each correction with the value in force: an ignored correction does not move the reference", () => {
    const r = settle(load("FOTI"), [published, "2026-03-27T17:00:00Z,AITOK_OUT,10.1229", "2026-03-27T17:30:00Z,AITOK_OUT,10.1"]);
    expect(r.price).toBe("10.1");
    expect(r.restatements?.map((x) => [x.published, x.corrected, x.applied])).toEqual([
      ["10.1235", "10.1229", false],
      ["10.1235", "10.1", true],
    ]);
  });

  it("a row on a later day, at or after that day's publication time, is that day's fixing, not a correction", () => {
    // 16:00 London is 15:00Z on Monday 30 March (BST).
    const r = settle(load("FOTI"), [published, "2026-03-30T15:00:00Z,AITOK_OUT,11"]);
    expect([r.price, r.restatements]).toEqual(["10.124", undefined]);
  });

  it("a row stamped before its day's publication time belongs to the previous fixing day (here: a correction too late)", () => {
    // Saturday 09:00Z is before any publication after Friday 16:00: a correction of Friday's fixing, after the 18:00 deadline.
    const r = settle(load("FOTI"), [published, "2026-03-28T09:00:00Z,AITOK_OUT,11"]);
    expect(r.price).toBe("10.124");
    expect(r.restatements?.map((x) => [x.date, x.corrected, x.applied, x.reason])).toEqual([
      ["2026-03-27", "11", false, "published after the deadline 2026-03-27T18:00:00+00:00"],
    ]);
  });

  it("reports only the corrections of the fixings it used", () => {
    const r = settle(load("FOTI"), ["2026-03-26T16:00:00Z,AITOK_OUT,9", "2026-03-26T17:00:00Z,AITOK_OUT,9.5", published]);
    expect([r.price, r.restatements]).toEqual(["10.124", undefined]);
  });
});

describe("the publication deadline of a not-published disruption", () => {
  // FOTI: not published by 18:00 London; postpone up to 2 London business days; alternate index; carry forward; the exchange.
  const f = settlementFunctions(load("FOTI"));
  it("applies on every postponed day too (18:00 BST is 17:00Z on 30 March)", () => {
    const r = f.final({
      period: "2026-03",
      fixings: fixings([
        "2026-03-26T16:00:00Z,AITOK_OUT,9.9",
        "2026-03-27T18:30:00Z,AITOK_OUT,10.5",
        "2026-03-30T17:30:00Z,AITOK_OUT,10.2",
      ]),
    });
    const day = r.days[0]!;
    expect([r.price, day.level, day.valueDate]).toEqual(["9.9", 3, "2026-03-26"]);
    expect(day.attempts.find((a) => a.level === 1)?.reason).toBe("2026-03-30: not-published; 2026-03-31: not-published");
  });
  it("takes a fixing published exactly at the deadline", () => {
    expect(f.final({ period: "2026-03", fixings: fixings(["2026-03-27T18:00:00Z,AITOK_OUT,10.5"]) }).price).toBe("10.5");
  });
});

describe("steps and disruptions with their own effective ranges", () => {
  type Mutable = {
    contracts: Record<
      string,
      {
        fallback: { value: { disruptions: { effective: unknown[] }[]; steps: { effective: unknown[] }[] } }[];
        dailySettlement: { value: { effective: unknown[] }[] }[];
      }
    >;
  };
  const edit = (change: (foti: Mutable["contracts"][string]) => void): SettlementSpec => {
    const spec = structuredClone(load("FOTI")) as unknown as Mutable;
    change(spec.contracts.FOTI!);
    return spec as unknown as SettlementSpec;
  };
  it("a fallback step not in force on the fixing date is not applicable", () => {
    // Postponement only until 2025: on 27 March 2026 the waterfall goes on to the alternate index.
    const spec = edit((f) => (f.fallback[0]!.value.steps[0]!.effective = [{ from: null, until: "2025-12-31" }]));
    const r = settlementFunctions(spec).final({
      period: "2026-03",
      fixings: fixings([
        "2026-03-27T16:00:00Z,AITOK_OUT,10.5,held",
        "2026-03-27T16:30:00Z,AITOK_OUT_ALT,10.3", // AITOK_OUT_ALT publishes at 16:30 London
        "2026-03-30T15:00:00Z,AITOK_OUT,10.2",
      ]),
    });
    const day = r.days[0]!;
    expect([r.price, day.level, day.index]).toEqual(["10.3", 2, "AITOK_OUT_ALT"]);
    expect(day.attempts.find((a) => a.level === 1)).toMatchObject({ outcome: "not-applicable", reason: "not in force on 2026-03-27" });
  });
  it("a publication deadline applies only while its disruption is declared", () => {
    const spec = edit((f) => (f.fallback[0]!.value.disruptions[0]!.effective = [{ from: "2027-01-01", until: null }]));
    expect(settlementFunctions(spec).final({ period: "2026-03", fixings: fixings(["2026-03-27T18:30:00Z,AITOK_OUT,10.5"]) }).price).toBe(
      "10.5",
    );
  });
  it("a daily step not in force on the date is skipped", () => {
    const spec = edit((f) => (f.dailySettlement[0]!.value[1]!.effective = [{ from: "2027-01-01", until: null }]));
    const r = settlementFunctions(spec).daily({ period: "2026-06", date: "2026-03-27", prior: "10", bidAsk: { bid: "10.1", ask: "10.2" } });
    expect(r.price).toBe("10");
    expect(r.daily?.attempts).toContain("step 2 (midpoint): not in force on 2026-03-27");
  });
});
