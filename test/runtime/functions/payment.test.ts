/**
 * The payment day of a final settlement (`payment N business days after …`), computed by the runtime for both
 * settlement backends. The clause it implements, Eurex's product specifications for index futures (EURO STOXX 50
 * Index Futures, eurex.com/ex-en/markets/productSearch/product!DE0009652388): "Cash settlement, payable on the first
 * exchange day following the final settlement day"; Eurex Stock Tracking Futures: "… following the last trading
 * day". The expected days are counted by hand on the CME Globex crypto calendar (specs/calendars), noted per row.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../../src/backends/legal/from-model.js";
import { toMarkdown } from "../../../src/backends/legal/to-markdown.js";
import type { Spec } from "../../../src/model/types.js";
import { parseFixings } from "../../../src/runtime/market-data/index.js";
import { positionReport, reportJson, reportText, settlementFunctions, type SettlementSpec } from "../../../src/runtime/functions/index.js";
import { paymentOf } from "../../../src/runtime/functions/payment.js";
import { specEnv } from "../../../src/runtime/functions/index.js";
import { ROOT } from "../../model/compile-helpers.js";

const text = (name: string) => readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8");
const load = (name: string) => JSON.parse(text(name)) as SettlementSpec;
const fixings = (rows: string[]) => {
  const r = parseFixings(["time,index,value", ...rows].join("\n"), { file: "f.csv" });
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
};

describe("payment 1 business day after the final settlement day on CME_GLOBEX_CRYPTO (BTCG)", () => {
  const spec = load("BTCG");
  const env = specEnv(spec);
  const payment = spec.contracts.BTCG!.payment![0]!.value;
  // Last Fridays of the month (a business day in both London and New York) and the next CME Globex crypto trade date.
  const cases: [string, string, string, string][] = [
    ["2025-08", "2025-08-29", "2025-09-02", "Mon 1 Sep 2025 is Labor Day"],
    ["2025-12", "2025-12-24", "2025-12-26", "Fri 26 Dec is Boxing Day in London (last trading day Wed 24); Thu 25 Christmas"],
    ["2026-03", "2026-03-27", "2026-03-30", "the weekend only (Good Friday is 3 April)"],
    ["2026-05", "2026-05-29", "2026-06-01", "Memorial Day 25 May is before"],
    ["2026-11", "2026-11-27", "2026-11-30", "the day after Thanksgiving is a trade date and a last trading day"],
  ];
  for (const [period, ltd, paid, why] of cases) {
    it(`${period}: last trading day ${ltd}, paid ${paid} (${why})`, () => {
      const r = settlementFunctions(spec).final({ period, fixings: fixings([`${ltd}T12:00:00Z,BTC_REF,100000`]) });
      expect(r.lastTradingDay).toBe(ltd);
      expect(r.payment).toEqual({ date: paid, from: ltd, rule: "1 business day after the final settlement day on CME_GLOBEX_CRYPTO" });
      expect(paymentOf(payment, { lastTradingDay: ltd, settlementDate: ltd }, (n) => env.engine(n))).toEqual(r.payment);
    });
  }

  it("counts from the last trading day when the contract says so, two trade dates on (Eurex Stock Tracking Futures wording)", () => {
    const p = { businessDays: 2, after: "last-trading-day" as const, calendar: "CME_GLOBEX_CRYPTO" };
    // Fri 29 Aug 2025: Tue 2 Sep is the first trade date after it (Labor Day Monday), Wed 3 Sep the second.
    expect(paymentOf(p, { lastTradingDay: "2025-08-29", settlementDate: null }, (n) => env.engine(n))).toEqual({
      date: "2025-09-03",
      from: "2025-08-29",
      rule: "2 business days after the last trading day on CME_GLOBEX_CRYPTO",
    });
  });

  it("has no payment without a day to count from, and says so when the calendar is missing", () => {
    expect(paymentOf(payment, { lastTradingDay: "2025-08-29", settlementDate: null }, (n) => env.engine(n))).toBeUndefined();
    expect(paymentOf(payment, { lastTradingDay: "2025-08-29", settlementDate: "2025-08-29" }, () => undefined)).toBe(
      "the payment calendar CME_GLOBEX_CRYPTO is not in this spec",
    );
  });

  it("the certificate states the payment day and cites the clause", () => {
    const r = settlementFunctions(spec).final({ period: "2025-08", fixings: fixings(["2025-08-29T15:00:00Z,BTC_REF,108765.435"]) });
    expect(reportText(r)).toContain(
      "  payment date 2025-09-02: 1 business day after the final settlement day on CME_GLOBEX_CRYPTO (2025-08-29)\n",
    );
    expect(r.rules.find((x) => x.rule === "payment")?.clauses).toEqual(["1303.D Payment"]);
  });

  it("the readable contract has a Payment clause", () => {
    const md = toMarkdown(buildDocument(JSON.parse(text("BTCG")) as Spec, { asOf: "2025-08-01" }));
    expect(md).toContain(
      "The final settlement amount is payable on the first Business Day after the final settlement day of the contract, Business Days being those of the CME Globex cryptocurrency products calendar (CME_GLOBEX_CRYPTO).",
    );
  });
});

describe("contracts without a payment clause", () => {
  it("have no payment in their reports", () => {
    const r = settlementFunctions(load("FOTI")).final({ period: "2026-03", fixings: fixings(["2026-03-27T16:00:00Z,AITOK_OUT,10.1235"]) });
    expect(r.ok).toBe(true);
    expect("payment" in r).toBe(false);
    expect(reportJson(r)).not.toContain("payment");
  });
});

describe("payment amounts rounded to an increment (a position's variation)", () => {
  it("rounds the exact variation once, by the declared mode, and keeps the exact amount beside it", () => {
    // (10.1235 − 10) × 1000 × 3 = 370.5 exactly: a tie at the unit.
    const m = { value: "1000", currency: "USD" };
    const even = positionReport("10.1235", { quantity: "3", price: "10" }, m, false, null, { increment: "1", mode: "half-even" });
    const up = positionReport("10.1235", { quantity: "3", price: "10" }, m, false, null, { increment: "1", mode: "half-up" });
    expect(even).toMatchObject({ variation: "370", variationUnrounded: "370.5", variationRounding: "to 1 half-even" });
    expect(up).toMatchObject({ variation: "371", variationUnrounded: "370.5" });
    expect(positionReport("10.1235", { quantity: "3", price: "10" }, m, false)).toEqual({
      quantity: "3",
      price: "10",
      multiplier: "1000",
      currency: "USD",
      variation: "370.5",
    });
  });

  it("MBTG: -1 @ 108000 at 108765.45 is -76.545 USD, paid -76.55 (half up, away from zero)", () => {
    const r = settlementFunctions(load("MBTG")).final({
      period: "2025-08",
      position: { quantity: "-1", price: "108000" },
      fixings: fixings(["2025-08-29T15:00:00Z,BTC_REF,108765.445"]),
    });
    expect(r.position).toMatchObject({ variation: "-76.55", variationUnrounded: "-76.545" });
  });
});
