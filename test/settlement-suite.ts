/**
 * The data-driven settlement suite, shared by every settlement backend: each case folder under
 * test/cases/settlement/<CONTRACT>/<case>/ holds `request.json` (which compiled spec, which function, the request
 * without market data, and the names of its data files), small observation and fixing CSVs, and the goldens
 * `expected.json` (reportJson) and `expected.txt` (reportText). `runSettlementSuite` runs every case through a
 * backend — a factory from a compiled spec's JSON to its settlement functions — and compares the output strings
 * with the goldens, so both backends must print identical bytes. The specs are compiled in-process from specs/,
 * exactly as the golden compiled specs are (test/model/compiled-specs.test.ts).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDealerQuotes, parseFixings, parseObservations, formatMarketDataError } from "../src/runtime/market-data/index.js";
import {
  reportJson,
  reportText,
  type DailyReq,
  type FinalReq,
  type HaltsReport,
  type HaltsReq,
  type IndexReq,
  type MarketData,
  type SpecFunctions,
  type StripReport,
  type StripReq,
} from "../src/runtime/functions/index.js";
import { ROOT, compileFiles, filesUnder } from "./model/compile-helpers.js";

/** The folder of the settlement cases. */
export const CASES_DIR = join(ROOT, "test/cases/settlement");

/** A case's request file. */
export interface CaseRequest {
  /** The compiled spec, relative to the compiled specs (e.g. "contracts/FOTI.json"). */
  readonly spec: string;
  readonly function: "final" | "daily" | "index" | "strip" | "halts";
  /** Data file names in the case folder. */
  readonly observations?: string;
  readonly fixings?: string;
  /** Reference dealers' quotes for a dealer poll (`date,index,dealer,quote,given`). */
  readonly dealerQuotes?: string;
  /** Free text: what the case shows and the hand arithmetic behind its expected values. */
  readonly note?: string;
  readonly [field: string]: unknown;
}

/** One settlement case. */
export interface SettlementCase {
  /** "FOTI/level-0-fixing". */
  readonly name: string;
  readonly dir: string;
  readonly request: CaseRequest;
}

/** Every case, sorted by name. */
export function settlementCases(): SettlementCase[] {
  const out: SettlementCase[] = [];
  for (const contract of readdirSync(CASES_DIR).sort()) {
    const cdir = join(CASES_DIR, contract);
    if (!statSync(cdir).isDirectory()) continue;
    for (const name of readdirSync(cdir).sort()) {
      const dir = join(cdir, name);
      if (!existsSync(join(dir, "request.json"))) continue;
      out.push({ name: `${contract}/${name}`, dir, request: JSON.parse(readFileSync(join(dir, "request.json"), "utf8")) as CaseRequest });
    }
  }
  return out;
}

let compiled: Map<string, string> | undefined;

/** The compiled specs of specs/, by path ("contracts/FOTI.json"), compiled once per process. */
export function compiledSpecs(): Map<string, string> {
  if (compiled === undefined) {
    const r = compileFiles(filesUnder("specs"));
    if (r.diagnostics.some((d) => d.severity === "error"))
      throw new Error(`specs/ does not compile: ${r.diagnostics.map((d) => d.message).join("; ")}`);
    compiled = new Map(r.files.map((f) => [f.path, f.text]));
  }
  return compiled;
}

/** The market data of a case, parsed from its files (a parse error fails the case). */
export function caseMarketData(c: SettlementCase): MarketData {
  const data: { observations?: MarketData["observations"]; fixings?: MarketData["fixings"]; dealerQuotes?: MarketData["dealerQuotes"] } =
    {};
  if (c.request.dealerQuotes !== undefined) {
    const r = parseDealerQuotes(readFileSync(join(c.dir, c.request.dealerQuotes), "utf8"), { file: c.request.dealerQuotes });
    if (!r.ok) throw new Error(r.errors.map(formatMarketDataError).join("\n"));
    data.dealerQuotes = r.value;
  }
  if (c.request.observations !== undefined) {
    const r = parseObservations(readFileSync(join(c.dir, c.request.observations), "utf8"), { file: c.request.observations });
    if (!r.ok) throw new Error(r.errors.map(formatMarketDataError).join("\n"));
    data.observations = r.value;
  }
  if (c.request.fixings !== undefined) {
    const r = parseFixings(readFileSync(join(c.dir, c.request.fixings), "utf8"), { file: c.request.fixings });
    if (!r.ok) throw new Error(r.errors.map(formatMarketDataError).join("\n"));
    data.fixings = r.value;
  }
  return data;
}

