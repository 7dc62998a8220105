/**
 * The generated settlement modules. A hand-made spec whose names, title, clauses, descriptions, rule values and
 * effective dates are adversarial text generates a module that imports and evaluates without running any of that
 * text, and whose exports give every string back exactly (the runtime is replaced by a stub that returns the spec
 * it is given). For every compiled spec, the rule functions' explicit effective-date branches agree with
 * `versionOn`/`rulesOn` on every boundary date, and generation is deterministic; FOTI's module is a reviewed golden.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateModule, moduleFileName, settlementModules, type GeneratorSpec } from "../../../src/backends/settlement/index.js";
import { rulesOn, versionOn } from "../../../src/runtime/schedule/index.js";
import { ADVERSARIAL } from "./adversarial.js";

const compiledDir = new URL("../../cases/compiled/contracts/", import.meta.url);
const compiled = readdirSync(compiledDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ path: `contracts/${f}`, spec: JSON.parse(readFileSync(new URL(f, compiledDir), "utf8")) as GeneratorSpec }));

const temp = mkdtempSync(join(tmpdir(), "termsheet-generated-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A stub runtime: settlementFunctions returns functions that echo the spec and the request. */
const STUB_RUNTIME = `export function settlementFunctions(spec) {
  globalThis.__termsheetStubCalls = (globalThis.__termsheetStubCalls ?? 0) + 1;
  return { final: (req) => ({ spec, req }), daily: (req) => ({ spec, req }), index: (req) => ({ spec, req }) };
}
`;

let counter = 0;
/** Writes a generated module beside the stub runtime and imports it. */
async function load(files: readonly { path: string; text: string }[], name: string): Promise<Record<string, unknown>> {
  const dir = join(temp, `m${counter++}`);
  mkdirSync(join(dir, "settlement"), { recursive: true });
  writeFileSync(join(dir, "settlement", "termsheet-runtime.js"), STUB_RUNTIME);
  for (const f of files) if (!f.path.endsWith("termsheet-runtime.js")) writeFileSync(join(dir, ...f.path.split("/")), f.text);
  return (await import(pathToFileURL(join(dir, "settlement", `${moduleFileName(name)}.js`)).href)) as Record<string, unknown>;
}

/** A hand-made contract spec with adversarial text everywhere a spec has text. */
function adversarialSpec(name: string): GeneratorSpec {
  const clause = (value: unknown, from: string | null = null, until: string | null = null) => ({ clauses: ADVERSARIAL, descriptions: ADVERSARIAL, effective: [{ from, until }], value });
  const contract = {
    kind: "future",
    name,
    title: ADVERSARIAL.join(" | "),
    clauses: ADVERSARIAL,
    descriptions: ADVERSARIAL,
    effective: [{ from: null, until: null }],
    // versions whose effective bounds are adversarial too: never in force for a real date, and never code
    tick: [clause([{ bound: null, tick: { amount: "0.001", unit: { text: ADVERSARIAL[0], scale: "1", dimensions: {}, currency: null } } }], `"); process.exit(1); ("`, `*/`), clause(ADVERSARIAL)],
    [ADVERSARIAL[0]!]: [clause(Object.fromEntries(ADVERSARIAL.map((s) => [s, s])))],
    __proto__rule: [clause(JSON.parse('{"__proto__": "x"}'))],
    legs: [clause({ contract: ADVERSARIAL[1], side: "buy" }, "2020-01-01"), clause({ contract: ADVERSARIAL[2], side: "sell" }, null, "2030-12-31")],
  };
  // JSON round trip: "__proto__" keys become own keys, as in a loaded spec
  return JSON.parse(
    JSON.stringify({
      contentHash: ADVERSARIAL.join(""),
      subject: { kind: "future", name },
      compiler: { name: "termsheet", version: ADVERSARIAL[2] },
      calendars: { [ADVERSARIAL[3]!]: { name: ADVERSARIAL[3], holidays: ADVERSARIAL } },
      indices: {},
      contracts: { [name]: contract },
    }),
  ) as GeneratorSpec;
}

