/**
 * Index computation on the compiled BTC_REF and AITOK_OUT methodologies with hand-computed expectations: window
 * bounds, partitions with the exact-half convention, deviation and staleness exclusions, unit normalisation,
 * degradation by source count, rounding; plus the type test that the model's Index is assignable to the runtime's
 * structural input type, and the property that the value does not depend on the order of observations.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Index as ModelIndex } from "../../../src/model/indices.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { nameColumn, parseObservations } from "../../../src/runtime/market-data/index.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import type { Index } from "../../../src/runtime/spec.js";
import { renderIndexText } from "../../../src/runtime/engine/certificate.js";
import { compileFiles } from "../../model/compile-helpers.js";

function compiledIndex(path: string, name: string): Index {
  const r = compileFiles([path]);
  const file = r.files.find((f) => f.path === `indices/${name}.json`);
  if (file === undefined) throw new Error(`no compiled ${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  const spec = JSON.parse(file.text) as { indices: Record<string, ModelIndex> };
  const index: ModelIndex = spec.indices[name]!;
  const rt: Index = index; // the type test: the model's Index is assignable to the runtime's
  return rt;
}

const BTC = compiledIndex("specs/indices/btc-ref.terms", "BTC_REF");
const AITOK = compiledIndex("specs/indices/aitok-out.terms", "AITOK_OUT");

/**
 * Rows `time,SOURCE,price,volume[,part]` with the instrument column added: the first model (or instrument) the index
 * lists for the source, so that every row is an observation of the source's first-priority choice.
 */
function named(index: Index, rows: readonly string[]): string[] {
  return rows.map((row) => {
    const f = row.split(",");
    const s = index.sources.find((c) => c.value.name === f[1])?.value;
    const first = s?.models?.[0]?.value[0] ?? s?.instruments[0]?.value[0] ?? "";
    return [...f.slice(0, 4), first, ...f.slice(4)].join(",");
  });
}

