/**
 * Sampled indices (runtime/engine/sampling.ts), on the compiled BTC_TWAP (specs/indices/btc-twap.terms):
 *   "The price used for the settlement and delivery of contracts will be calculated as the time-weighted average of
 *   the Deribit index over the last 30 min before the expiry. The Deribit index gets calculated every 4 seconds."
 *   (Deribit, Prices of Virtual Assets, support.deribit.com/hc/en-us/articles/25954416110877), and "If the system
 *   doesn't receive any signal from an exchange for more than 3 minutes, this exchange will be taken out of the index
 *   calculation" (the Deribit BTC index description).
 * The settlement case BTC_TWAP/index-sampled-hold is checked against test/oracles/btc_twap.py by the shared suite;
 * here each sentence of the readable methodology is held to the engine: the samples' instants and the window's
 * bounds, the holding time (inclusive), several prices at one instant averaged, empty samples skipped or failing,
 * the minimum number of sources per sample, and a window whose length a clock change alters.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Index as ModelIndex } from "../../../src/model/indices.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import type { Index, Sampling } from "../../../src/runtime/spec.js";
import { ROOT, compileFiles } from "../../model/compile-helpers.js";
import { loadSpec } from "../../../src/model/load.js";
import { renderContract } from "../../../src/backends/legal/index.js";

function compiledIndex(path: string, name: string): Index {
  const r = compileFiles([path]);
  const file = r.files.find((f) => f.path === `indices/${name}.json`);
  if (file === undefined) throw new Error(`no compiled ${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return (JSON.parse(file.text) as { indices: Record<string, ModelIndex> }).indices[name]!;
}

const TWAP = compiledIndex("specs/indices/btc-twap.terms", "BTC_TWAP");
const clause = <T>(value: T) => [{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value }];
const sampling = (o: Partial<Sampling>) => clause({ ...TWAP.sampling![0]!.value, ...o });

function obs(rows: string[]) {
  const r = parseObservations(["time,source,price,volume,instrument", ...rows].join("\n") + "\n", { file: "t.csv" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const row = (time: string, source: string, price: string) =>
  `2026-03-27T${time}Z,${source},${price},1,${{ BITSTAMP: "BTC/USD", COINBASE: "BTC-USD", KRAKEN: "XBT/USD", LMAX_DIGITAL: "BTC/USD", GEMINI: "BTCUSD" }[source]}`;

describe("a sampled index (BTC_TWAP)", () => {
  it("samples the window's start and every 4 seconds to 07:59:56, the excluded end not sampled", () => {
    const r = computeIndex(TWAP, obs([row("07:29:59", "COINBASE", "100"), row("08:00:00", "COINBASE", "200")]), { date: "2026-03-27" });
    const samples = r.certificate.samples!;
    expect(samples.length).toBe(450);
    expect(samples[0]!.at).toBe("2026-03-27T07:30:00+00:00");
    expect(samples[449]!.at).toBe("2026-03-27T07:59:56+00:00");
    // 07:29:59 is held for 3 minutes: samples 07:30:00 to 07:32:56 (45 samples), each 100.
    expect(samples.filter((s) => s.value !== null).length).toBe(45);
    expect(r.ok && r.value.toString()).toBe("100");
  });

  it("samples both ends when the window includes them, and neither when it excludes them", () => {
    const w = TWAP.window[0]!.value;
    const both = { ...TWAP, window: clause({ ...w, toBound: "inclusive" as const }) };
    const neither = { ...TWAP, window: clause({ ...w, fromBound: "exclusive" as const }) };
    const data = obs([row("07:59:59", "COINBASE", "100")]);
    const a = computeIndex(both, data, { date: "2026-03-27" });
    expect(a.certificate.samples!.length).toBe(451);
    expect(a.certificate.samples![450]!.at).toBe("2026-03-27T08:00:00+00:00");
    expect(a.ok && a.value.toString()).toBe("100");
    const b = computeIndex(neither, data, { date: "2026-03-27" });
    expect(b.certificate.samples!.length).toBe(449);
    expect(b.certificate.samples![0]!.at).toBe("2026-03-27T07:30:04+00:00");
  });

  it("holds a price for up to the holding time, inclusive, including one observed before the window", () => {
    const r = computeIndex(TWAP, obs([row("07:26:59", "KRAKEN", "90"), row("07:27:00", "BITSTAMP", "100")]), { date: "2026-03-27" });
    const s = r.certificate.samples!;
    expect(s[0]!.prices.find((p) => p.source === "BITSTAMP")).toEqual({
      source: "BITSTAMP",
      value: "100",
      observed: "2026-03-27T07:27:00+00:00",
      note: null,
    });
    // KRAKEN's price is 3 minutes and 1 second old at 07:30:00: not held.
    expect(s[0]!.sources).toBe(1);
    expect(s[1]!.value).toBe(null);
    expect(s[1]!.note).toBe("no source price");
  });

  it("averages several prices one source observed at the same instant", () => {
    const r = computeIndex(TWAP, obs([row("07:30:00", "COINBASE", "100"), row("07:30:00", "COINBASE", "101")]), {
      date: "2026-03-27",
    });
    expect(r.certificate.samples![0]!.value).toBe("100.5");
  });

  it("leaves an empty sample out, or fails the fixing with `empty samples fail`", () => {
    const data = obs([row("07:30:00", "COINBASE", "100"), row("07:45:00", "COINBASE", "103")]);
    const skip = computeIndex(TWAP, data, { date: "2026-03-27" });
    // 46 samples hold 100 (07:30:00 to 07:33:00), 46 hold 103: (100 + 103) / 2.
    expect(skip.ok && skip.certificate.unrounded).toBe("101.5");
    const fail = computeIndex({ ...TWAP, sampling: sampling({ empty: "fail" }) }, data, { date: "2026-03-27" });
    expect(fail.ok).toBe(false);
    expect(!fail.ok && fail.failure.kind).toBe("empty-interval");
    expect(!fail.ok && fail.failure.message).toBe("sample 47 (2026-03-27T07:33:04+00:00): no source price");
  });

  it("needs the minimum number of sources at each sample", () => {
    const data = obs([row("07:30:00", "COINBASE", "100"), row("07:31:00", "KRAKEN", "102")]);
    const r = computeIndex({ ...TWAP, minimumSources: clause(2) }, data, { date: "2026-03-27" });
    expect(r.certificate.samples![0]!.note).toBe("1 source price(s), fewer than the minimum of 2");
    // From 07:31:00 to 07:33:00 (31 samples) both hold: median 101, band 100.495-101.505, capped equally weighted 0.3 each.
    expect(r.certificate.samples!.filter((s) => s.value !== null).length).toBe(31);
    expect(r.ok && r.certificate.unrounded).toBe("101");
  });

  it("samples the real window on a day the clocks change, and fails when the interval no longer divides it", () => {
    const london = { ...TWAP, window: clause({ ...TWAP.window[0]!.value, from: "00:30:00", to: "02:30:00", zone: "Europe/London" }) };
    // Sunday 29 March 2026: the clocks go forward at 01:00 GMT; 00:30 GMT to 02:30 BST is one hour, 900 samples.
    const at = Date.UTC(2026, 2, 29, 2, 0) * 1000;
    const data = obs([`2026-03-29T00:30:00Z,COINBASE,100,1,BTC-USD`]);
    const r = computeIndex(london, data, { date: "2026-03-29", at });
    expect(r.certificate.samples!.length).toBe(900);
    // Every 8 minutes divides the nominal two hours (15 samples) but not the real hour (7.5).
    const eight = computeIndex({ ...london, sampling: sampling({ every: { amount: "8", unit: "minutes" } }) }, data, {
      date: "2026-03-29",
      at,
    });
    expect(eight.ok).toBe(false);
    expect(!eight.ok && eight.failure.kind).toBe("time");
  });
});

describe("the readable methodology of a sampled index", () => {
  it("states the sampling, the holding time, the empty-sample policy and the time-weighted average", () => {
    const spec = loadSpec(readFileSync(join(ROOT, "test/cases/compiled/indices/BTC_TWAP.json"), "utf8"));
    const md = renderContract(spec, "md", { asOf: "2026-03-01" }).replace(/\s+/g, " ");
    const steps = [
      "The index is sampled from 07:30 (included) to 08:00 (excluded) UTC.",
      "The index is sampled every 4 seconds, from the start of the window; an end of the window is sampled only when the window includes it.",
      "each source's price is its latest observation at or before the sample (the mean of several observed at that same instant), held for up to 3 minutes",
      "A sample at which fewer sources have a price than the minimum number of sources (one when none is stated) is left out of the calculation.",
      "At each sample, the prices of the eligible sources are combined into the sample value by the weighted capped median",
      "The sample values are combined into the index value by the arithmetic mean (the time-weighted average of the index over the window, the samples being evenly spaced).",
    ].map((s) => md.indexOf(s));
    expect(steps.every((i) => i > 0)).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });
});
