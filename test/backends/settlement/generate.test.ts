/**
 * The generated settlement modules. A spec whose contract and index names, title, clauses and descriptions are
 * adversarial text (FOTI's compiled spec, rewritten) generates a module that imports without running any of that
 * text, gives every string back exactly, and settles with byte-identical reports to the loader backend. For every
 * compiled spec, `termsOn`'s explicit effective-date branches agree with the runtime's `contractTerms` on every
 * boundary date; generation is deterministic; FOTI's module and declarations are reviewed goldens.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateModule, moduleFileName, settlementModules, type GeneratorSpec } from "../../../src/backends/settlement/index.js";
import { contractTerms } from "../../../src/runtime/functions/index.js";
import type { AnyContract } from "../../../src/runtime/spec.js";
import { ADVERSARIAL } from "./adversarial.js";
import { adversarialSpec } from "./adversarial-spec.js";
import { GeneratedFolder, runtimeBundle } from "./helpers.js";

const compiledDir = new URL("../../cases/compiled/contracts/", import.meta.url);
const compiled = readdirSync(compiledDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ path: `contracts/${f}`, text: readFileSync(new URL(f, compiledDir), "utf8") }))
  .map((f) => ({ path: f.path, text: f.text, spec: JSON.parse(f.text) as GeneratorSpec }));

const folder = new GeneratedFolder();
// The runtime bundle and prettier's first load take a few seconds once.
beforeAll(async () => {
  runtimeBundle();
  await settlementModules(compiled.slice(0, 1), {});
}, 120_000);
afterAll(() => folder.cleanup());

/** Fixings of an index at 16:00 London on every day of December 2026, as NDJSON (any index name survives JSON). */
function decemberFixings(index: string): string {
  const lines: string[] = [];
  for (let d = 1; d <= 31; d++)
    lines.push(
      JSON.stringify({ time: `2026-12-${String(d).padStart(2, "0")}T16:00:00Z`, index, value: `10.${String(d).padStart(3, "0")}` }),
    );
  return lines.join("\n") + "\n";
}

describe("a spec of adversarial text", () => {
  // An index name must not be empty (a fixing's index is a required field); every other string is used as both.
  const names = ADVERSARIAL.filter((s) => s !== "");
  const pairs: [string, string][] = [...ADVERSARIAL.map((s, k): [string, string] => [s, names[(k + 6) % names.length]!])];
  it.each(pairs)(
    "contract %j, index %j: imports safely, round-trips every string, settles as the loader does",
    async (contractName, indexName) => {
      const spec = adversarialSpec(contractName, indexName);
      const globals = Object.keys(globalThis).sort();
      const { modules, runtime } = await folder.load([{ path: "contracts/x.json", spec }]);
      const m = modules.get("contracts/x.json")!;
      expect(Object.keys(globalThis).sort()).toEqual(globals);
      expect(process.exitCode).toBeUndefined();
      expect(m.CONTRACT).toBe(contractName);
      expect(m.SPEC_HASH).toBe(ADVERSARIAL.join(""));
      expect(m.TITLE).toBe((spec.contracts[contractName] as { title: string }).title);
      const contracts: Readonly<Record<string, AnyContract>> = spec.contracts;
      expect(m.termsOn(contractName, "2026-12-24")).toEqual(
        contractTerms((n) => (Object.hasOwn(contracts, n) ? contracts[n] : undefined), contractName, "2026-12-24"),
      );
      const loader = runtime.settlementFunctions(spec);
      const fixings = runtime.parseFixings(decemberFixings(indexName), { file: "fixings.ndjson" });
      expect(fixings.ok).toBe(true);
      const requests = [
        ["final", { period: "2026-12", fixings: fixings.value, position: { quantity: "-3", price: "9.5" } }],
        ["final", { period: "2026-12" }],
        ["daily", { period: "2026-12", date: "2026-12-01", prior: "10.000", bidAsk: { bid: "9.990", ask: "10.010" } }],
        ["index", { index: indexName, at: "2026-12-24", fixings: fixings.value }],
      ] as const;
      for (const [fn, req] of requests) {
        const a = (loader[fn] as (r: unknown) => unknown)(req);
        const b = (m[fn] as (r: unknown) => unknown)(req);
        expect(runtime.reportJson(b)).toBe(runtime.reportJson(a));
        expect(runtime.reportText(b)).toBe(runtime.reportText(a));
      }
    },
    60_000,
  );
});