function obs(rows: string[], sources?: readonly string[]) {
  const r = parseObservations(rows.join("\n"), { file: "t.csv", ...(sources ? { sources } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const BTC_ROWS = [
  "2026-03-27T14:59:59.999999Z,BITSTAMP,500,1", // before the window
  "2026-03-27T15:00:00Z,BITSTAMP,100,1", // inclusive lower bound
  "2026-03-27T15:01:00Z,ITBIT,150,1", // deviates > 10% from the others
  "2026-03-27T15:04:59Z,COINBASE,102,1",
  "2026-03-27T15:05:00Z,KRAKEN,103,3",
  "2026-03-27T15:06:00Z,GEMINI,99,1",
  "2026-03-27T15:10:00Z,GEMINI,100.001,0.5",
  "2026-03-27T16:00:00Z,KRAKEN,900,1", // exclusive upper bound
];

describe("computeIndex: BTC_REF (window, partitions, volume-weighted median, mean)", () => {
  it("computes the hand-computed value with its certificate", () => {
    const r = computeIndex(BTC, obs(named(BTC, BTC_ROWS)), { date: "2026-03-27" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // partitions: 101 (exact half → mean of straddling 100 and 102), 103, 100.001; mean 304.001/3 → 101.33
    expect(r.value.toString()).toBe("101.33");
    const c = r.certificate;
    expect(c.methodologyVersion).toBe("2.0");
    expect(c.fixingTime).toContain("16:00");
    expect(c.partitions.filter((p) => p.value !== null).map((p) => p.value)).toEqual(["101", "103", "100.001"]);
    expect(c.partitions.length).toBe(12);
    expect(c.exclusions.map((e) => [e.source, e.reason])).toEqual([
      ["LMAX_DIGITAL", "no-data"],
      ["ITBIT", "deviation"],
    ]);
    expect(c.unrounded).toBe("101.333(6)");
    expect(c.status).toBe("published");
    const text = renderIndexText(r).split("\n");
    expect(text[0]).toBe("BTC_REF on 2026-03-27: 101.33");
    expect(text).toContain("  excluded ITBIT (deviation): value 150 deviates more than 10% from the median of the others");
    expect(text).toContain("  unrounded 101.333(6); rounded to 0.01 half-up");
  });

  it("does not apply the deviation rule before it is effective (methodology 1.0)", () => {
    const rows = BTC_ROWS.map((r) => r.replace("2026-03-27", "2019-03-27"));
    const r = computeIndex(BTC, obs(named(BTC, rows)), { date: "2019-03-27" });
    expect(r.ok && r.certificate.methodologyVersion).toBe("1.0");
    // ITBIT's 150 joins partition 1: sorted 100(1),102(1),150(1), half of 3 is 1.5 → 102
    expect(r.ok && r.certificate.partitions[0]!.value).toBe("102");
  });

  it("takes a window of 300,000 rows of one source and its first instrument (no argument-list limit on the rows)", () => {
    const n = 300_000;
    const start = Date.UTC(2026, 2, 27, 15) * 1000;
    const time = new Float64Array(n + 1),
      source = new Uint16Array(n + 1),
      price = new Float64Array(n + 1),
      volume = new Float64Array(n + 1).fill(1),
      line = new Uint32Array(n + 1);
    const instrument: string[] = [];
    for (let i = 0; i < n; i++) {
      time[i] = start + i * 10_000; // every 10 ms from 15:00, all inside the window
      price[i] = 100 + (i % 3); // 100, 101, 102 in turn: each interval's volume-weighted median is 101
      line[i] = i + 2;
      instrument.push("BTC/USD");
    }
    // A second source, so that the minimum of 2 is met: COINBASE at 101.
    time[n] = start + n * 10_000;
    source[n] = 1;
    price[n] = 101;
    line[n] = n + 2;
    instrument.push("BTC-USD");
    const observations = {
      length: n + 1,
      time,
      source,
      sources: ["BITSTAMP", "COINBASE"],
      price,
      priceScale: 0,
      volume,
      volumeScale: 0,
      instrument: nameColumn(instrument),
      line,
    };
    const r = computeIndex(BTC, observations, { date: "2026-03-27" });
    expect(r.ok && r.value.toString()).toBe("101");
    expect(r.certificate.sources.find((s) => s.name === "BITSTAMP")).toMatchObject({ instrument: "BTC/USD", observations: n });
  });

  it("fails with fewer than the minimum of sources", () => {
    const r = computeIndex(BTC, obs(["2026-03-27T15:00:00Z,BITSTAMP,100,1"]), { date: "2026-03-27" });
    expect(!r.ok && r.failure.kind).toBe("insufficient-sources");
  });

  it("flags an extreme move against the previous value", () => {
    const r = computeIndex(BTC, obs(named(BTC, BTC_ROWS)), { date: "2026-03-27", previous: Decimal.of("50") });
    expect(r.ok && r.status).toBe("flagged");
  });

  it("is invariant to the order of observations within the same instant and across sources", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3599 }),
            fc.integer({ min: 0, max: 4 }),
            fc.integer({ min: 9000, max: 11000 }),
            fc.integer({ min: 1, max: 50 }),
          ),
          { minLength: 5, maxLength: 60 },
        ),
        (raw) => {
          const names = ["BITSTAMP", "COINBASE", "GEMINI", "ITBIT", "KRAKEN"];
          const uniq = new Map<string, (typeof raw)[number]>();
          for (const t of raw) uniq.set(`${t[0]},${t[1]}`, t);
          const rows = [...uniq.values()];
          const toCsv = (list: typeof rows) =>
            list
              .slice()
              .sort((a, b) => a[0] - b[0])
              .map(
                ([s, src, p, v]) =>
                  `${new Date(Date.UTC(2026, 2, 27, 15, 0, s)).toISOString().replace(".000", "")},${names[src]},${p / 100},${v / 10}`,
              );
          const a = computeIndex(BTC, obs(named(BTC, toCsv(rows)), names), { date: "2026-03-27" });
          const b = computeIndex(BTC, obs(named(BTC, toCsv(rows.slice().reverse())), names), { date: "2026-03-27" });
          expect(a.ok ? a.value.toString() : a.failure.kind).toBe(b.ok ? b.value.toString() : b.failure.kind);
        },
      ),
      { seed: 20261124, numRuns: 60 },
    );
  });
});