/** Runs one case through a backend's functions: its report as JSON and as text. */
export function runCase(c: SettlementCase, fns: SpecFunctions): { json: string; text: string } {
  const { spec: _s, function: fn, observations: _o, fixings: _f, dealerQuotes: _d, note: _n, ...fields } = c.request;
  const req = { ...fields, ...caseMarketData(c) };
  const report =
    fn === "final"
      ? fns.final(req as unknown as FinalReq)
      : fn === "daily"
        ? fns.daily(req as unknown as DailyReq)
        : fn === "strip"
          ? stripEntry(fns)(req as unknown as StripReq)
          : fn === "halts"
            ? haltsEntry(fns)(req as unknown as HaltsReq)
            : fns.index(req as unknown as IndexReq);
  return { json: reportJson(report), text: reportText(report) };
}

/** Options of {@link runSettlementSuite}. */
export interface SuiteOptions {
  /** Compare with `toMatchFileSnapshot` (so `vitest -u` writes the goldens); by default a strict comparison with the files. */
  readonly snapshot?: boolean;
}

/**
 * Declares one vitest test per case: the backend's settlement functions for the case's compiled spec, the request,
 * and a comparison of `reportJson` and `reportText` with `expected.json` and `expected.txt`.
 */
export function runSettlementSuite(
  backend: string,
  factory: (specJson: string, path: string) => SpecFunctions,
  options: SuiteOptions = {},
): void {
  const cases = settlementCases();
  describe(`settlement suite through ${backend}`, () => {
    const cache = new Map<string, SpecFunctions>();
    const functionsFor = (path: string): SpecFunctions => {
      let f = cache.get(path);
      if (f === undefined) {
        const text = compiledSpecs().get(path);
        if (text === undefined) throw new Error(`no compiled spec ${path}`);
        f = factory(text, path);
        cache.set(path, f);
      }
      return f;
    };
    it("has cases", () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    for (const c of cases) {
      it(c.name, async () => {
        const out = runCase(c, functionsFor(c.request.spec));
        if (options.snapshot === true) {
          await expect(out.json).toMatchFileSnapshot(join(c.dir, "expected.json"));
          await expect(out.text).toMatchFileSnapshot(join(c.dir, "expected.txt"));
        } else {
          expect(out.json).toBe(readFileSync(join(c.dir, "expected.json"), "utf8"));
          expect(out.text).toBe(readFileSync(join(c.dir, "expected.txt"), "utf8"));
        }
        expectOracle(c, out.json);
      });
    }
  });
}

/**
 * A case's `report-oracle.json`, when it has one (written by an independent script of test/oracles/): report fields
 * by key, a key being a dotted path ("price", "position.variation", "spread.legs.0.price") or a member holding an
 * object of which the report's must contain every field, with the values the script computed; each must be what the
 * report of every backend says, so a golden regenerated from the engine cannot drift from the oracle. (A case may
 * also have an `oracle.json` in a form of its own, which its own test reads.)
 */
function expectOracle(c: SettlementCase, json: string): void {
  const file = join(c.dir, "report-oracle.json");
  if (!existsSync(file)) return;
  const report: unknown = JSON.parse(json);
  const checks = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  for (const [path, value] of Object.entries(checks)) {
    let at: unknown = report;
    for (const k of path.split("."))
      at = at !== null && typeof at === "object" && Object.hasOwn(at, k) ? (at as Record<string, unknown>)[k] : undefined;
    if (value !== null && typeof value === "object") expect({ path, value: at }).toMatchObject({ path, value });
    else expect({ path, value: at }).toEqual({ path, value });
  }
}

/** A backend's strip entry; a case asking for one of a module that exports none is a broken case. */
function stripEntry(fns: SpecFunctions): (req: StripReq) => StripReport {
  if (fns.strip === undefined) throw new Error(`${fns.subject.name} has no strip entry`);
  return fns.strip;
}

/** A backend's halts entry; a case asking for one of a module that exports none is a broken case. */
function haltsEntry(fns: SpecFunctions): (req: HaltsReq) => HaltsReport {
  if (fns.halts === undefined) throw new Error(`${fns.subject.name} has no halts entry`);
  return fns.halts;
}