describe("a spec of adversarial text", () => {
  it.each(ADVERSARIAL.map((s) => [s]))("named %j generates a module that imports safely and round-trips every string", async (name) => {
    const spec = adversarialSpec(name);
    const r = await settlementModules([{ path: `contracts/${ADVERSARIAL[0]}.json`, spec }], { "termsheet-runtime.js": "" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const before = (globalThis as { __termsheetStubCalls?: number }).__termsheetStubCalls ?? 0;
    const mod = await load(r.files, name);
    // Importing runs nothing but literals: the runtime is not even called yet.
    expect((globalThis as { __termsheetStubCalls?: number }).__termsheetStubCalls ?? 0).toBe(before);
    expect(mod.CONTRACT).toBe(name);
    expect(mod.TITLE).toBe(ADVERSARIAL.join(" | "));
    expect(mod.SPEC_HASH).toBe(ADVERSARIAL.join(""));
    const echoed = (mod.final as (req: unknown) => { spec: unknown; req: unknown })({ period: ADVERSARIAL[0] });
    expect(echoed.spec).toEqual(spec);
    expect(echoed.req).toEqual({ period: ADVERSARIAL[0] });
    const contract = (spec.contracts as Record<string, Record<string, { value: unknown }[]>>)[name]!;
    expect((mod.tickOn as (d: string) => unknown)("2026-01-01")).toEqual(contract.tick![1]!.value);
    // The rule named by adversarial text gets a mangled function name and its value back exactly.
    const weird = Object.entries(mod).find(([k]) => k !== "tickOn" && k !== "legsOn" && k.endsWith("On") && k !== "__proto__ruleOn");
    expect(weird).toBeDefined();
    expect((weird![1] as (d: string) => unknown)("2026-01-01")).toEqual(contract[ADVERSARIAL[0]!]![0]!.value);
    const proto = (mod.__proto__ruleOn as (d: string) => object)("2026-01-01");
    expect(Object.hasOwn(proto, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect((mod.legsOn as (d: string) => unknown)("2026-01-01")).toEqual([contract.legs![0]!.value, contract.legs![1]!.value]);
    expect((mod.legsOn as (d: string) => unknown)("2019-01-01")).toEqual([contract.legs![1]!.value]);
    const dts = r.files.find((f) => f.path.endsWith(".d.ts"))!.text;
    expect(dts).toContain("export declare const CONTRACT: ");
  });
});

/** Every date where a version of some rule starts or ends, the day before and after, and a few fixed dates. */
function boundaryDates(contract: Record<string, unknown>): string[] {
  const dates = new Set(["1990-01-01", "2020-12-31", "2021-01-01", "2026-06-15", "2099-12-31"]);
  const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  for (const versions of Object.values(contract)) {
    if (!Array.isArray(versions)) continue;
    for (const v of versions as { effective?: { from: string | null; until: string | null }[] }[])
      for (const r of v.effective ?? []) for (const d of [r.from, r.until]) if (d !== null) for (const n of [-1, 0, 1]) dates.add(shift(d, n));
  }
  return [...dates].sort();
}

describe("the compiled specs", () => {
  it.each(compiled.map((c) => [c.spec.subject.name, c]))("%s: every rule function agrees with versionOn/rulesOn on every boundary date", async (name, c) => {
    const r = await settlementModules([c], { "termsheet-runtime.js": "" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const mod = await load(r.files, name);
    const contract = (c.spec.contracts as Record<string, Record<string, unknown>>)[name]!;
    let checked = 0;
    for (const [field, versions] of Object.entries(contract)) {
      const fn = mod[`${field}On`] as ((d: string) => unknown) | undefined;
      if (!Array.isArray(versions) || fn === undefined) continue;
      for (const date of boundaryDates(contract)) {
        const list = versions as { effective: { from: string | null; until: string | null }[]; value: unknown }[];
        const expected = field === "legs" || field === "positionLimits" ? rulesOn(list, date).map((v) => v.value) : versionOn(list, date)?.value;
        expect(fn(date), `${field} on ${date}`).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("generates byte-identical files on every run", async () => {
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
    await expect(r.files.find((f) => f.path === "settlement/FOTI.d.ts")!.text).toMatchFileSnapshot("../../cases/settlement-modules/FOTI.d.ts");
  });

  it("skips calendars and indices, and adds the runtime only beside a module", async () => {
    const cal = { path: "calendars/X.json", spec: { contentHash: "h", subject: { kind: "calendar", name: "X" }, contracts: {} } };
    expect(await settlementModules([cal], { "termsheet-runtime.js": "R" })).toEqual({ ok: true, files: [], modules: 0 });
  });

  it("reports a value that is not plain data instead of generating code for it", async () => {
    const bad = adversarialSpec("BAD");
    (bad.contracts.BAD as Record<string, unknown>).tick = [{ clauses: [], descriptions: [], effective: [{ from: null, until: null }], value: 1.5 }];
    const r = await settlementModules([{ path: "contracts/BAD.json", spec: bad }], {});
    expect(r).toEqual({ ok: false, message: expect.stringContaining("not a safe integer: 1.5") as string });
    expect(() => generateModule("x", bad)).toThrow();
  });
});