describe("computeIndex: AITOK_OUT (snapshots, units, staleness, deviation, degradation)", () => {
  const rows = [
    "2026-03-27T14:00:00Z,TOGETHER,9,0", // stale: more than 60 minutes before 16:00 London
    "2026-03-27T15:30:00Z,OPENAI,10,0",
    "2026-03-27T15:31:00Z,ANTHROPIC,12,0",
    "2026-03-27T15:32:00Z,GOOGLE,10,0",
    "2026-03-27T15:33:00Z,MISTRAL,8,0",
    "2026-03-27T15:34:00Z,DEEPSEEK,1.1,0", // deviates > 25%
    "2026-03-27T15:35:00Z,AWS_BEDROCK,0.012,0", // per 1K tokens → 12
    "2026-03-27T15:36:00Z,XAI,0.000011,0", // per token → 11
    "2026-03-27T16:00:01Z,OPENAI,99,0", // after the fixing time
  ];
  it("normalises, excludes and uses the degradation rule for 6 sources (trimmed mean)", () => {
    const r = computeIndex(AITOK, obs(named(AITOK, rows)), { date: "2026-03-27" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.toString()).toBe("10.75");
    expect(r.certificate.methodologyVersion).toBe("1.1");
    expect(r.certificate.exclusions.map((e) => [e.source, e.reason])).toEqual([
      ["TOGETHER", "stale"],
      ["DEEPSEEK", "deviation"],
    ]);
    expect(r.certificate.sources.find((s) => s.name === "XAI")!.value).toBe("11");
    expect(r.certificate.method).toContain("trimmed-mean");
  });
  it("uses the median with 3 to 4 sources", () => {
    const r = computeIndex(
      AITOK,
      obs(
        named(
          AITOK,
          rows.filter((x) => /OPENAI,10|ANTHROPIC|GOOGLE|MISTRAL/.test(x)),
        ),
      ),
      {
        date: "2026-03-27",
      },
    );
    expect(r.ok && r.value.toString()).toBe("10");
    expect(r.ok && r.certificate.method).toContain("median");
  });
});

describe("computeIndex: AITOK_BLEND (token-mix blends, capped median) and GPUX_H100 (minimum trades)", () => {
  const BLEND = compiledIndex("specs/indices/aitok-blend.terms", "AITOK_BLEND");
  it("blends input 1 : output 3 per source, excludes a source missing a part", () => {
    const names = BLEND.sources.map((s) => s.value.name);
    const rows: string[] = [];
    names.forEach((n, i) => {
      rows.push(`2026-03-27T15:0${i}:00Z,${n},2,0,input`);
      if (i > 0) rows.push(`2026-03-27T15:0${i}:30Z,${n},${10 + i},0,output`);
    });
    const r = computeIndex(BLEND, obs(named(BLEND, rows)), { date: "2026-03-27" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.certificate.exclusions[0]).toMatchObject({ source: names[0], reason: "no-data" });
    // source i > 0: (2 + 3·(10 + i)) / 4
    expect(r.certificate.sources[1]!.value).toBe("8.75");
  });
  it("has every index of specs/ either fixing a value or failing as data, never throwing", () => {
    for (const [path, name] of [
      ["specs/indices/gpux-h100.terms", "GPUX_H100"],
      ["specs/indices/aitok-out-alt.terms", "AITOK_OUT_ALT"],
      ["specs/indices/aitok-blend.terms", "AITOK_BLEND"],
    ] as const) {
      const idx = compiledIndex(path, name);
      const names = idx.sources.map((s) => s.value.name);
      const rows = names.map((n, i) => `2026-03-27T1${i % 6}:00:00Z,${n},${10 + i},5`);
      rows.sort();
      const r = computeIndex(idx, obs(rows), { date: "2026-03-27" });
      expect(typeof r.ok).toBe("boolean");
    }
  });
  it("GPUX_H100 excludes a source with fewer than 20 trades", () => {
    const idx = compiledIndex("specs/indices/gpux-h100.terms", "GPUX_H100");
    const names = idx.sources.map((s) => s.value.name);
    const rows: string[] = [];
    for (let m = 0; m < 25; m++)
      names.forEach((n, i) =>
        i > 0 || m < 5 ? rows.push(`2026-03-27T14:${String(m + 10).padStart(2, "0")}:0${i}Z,${n},2.${i},10`) : undefined,
      );
    const r = computeIndex(idx, obs(named(idx, rows)), { date: "2026-03-27" });
    expect(r.certificate.exclusions.find((e) => e.reason === "too-few-trades")?.source).toBe(names[0]);
  });
});
