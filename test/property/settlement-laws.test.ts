/**
 * Laws of the settlement functions, with fixed seeds so a failure reproduces:
 * - option payoffs through the compiled FOTI_OPT spec (`settlementFunctions` on random fixings and strikes on the
 *   grid) and through `settleOption` on random prices, strikes and multipliers: a call and a put never pay a
 *   negative amount, and call − put = (S − K) × multiplier;
 * - a rounded price is a multiple of its increment, for every rounding mode (the runtime's `applyRounding` on
 *   exact rationals, and every final settlement price of FOTI and GPUH5 from random fixings);
 * - an index value and its certificate do not depend on the order of observations sharing a timestamp (rows
 *   shuffled within equal times and re-sorted), for an index of latest values per source (AITOK_OUT, with
 *   instruments of different priority), a blended one (AITOK_BLEND) and a windowed, partitioned one (BTC_REF);
 * - `final`, `daily` and `index` return a report, never throw, whatever strings a request carries.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ROUNDING_MODES } from "../../src/runtime/numbers/decimal.js";
import { parseFixings, parseObservations } from "../../src/runtime/market-data/index.js";
import { settleOption, settlementFunctions, type SettlementSpec } from "../../src/runtime/functions/index.js";
import { Ratio, applyRounding, computeIndex } from "../../src/runtime/engine/index.js";
import { ROOT } from "../model/compile-helpers.js";

const SEED = 20_261_124;
const spec = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8")) as SettlementSpec;
const fixings = (rows: string[]) => {
  const r = parseFixings(["time,index,value", ...rows].join("\n"), { file: "f.csv" });
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
};
/** A decimal string with up to `scale` fraction digits, 0 … max. */
const decimal = (max: number, scale: number) =>
  fc.integer({ min: 0, max: max * 10 ** scale }).map((n) => Decimal.fromParts(BigInt(n), scale).toString());

