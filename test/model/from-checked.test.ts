/**
 * Lowering to the model: the defaults the language defines are explicit in the compiled spec, versions are
 * ordered by date, units normalised, words mapped to the model's values; a build with errors produces no files;
 * and lowering never throws, even on a program the checker rejected (it reports internal errors instead).
 */
import { describe, expect, it } from "vitest";
import { compileSources } from "../../src/compile.js";
import { checkSources } from "../../src/driver.js";
import { lowerProgram } from "../../src/model/from-checked.js";
import { loadSpec } from "../../src/model/load.js";
import type { Future, Option, Spread } from "../../src/model/contracts.js";
import { memoryHost } from "../helpers/check.js";
import { compileFiles } from "./compile-helpers.js";

function compileText(text: string, extra: Record<string, string> = {}) {
  return compileSources([{ path: "main.terms", text }], memoryHost(extra), { compilerVersion: "9.9.9" });
}

const all = compileFiles([
  "specs/contracts/gpu-hour-average.terms",
  "specs/contracts/btc-reference-future.terms",
  "specs/contracts/foti-calendar-spread.terms",
  "specs/contracts/foti-options.terms",
  "specs/indices/aitok-out.terms",
]);
const spec = (path: string) => all.files.find((f) => f.path === path)!.spec;

describe("lowering makes defaults explicit", () => {
  it("compiles the files without diagnostics", () => {
    expect(all.diagnostics).toEqual([]);
  });

  it("counts an unnamed postponement on the contract's last-trading-day calendar", () => {
    const gpuh5 = spec("contracts/GPUH5.json").contracts.GPUH5 as Future;
    expect(gpuh5.fallback[0]!.value.steps[0]!.action).toEqual({ kind: "postpone", businessDays: 1, calendar: "NYSE" });
  });

  it("writes prices as not negative unless allowed, and keeps the annotation of `negative prices allowed`", () => {
    const gpuh = spec("contracts/GPUH.json").contracts.GPUH as Future;
    expect(gpuh.negativePrices).toEqual([{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value: false }]);
    const cal = spec("contracts/FOTI_CAL.json").contracts.FOTI_CAL as Spread;
    expect(cal.negativePrices[0]!.value).toBe(true);
    expect(cal.negativePrices[0]!.descriptions[0]).toContain("contango");
  });

  it("puts a leg in the spread's month unless it says `n months later`", () => {
    const cal = spec("contracts/FOTI_CAL.json").contracts.FOTI_CAL as Spread;
    expect(cal.legs.map((l) => [l.value.side, l.value.ratio, l.value.contract, l.value.monthsLater, l.value.rounding])).toEqual([
      ["buy", "1", "FOTI", 0, null],
      ["sell", "1", "FOTI", 1, null],
    ]);
  });

  it("gives every source a weight of 1 unless it states one", () => {
    const idx = spec("indices/AITOK_OUT.json").indices.AITOK_OUT!;
    expect(idx.sources.map((s) => s.value.weight.map((w) => w.value))).toEqual(idx.sources.map(() => ["1"]));
  });

  it("writes date rules with explicit month offset and shift", () => {
    const gpuh = spec("contracts/GPUH.json").contracts.GPUH as Future;
    expect(gpuh.lastTradingDay[0]!.value).toEqual({
      kind: "monthly",
      rule: {
        anchor: { kind: "lastBusinessDay" },
        monthOffset: 0,
        shift: { businessDays: 0, direction: "before" },
        convention: "unadjusted",
        calendar: "NYSE",
      },
    });
  });
});