describe("a contract whose rules change over time", () => {
  it("gets one explicit date branch per period of its terms, and settles each period as the loader does", async () => {
    const spec = JSON.parse(compiled.find((c) => c.path === "contracts/FOTI.json")!.text) as {
      contracts: { FOTI: Record<string, { effective: unknown; value: unknown }[]> };
    };
    const foti = spec.contracts.FOTI;
    const tick = foti.tick![0]!;
    const fs = foti.finalSettlement![0]!;
    foti.tick = [
      { ...tick, effective: [{ from: null, until: "2026-12-31" }] },
      {
        ...tick,
        effective: [{ from: "2027-01-01", until: null }],
        value: [{ bound: null, tick: { ...(tick.value as { tick: object }[])[0]!.tick, amount: "0.0005" } }],
      },
    ];
    foti.finalSettlement = [
      { ...fs, effective: [{ from: null, until: "2027-06-30" }] },
      // until the last day of year 9999: "after" it is no ISO date of four-digit year, so the branch says date > it
      {
        ...fs,
        effective: [{ from: "2027-07-01", until: "9999-12-31" }],
        value: { ...(fs.value as object), rounding: { kind: "increment", increment: "0.01", mode: "half-up" } },
      },
    ];
    const generator = spec as unknown as GeneratorSpec;
    const { modules, runtime, files } = await folder.load([{ path: "contracts/FOTI.json", spec: generator }]);
    const js = files.find((f) => f.path === "settlement/FOTI.js")!.text;
    expect(js).toMatch(
      /\n {2}\/\*\*\n {3}\* From 2027-07-01, up to and including 9999-12-31, the terms of FOTI in force:\n[^]*?\*\/\n {2}if \(date >= "2027-07-01"\) \{\n {4}return \{/,
    );
    expect(js).toMatch(
      /\n {3}\* From 2027-01-01, before 2027-07-01, the terms of FOTI in force:\n[^]*?\*\/\n {2}if \(date >= "2027-01-01"\) \{\n/,
    );
    expect(js).toContain("   * On dates before 2027-01-01, the terms of FOTI in force:\n");
    const m = modules.get("contracts/FOTI.json")!;
    expect(m.TICK).toBeNull(); // it changes over time
    expect(m.TICK_VALUES).toBeNull();
    const contracts: Readonly<Record<string, AnyContract>> = generator.contracts;
    expect(js).toContain('if (date > "9999-12-31") {');
    for (const date of ["2026-12-31", "2027-01-01", "2027-06-30", "2027-07-01", "2099-01-01", "9999-12-31", "9999-12-31T"])
      expect(m.termsOn("FOTI", date)).toEqual(contractTerms((n) => (Object.hasOwn(contracts, n) ? contracts[n] : undefined), "FOTI", date));
    const loader = runtime.settlementFunctions(generator);
    for (const [period, month] of [
      ["2026-12", "12"],
      ["2027-03", "03"],
      ["2027-09", "09"],
    ] as const) {
      const lines = Array.from({ length: 28 }, (_, d) => `${period}-${String(d + 1).padStart(2, "0")}T16:00:00Z,AITOK_OUT,10.12${month}5`);
      const fixings = runtime.parseFixings(`time,index,value\n${lines.join("\n")}\n`, { file: "f.csv" }).value;
      const req = { period, fixings };
      expect(runtime.reportJson(m.final(req as never))).toBe(runtime.reportJson(loader.final(req as never)));
      expect(m.final(req as never).ok).toBe(true);
    }
  }, 60_000);
});

/** The runs of the termsOn property, in tests of TERMS_BATCH each (one long test would hold the worker for minutes on a loaded machine). */
const TERMS_RUNS = 40;
const TERMS_BATCH = 10;

describe("termsOn (property)", () => {
  for (let batch = 0; batch * TERMS_BATCH < TERMS_RUNS; batch++)
    it(`equals contractTerms on every date, for random effective ranges of FOTI's rules (batch ${batch + 1} of ${TERMS_RUNS / TERMS_BATCH})`, async () => {
      const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
      const range = fc.record({ from: fc.option(day, { nil: null }), until: fc.option(day, { nil: null }) });
      const versions = fc.array(fc.array(range, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 });
      const base = JSON.parse(compiled.find((c) => c.path === "contracts/FOTI.json")!.text) as {
        contracts: { FOTI: Record<string, { effective: unknown; value: unknown }[]> };
      };
      await fc.assert(
        fc.asyncProperty(versions, versions, fc.array(day, { minLength: 5, maxLength: 5 }), async (ticks, rules, dates) => {
          const spec = structuredClone(base);
          const foti = spec.contracts.FOTI;
          const tick = foti.tick![0]!;
          const fs = foti.finalSettlement![0]!;
          foti.tick = ticks.map((effective, i) => ({
            ...tick,
            effective,
            value: [{ bound: null, tick: { ...(tick.value as { tick: object }[])[0]!.tick, amount: `0.00${i + 1}` } }],
          }));
          foti.finalSettlement = rules.map((effective, i) => ({ ...fs, effective, clauses: [`rule ${i}`] }));
          const generator = spec as unknown as GeneratorSpec;
          const { modules } = await folder.load([{ path: "contracts/FOTI.json", spec: generator }]);
          const m = modules.get("contracts/FOTI.json")!;
          const contracts: Readonly<Record<string, AnyContract>> = generator.contracts;
          const cuts = [...ticks, ...rules]
            .flat()
            .flatMap((r) => [r.from, r.until])
            .filter((d): d is string => d !== null);
          for (const date of [
            ...dates,
            ...cuts,
            ...cuts.map((d) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)),
          ])
            expect(m.termsOn("FOTI", date)).toEqual(
              contractTerms((n) => (Object.hasOwn(contracts, n) ? contracts[n] : undefined), "FOTI", date),
            );
        }),
        { seed: 20_261_124 + batch, numRuns: TERMS_BATCH },
      );
    }, 120_000);
});

describe("module file names", () => {
  it("are the name for a plain identifier, else a distinct escaped name that cannot leave the folder", () => {
    expect(moduleFileName("FOTI_OPT")).toBe("FOTI_OPT");
    const names = [...ADVERSARIAL, "../x", "a/b", "a.b", "CON", "a-b", "a_2d_b"].map(moduleFileName);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new Set(names).size).toBe(names.length);
  });
});

/** Every date where some version starts or ends, the day before and after, and a few fixed dates. */
function boundaryDates(spec: GeneratorSpec): string[] {
  const dates = new Set(["1990-01-01", "2020-12-31", "2021-01-01", "2026-06-15", "2099-12-31"]);
  for (let y = 2018; y <= 2032; y++) for (let mo = 1; mo <= 12; mo += 3) dates.add(`${y}-${String(mo).padStart(2, "0")}-01`);
  const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== "object" || v === null) return;
    const o = v as Record<string, unknown>;
    for (const d of [o.from, o.until])
      if (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d)) for (const n of [-1, 0, 1]) dates.add(shift(d, n));
    Object.values(o).forEach(walk);
  };
  walk(spec.contracts);
  return [...dates].sort();
}

