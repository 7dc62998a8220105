/**
 * ACTUS conformance: the 37 FUTUR and OPTNS reference cases (test/fixtures/actus, CC BY-SA 4.0, see its README)
 * expressed through the runtime settlement functions, compared exactly as decimal strings.
 *
 * Conversions, tolerance-free: every numeric input of the fixture (prices, strikes, market values) is a JSON
 * number whose shortest round-trip text (`String(v)`) is the literal of the original data, so it is parsed as that
 * decimal. Every expected amount is a float that the reference implementation computed from those inputs; the true
 * value is a multiple of 10^−s where s is the largest number of decimal places among the case's inputs, and the
 * float error is far below 10^−s / 2, so `v.toFixed(s)` recovers it exactly (e.g. 115.81 − 80 printed as 35.81).
 *
 * Events: PRD pays −R × priceAtPurchaseDate; MD and XD pay 0; XD sets the exercise amount Xa (futures S − F,
 * options the intrinsic value via optionPayoff with multiplier 1); STD pays R × Xa (futureSettlementAmount /
 * optionPayoff with quantity R) at settlementDate(XD, settlementPeriod days, calendar, convention): calendar NC
 * means no adjustment, MF a Monday-to-Friday calendar with CSF → following and CSP → preceding. A case with a given
 * exerciseDate and exerciseAmount has only its STD event.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCalendar } from "../../../src/runtime/calendar/index.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { futureSettlementAmount, optionPayoff, settlementDate } from "../../../src/runtime/engine/settlement.js";

interface Event {
  type: string;
  date: string;
  payoff: number;
  stateAfter: { exerciseAmount?: number };
}
interface Case {
  id: string;
  contractType: string;
  terms: Record<string, unknown>;
  underlyingMOC: string;
  marketData: Record<string, { t: string; v: number }[]>;
  expected: Event[];
}

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/actus/actus_futur_optns.json", import.meta.url), "utf8")) as {
  cases: Case[];
};
const cases = fixture.cases.filter((c) => c.contractType === "FUTUR" || c.contractType === "OPTNS");

const dec = (v: unknown): Decimal => Decimal.of(String(v).trim());
const places = (v: unknown): number => (String(v).trim().split(".")[1] ?? "").length;

const mf = buildCalendar({ name: "MF", timeZone: "UTC", weekend: [6, 7], holidays: [] }, () => undefined, 2000, 2040);
if (!mf.ok) throw new Error("MF calendar");

interface Actual {
  type: string;
  date: string;
  payoff: string;
  exerciseAmount?: string;
}

function run(c: Case): { actual: Actual[]; scale: number } {
  const t = c.terms;
  const R = t.contractRole === "BUY" ? Decimal.ONE : Decimal.of("-1");
  const engine = t.calendar === "MF" ? (mf.ok ? mf.value : undefined) : undefined;
  const convention = t.businessDayConvention === "CSP" ? "preceding" : t.businessDayConvention === "CSF" ? "following" : "unadjusted";
  const lag = Number(/^P(\d+)D$/.exec(String(t.settlementPeriod))![1]);
  const day = (iso: unknown) => String(iso).slice(0, 10);
  const numeric = [
    t.priceAtPurchaseDate,
    t.futuresPrice,
    t.optionStrike1,
    t.exerciseAmount,
    ...(c.marketData[c.underlyingMOC] ?? []).map((o) => o.v),
  ].filter((x) => x !== undefined);
  const scale = Math.max(0, ...numeric.map(places));
  const out: Actual[] = [];
  if (t.exerciseDate !== undefined && t.exerciseAmount !== undefined) {
    const xa = dec(t.exerciseAmount);
    out.push({ type: "STD", date: settlementDate(day(t.exerciseDate), lag, engine, convention), payoff: xa.mul(R).toString() });
    return { actual: out, scale };
  }
  out.push({ type: "PRD", date: day(t.purchaseDate), payoff: dec(t.priceAtPurchaseDate).mul(R).neg().toString() });
  const md = day(t.maturityDate);
  out.push({ type: "MD", date: md, payoff: "0" });
  const obs = (c.marketData[c.underlyingMOC] ?? []).find((o) => o.t.slice(0, 10) === md);
  if (obs === undefined) throw new Error(`${c.id}: no observation at ${md}`);
  const S = dec(obs.v);
  let xa: Decimal, std: Decimal;
  if (c.contractType === "FUTUR") {
    xa = futureSettlementAmount(S, dec(t.futuresPrice), Decimal.ONE, Decimal.ONE);
    std = futureSettlementAmount(S, dec(t.futuresPrice), Decimal.ONE, R);
  } else {
    const right = t.optionType === "C" ? "call" : "put";
    xa = optionPayoff(right, S, dec(t.optionStrike1), Decimal.ONE).payoff;
    std = optionPayoff(right, S, dec(t.optionStrike1), Decimal.ONE, { quantity: R }).payoff;
  }
  out.push({ type: "XD", date: md, payoff: "0", exerciseAmount: xa.toString() });
  out.push({ type: "STD", date: settlementDate(md, lag, engine, convention), payoff: std.toString() });
  return { actual: out, scale };
}

describe("ACTUS FUTUR and OPTNS", () => {
  it("has all 37 cases", () => expect(cases.length).toBe(37));
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { actual, scale } = run(c);
    const exact = (v: number): string => Decimal.of(v.toFixed(scale)).toString();
    const expected = c.expected.map((e) => ({
      type: e.type,
      date: e.date.slice(0, 10),
      payoff: exact(e.payoff),
      ...(e.type === "XD" ? { exerciseAmount: exact(e.stateAfter.exerciseAmount ?? 0) } : {}),
    }));
    expect(actual).toEqual(expected);
  });
});