describe("lowering keeps versions, units and words exact", () => {
  it("orders versions by their start and keeps their ranges and clauses", () => {
    const btc = spec("contracts/BTC.json").contracts.BTC as Future;
    expect(btc.lastTradingDay.map((v) => [v.effective, v.value.kind === "monthly" ? v.value.rule.calendar : ""])).toEqual([
      [[{ from: null, until: "2020-12-31" }], "LONDON_AND_NEW_YORK"],
      [[{ from: "2021-01-01", until: null }], "LONDON_OR_NEW_YORK"],
    ]);
    expect(btc.lastTradingDay[1]!.clauses).toEqual(["1302.G Termination of Trading"]);
    expect(Object.keys(spec("contracts/BTC.json").calendars).sort()).toEqual([
      "ENGLAND_WALES",
      "LONDON_AND_NEW_YORK",
      "LONDON_OR_NEW_YORK",
      "NYSE",
    ]);
  });

  it("normalises units: canonical text, dimensions, exact scale and currency", () => {
    const idx = spec("indices/AITOK_OUT.json").indices.AITOK_OUT!;
    const bedrock = idx.sources.find((s) => s.value.name === "AWS_BEDROCK")!;
    expect(bedrock.value.quoted[0]!.value).toEqual({
      text: "USD per 1K tokens",
      dimensions: { "money:USD": 1, tokens: -1 },
      scale: "0.001",
      currency: "USD",
    });
    const xai = idx.sources.find((s) => s.value.name === "XAI")!;
    expect(xai.effective).toEqual([{ from: "2026-01-01", until: null }]);
    expect(xai.value.quoted[0]!.value.scale).toBe("1");
    const gpuh = spec("contracts/GPUH.json").contracts.GPUH as Future;
    expect(gpuh.contractUnit[0]!.value).toEqual({
      kind: "quantity",
      quantity: { amount: "1000", unit: { text: "GPU-hour", dimensions: { "gpu-time": 1 }, scale: "1", currency: null } },
    });
  });

  it("writes an option's contract unit as contracts of its future, and `half-toward-prior` as the runtime's mode", () => {
    const opt = spec("contracts/FOTI_OPT.json");
    const o = opt.contracts.FOTI_OPT as Option;
    expect(o.contractUnit[0]!.value).toEqual({ kind: "contracts", amount: "1", contract: "FOTI" });
    expect(o.premiumTick[0]!.value.map((t) => [t.tick.amount, t.bound])).toEqual([
      ["0.0005", { relation: "at-or-below", price: "0.1" }],
      ["0.001", { relation: "above", price: "0.1" }],
    ]);
    const foti = opt.contracts.FOTI as Future;
    expect(foti.dailySettlement[0]!.value[0]).toMatchObject({ kind: "vwap", rounding: { kind: "tick", mode: "half-toward-reference" } });
  });
});

describe("builds with errors", () => {
  const broken = `
calendar C { time zone Europe/London }
future F {
  underlying index NOPE
  contract unit 1000 million tokens
}`;

  it("produce no files at all, also for the declarations without errors", () => {
    const r = compileText(broken);
    expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(r.files).toEqual([]);
  });

  it("cannot make lowering throw: what it cannot lower is an internal error", () => {
    const checked = checkSources([{ path: "main.terms", text: broken }], memoryHost({}));
    const lowered = lowerProgram(checked.program);
    expect(lowered.ok).toBe(false);
    if (!lowered.ok) expect(lowered.diagnostics.map((d) => d.code)).toContain("E9001");
  });

  it("report what the model cannot express yet as not supported (E2012), not as an internal error", () => {
    const r = compileText(`calendar C { time zone Europe/London\n  holiday "May Day" on 1 May\n    effective from 2020-01-01\n}`);
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.span.start])).toEqual([["E2012", r.sources.get("main.terms")!.text.indexOf("effective")]]);
  });

  it("still compile a clean file to a spec loadSpec accepts, with the compiler version passed in", () => {
    const r = compileText(`calendar C "Weekdays" { time zone Europe/London }`);
    expect(r.diagnostics).toEqual([]);
    expect(r.files.map((f) => f.path)).toEqual(["calendars/C.json"]);
    const loaded = loadSpec(r.files[0]!.text);
    expect(loaded.compiler).toEqual({ name: "termsheet", version: "9.9.9" });
    expect(loaded.calendars.C).toMatchObject({ weekend: [6, 7], holidays: [], basedOn: [], title: "Weekdays" });
  });
});