describe("the compiled specs", () => {
  it("termsOn agrees with the runtime's contractTerms for every contract on every boundary date", async () => {
    const { modules } = await folder.load(compiled);
    let checked = 0;
    for (const c of compiled) {
      const m = modules.get(c.path)!;
      const contracts: Readonly<Record<string, AnyContract>> = c.spec.contracts;
      for (const name of Object.keys(contracts))
        for (const date of boundaryDates(c.spec)) {
          expect(m.termsOn(name, date), `${c.path}: ${name} on ${date}`).toEqual(
            contractTerms((n) => (Object.hasOwn(contracts, n) ? contracts[n] : undefined), name, date),
          );
          checked++;
        }
      expect(m.termsOn("NO_SUCH_CONTRACT", "2026-01-01")).toBeUndefined();
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("generates byte-identical files on every run, whatever the order of the specs", async () => {
    const a = await settlementModules(compiled, { "termsheet-runtime.js": "R" });
    const b = await settlementModules([...compiled].reverse(), { "termsheet-runtime.js": "R" });
    expect(a).toEqual(b);
  });

  it("generates FOTI's module and declarations as the reviewed goldens", async () => {
    const foti = compiled.find((c) => c.spec.subject.name === "FOTI")!;
    const r = await settlementModules([foti], {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    await expect(r.files.find((f) => f.path === "settlement/FOTI.js")!.text).toMatchFileSnapshot("../../cases/settlement-modules/FOTI.js");
    await expect(r.files.find((f) => f.path === "settlement/FOTI.d.ts")!.text).toMatchFileSnapshot(
      "../../cases/settlement-modules/FOTI.d.ts",
    );
  });

  it("skips calendars and indices, and adds the runtime only beside a module", async () => {
    const spec: GeneratorSpec = {
      format: "termsheet-spec",
      schemaVersion: "1.0",
      compiler: { name: "termsheet", version: "0" },
      contentHash: "h",
      subject: { kind: "calendar", name: "X" },
      calendars: {},
      indices: {},
      contracts: {},
    };
    const cal = { path: "calendars/X.json", spec };
    expect(await settlementModules([cal], { "termsheet-runtime.js": "R" })).toEqual({ ok: true, files: [], modules: 0 });
  });

  it("reports a value that is not plain data instead of generating code for it", async () => {
    const spec = JSON.parse(compiled.find((c) => c.path === "contracts/FOTI.json")!.text) as {
      contracts: { FOTI: { finalSettlement: { value: Record<string, unknown> }[] } };
    };
    spec.contracts.FOTI.finalSettlement[0]!.value.weight = 1.5;
    const r = await settlementModules([{ path: "contracts/FOTI.json", spec: spec as unknown as GeneratorSpec }], {});
    expect(r).toEqual({ ok: false, message: expect.stringContaining("not a safe integer: 1.5") as string });
    expect(() => generateModule("contracts/FOTI.json", spec as unknown as GeneratorSpec)).toThrow();
  });
});

describe("the tick values a module exports", () => {
  it("are tick × contract unit in money for each tier: CME Chapter 350A, USD 1 per bitcoin at or below 25 (USD 5 per contract), USD 5 above (USD 25)", async () => {
    const { modules } = await folder.load(compiled.filter((c) => c.path === "contracts/BTC_OPT.json" || c.path === "contracts/FOTI.json"));
    expect(modules.get("contracts/BTC_OPT.json")!.TICK_VALUES).toEqual([
      { tick: "1", bound: { relation: "at-or-below", price: "25" }, value: "5" },
      { tick: "5", bound: { relation: "above", price: "25" }, value: "25" },
    ]);
    // Rule 1102.C: "Minimum price fluctuation USD 0.001 per 1M tokens, a tick value of USD 1.00 per contract."
    expect(modules.get("contracts/FOTI.json")!.TICK_VALUES).toEqual([{ tick: "0.001", bound: null, value: "1" }]);
  }, 60_000);
});