describe("option payoffs", () => {
  const opt = settlementFunctions(spec("FOTI_OPT"));
  it("through FOTI_OPT: never negative, call − put = (S − K) × 1000", () => {
    fc.assert(
      // FOTI's prices may not be zero or negative (a fixing that rounds to zero is refused): fixings of 0.001 and up.
      fc.property(
        decimal(40, 5).filter((v) => Decimal.of(v).gte(Decimal.of("0.001"))),
        fc.integer({ min: 0, max: 800 }),
        (fixing, k) => {
          const strike = Decimal.fromParts(BigInt(k) * 5n, 2).toString();
          const data = { fixings: fixings([`2026-03-27T16:00:00Z,AITOK_OUT,${fixing}`]) };
          const call = opt.final({ period: "2026-03", option: { right: "call", strike }, ...data });
          const put = opt.final({ period: "2026-03", option: { right: "put", strike }, ...data });
          expect(call.ok && put.ok).toBe(true);
          const c = Decimal.of(call.option!.payoff),
            p = Decimal.of(put.option!.payoff);
          expect(c.isNegative() || p.isNegative()).toBe(false);
          expect(c.sub(p).toString()).toBe(Decimal.of(call.price!).sub(Decimal.of(strike)).mul(Decimal.of("1000")).toString());
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
  it("through settleOption: never negative, call − put = (S − K) × multiplier", () => {
    fc.assert(
      fc.property(decimal(100_000, 4), decimal(100_000, 4), decimal(10_000, 3), (s, k, m) => {
        const args = {
          strike: k,
          underlying: "X",
          underlyingPrice: s,
          multiplier: { value: m, currency: "USD" },
          threshold: null,
          strikeSteps: null,
          contract: "X_OPT",
        };
        const c = settleOption({ right: "call", ...args });
        const p = settleOption({ right: "put", ...args });
        if (!("payoff" in c) || !("payoff" in p)) throw new Error("no payoff");
        const cp = Decimal.of(c.payoff),
          pp = Decimal.of(p.payoff);
        expect(cp.isNegative() || pp.isNegative()).toBe(false);
        expect(cp.sub(pp).eq(Decimal.of(s).sub(Decimal.of(k)).mul(Decimal.of(m)))).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe("rounding", () => {
  const increments = fc.constantFrom("0.001", "0.0001", "0.0005", "0.01", "0.05", "0.25", "5", "1");
  it("a rounded price is a multiple of its increment, for every mode", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        increments,
        fc.constantFrom(...ROUNDING_MODES),
        decimal(1000, 3),
        (num, den, inc, mode, ref) => {
          const r = applyRounding(Ratio.of(num, den), { kind: "increment", increment: inc, mode }, undefined, Decimal.of(ref));
          if (typeof r === "string") return; // a mode that refuses an unresolved tie says so; it never returns an off-grid price
          expect(r.isMultipleOf(Decimal.of(inc))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it("every final settlement price of FOTI and GPUH5 is on its increment", () => {
    const foti = settlementFunctions(spec("FOTI"));
    const gpuh5 = settlementFunctions(spec("GPUH5"));
    const days = ["25", "26", "27", "30", "31"];
    // Prices above zero (FOTI and GPUH5 refuse a price of zero): a FOTI fixing of at least 0.001 rounds to 0.001 or
    // more; GPUH5's mean of five values of at least 0.0001 is at least 0.0001.
    const positive = (max: number, scale: number, min: number) =>
      fc.integer({ min, max: max * 10 ** scale }).map((n) => Decimal.fromParts(BigInt(n), scale).toString());
    fc.assert(
      fc.property(positive(50, 6, 1000), fc.array(positive(10, 4, 1), { minLength: 5, maxLength: 5 }), (v, vs) => {
        const f = foti.final({ period: "2026-03", fixings: fixings([`2026-03-27T16:00:00Z,AITOK_OUT,${v}`]) });
        expect(Decimal.of(f.price!).isMultipleOf(Decimal.of("0.001"))).toBe(true);
        const g = gpuh5.final({ period: "2026-03", fixings: fixings(days.map((d, i) => `2026-03-${d}T20:00:00Z,GPUX_H100,${vs[i]}`)) });
        expect(Decimal.of(g.price!).isMultipleOf(Decimal.of("0.0001"))).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("index computation is invariant to the order of observations", () => {
  /** Rows as (time offset in seconds, source, price, volume[, instrument[, part]]); the CSV is sorted by time, rows of equal time in the given order. */
  type Row = { t: number; source: string; price: string; volume: string; instrument?: string; part?: string };
  const csv = (base: number, rows: readonly Row[], header: string) =>
    [
      header,
      ...[...rows]
        .sort((a, b) => a.t - b.t)
        .map((r) =>
          [
            new Date((base + r.t) * 1000).toISOString().replace(".000Z", "Z"),
            r.source,
            r.price,
            r.volume,
            ...(r.instrument === undefined ? [] : [r.instrument]),
            ...(r.part === undefined ? [] : [r.part]),
          ].join(","),
        ),
    ].join("\n");
  const same = (methodologySpec: string, index: string, date: string, base: number, header: string, rows: Row[], order: number[]) => {
    const s = spec(methodologySpec);
    const m = s.indices[index]!;
    const a = parseObservations(csv(base, rows, header), { file: "a.csv" });
    const b = parseObservations(
      csv(
        base,
        order.map((i) => rows[i]!),
        header,
      ),
      { file: "b.csv" },
    );
    if (!a.ok || !b.ok) return; // exact duplicate rows are refused in both orders alike
    const ra = computeIndex(m, a.value, { date });
    const rb = computeIndex(m, b.value, { date });
    const plain = (r: typeof ra) => JSON.stringify(r.ok ? { value: r.value.toString(), status: r.status, certificate: r.certificate } : r);
    expect(plain(rb)).toBe(plain(ra));
  };
  const rowsOf = (instruments: Record<string, string[]>, maxT: number, maxPrice: number, parts?: readonly string[]) =>
    fc.array(
      fc
        .record({
          t: fc.integer({ min: 0, max: maxT }),
          source: fc.constantFrom(...Object.keys(instruments)),
          i: fc.nat(),
          p: fc.nat(),
          price: decimal(maxPrice, 2),
          volume: decimal(5, 1).filter((v) => v !== "0"),
        })
        .map(({ i, p, ...r }) => ({
          ...r,
          t: r.t * 30,
          instrument: instruments[r.source]![i % instruments[r.source]!.length]!,
          ...(parts === undefined ? {} : { part: parts[p % parts.length]! }),
        })),
      { minLength: 1, maxLength: 40 },
    );
  const withPermutation = <T>(arb: fc.Arbitrary<T[]>) =>
    arb.chain((rows) =>
      fc
        .shuffledSubarray(
          rows.map((_, i) => i),
          { minLength: rows.length, maxLength: rows.length },
        )
        .map((order) => ({ rows, order })),
    );

  it("AITOK_OUT (latest value per source at the fixing time)", () => {
    const inst = {
      OPENAI: ["gpt-5", "gpt-4.1"],
      ANTHROPIC: ["claude-sonnet-4-5"],
      GOOGLE: ["gemini-2.5-pro"],
      MISTRAL: ["mistral-large-latest", "mistral-medium-latest"],
      DEEPSEEK: ["deepseek-chat"],
    };
    fc.assert(
      fc.property(withPermutation(rowsOf(inst, 8, 20)), ({ rows, order }) => {
        same("FOTI", "AITOK_OUT", "2026-03-27", Date.UTC(2026, 2, 27, 15, 56) / 1000, "time,source,price,volume,instrument", rows, order);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
  it("AITOK_BLEND (input and output prices blended 1 : 3 per source, models in priority order)", () => {
    const inst = {
      OPENAI: ["gpt-5", "gpt-4.1"],
      ANTHROPIC: ["claude-sonnet-4-5"],
      GOOGLE: ["gemini-2.5-pro", "gemini-1.5-pro"],
      MISTRAL: ["mistral-large-latest"],
    };
    fc.assert(
      fc.property(withPermutation(rowsOf(inst, 8, 20, ["input", "output"])), ({ rows, order }) => {
        same(
          "FOTB",
          "AITOK_BLEND",
          "2026-03-27",
          Date.UTC(2026, 2, 27, 15, 56) / 1000,
          "time,source,price,volume,instrument,part",
          rows,
          order,
        );
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
  it("BTC_REF (volume-weighted medians of 5-minute intervals in a window)", () => {
    const inst = { BITSTAMP: ["BTC/USD"], COINBASE: ["BTC-USD"], GEMINI: ["BTCUSD"], KRAKEN: ["XBT/USD", "BTC/USD"] };
    fc.assert(
      fc.property(withPermutation(rowsOf(inst, 120, 5)), ({ rows, order }) => {
        same(
          "BTC",
          "BTC_REF",
          "2026-03-27",
          Date.UTC(2026, 2, 27, 15, 0) / 1000,
          "time,source,price,volume,instrument",
          rows.map((r) => ({ ...r, price: String(100 + Number(r.price)) })),
          order,
        );
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("the settlement functions never throw", () => {
  it("whatever the request's strings, for every compiled contract", () => {
    const names = ["BTC", "FOTB", "FOTI", "FOTI_CAL", "FOTI_FOTB", "FOTI_OPT", "FOTW", "GPUH", "GPUH5"];
    const all = names.map((n) => settlementFunctions(spec(n)));
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "2026-03",
        "0000-01",
        "9999-12",
        "2026-W53",
        "2025-W53",
        "2026-02-30",
        "-1",
        "1e5",
        "",
        "2026-03-27",
        "2200-01",
        "0001-01-01",
        "2026-W00",
        "2026-03-27T16:00:00Z",
      ),
    );
    fc.assert(
      fc.property(fc.nat(names.length - 1), text, text, text, text, (i, a, b, c, d) => {
        const f = all[i]!;
        for (const r of [
          f.final({ period: a, determined: b, position: { quantity: c, price: d }, option: { right: "call", strike: c }, fixings: [] }),
          f.daily({ period: a, date: b, prior: c, bidAsk: { bid: d, ask: c }, position: { quantity: d, price: c } }),
          f.index({ index: b, at: a, fixings: [] }),
        ])
          expect(typeof r.ok).toBe("boolean");
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe("published fixings, their corrections and the deadline", () => {
  // FOTI-H26 settles on AITOK_OUT fixed on 27 March 2026 (GMT) at 16:00 London, published by 18:00 London; AITOK_OUT
  // restates the same day only above 0.10%. A row stamped before 16:00 on the 27th is not the 27th's fixing but a
  // (late) row of the 26th's fixing day, which the waterfall's carry-forward level may use (flagged). FOTI's prices
  // may not be zero. A direct reading of those rules, row by row, must give the price the runtime gives.
  const foti = settlementFunctions(spec("FOTI"));
  const row = fc.record({
    minute: fc.integer({ min: 0, max: 240 }),
    value: decimal(20, 4).filter((v) => v !== "0"),
    status: fc.constantFrom("final", "held", "corrected"),
  });
  type Row = { minute: number; value: string; status: string };
  /** The value of one fixing day: its first published row, then corrections above 0.10%; held rows are not published. */
  const fold = (rows: readonly Row[]): { value: Decimal; held: boolean } | undefined => {
    let current: { value: Decimal; held: boolean } | undefined;
    for (const r of rows) {
      const v = Decimal.of(r.value);
      if (current === undefined || current.held) current = { value: v, held: r.status === "held" };
      else if (
        r.status !== "held" &&
        Ratio.fromDecimal(v.sub(current.value).abs()).mul(Ratio.of(1000n)).cmp(Ratio.fromDecimal(current.value)) > 0
      )
        current = { value: v, held: false };
    }
    return current;
  };
  it("the price is the first published row by the deadline, corrected only above the threshold", () => {
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.minute, maxLength: 6 }), (rows) => {
        const sorted = [...rows].sort((a, b) => a.minute - b.minute);
        const at = (m: number) => `2026-03-27T${String(15 + Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00Z`;
        const parsed = parseFixings(
          ["time,index,value,status", ...sorted.map((r) => `${at(r.minute)},AITOK_OUT,${r.value},${r.status}`)].join("\n"),
          { file: "f.csv" },
        );
        if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
        // The 27th: rows from 16:00Z (minute 60) to the 18:00Z deadline (minute 180).
        const day = fold(sorted.filter((r) => r.minute >= 60 && r.minute <= 180));
        // Else, carried forward (flagged): the 26th's fixing day, rows before 16:00Z on the 27th.
        const previous = fold(sorted.filter((r) => r.minute < 60));
        const used = day !== undefined && !day.held ? day : previous !== undefined && !previous.held ? previous : undefined;
        const rounded = used?.value.roundToIncrement(Decimal.of("0.001"), "half-even");
        const expected = rounded === undefined || rounded.isZero() ? null : rounded.toString();
        const r = foti.final({ period: "2026-03", fixings: parsed.value });
        expect(r.price).toBe(expected);
        expect(r.ok).toBe(expected !== null);
        if (expected !== null) expect(r.flagged).toBe(used !== day);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
