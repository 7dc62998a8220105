/**
 * Random tampering of compiled specs, for the loader's property test (tamper.test.ts) and for the measure of
 * `npx tsx test/model/spec-mutants.ts --count N`: a seeded generator takes a golden spec of test/cases/compiled/,
 * makes one structural edit — a number set to 0, negative, huge or fractional; a decimal string likewise; an array
 * element duplicated, deleted or swapped; an enum value swapped for another value seen under the same key; a key
 * deleted; a reference renamed; a date or time moved — and recomputes the content hash, as anyone can. Each mutant
 * then either fails to load with a SpecError, or loads and is exercised: schedule queries over every contract and
 * calendar, and settlement requests (the settlement suite's cases of that spec, plus generic final, daily and index
 * requests) with small market data. Any exception is reported as a crash: the runtime must be able to assume a
 * loaded spec is one the compiler could have written.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { contentHash } from "../../src/model/canonical.js";
import { SpecError, loadSpec } from "../../src/model/load.js";
import { fromCivil } from "../../src/runtime/calendar/index.js";
import { parseDealerQuotes, parseFixings, parseObservations } from "../../src/runtime/market-data/index.js";
import { Schedule } from "../../src/runtime/schedule/index.js";
import {
  reportJson,
  reportText,
  settlementFunctions,
  type DailyReq,
  type FinalReq,
  type IndexReq,
  type SpecFunctions,
} from "../../src/runtime/functions/index.js";
import { ROOT } from "./compile-helpers.js";
import { random as rng } from "../helpers/random.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The golden compiled specs, by path relative to test/cases/compiled ("contracts/FOTI.json"), sorted. */
export function goldenSpecs(): { path: string; text: string }[] {
  const dir = join(ROOT, "test/cases/compiled");
  const out: { path: string; text: string }[] = [];
  for (const kind of readdirSync(dir).sort())
    for (const f of readdirSync(join(dir, kind)).sort()) out.push({ path: `${kind}/${f}`, text: readFileSync(join(dir, kind, f), "utf8") });
  return out;
}

/** One tampered spec. */
export interface Mutant {
  /** The golden it came from. */
  readonly base: string;
  /** What was changed, e.g. `/contracts/FOTI/tick/0/value/0/tick/amount: "0.001" → "0"`. */
  readonly edit: string;
  /** The tampered document, its hash recomputed. */
  readonly doc: Json;
}

interface Site {
  readonly path: (string | number)[];
  readonly value: unknown;
}

function sites(v: unknown, path: (string | number)[], out: Site[]): void {
  out.push({ path, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => sites(x, [...path, i], out));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) sites(x, [...path, k], out);
}

const pointer = (path: readonly (string | number)[]): string =>
  path.map((p) => `/${String(p).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** Every string value seen under each member name across the goldens: the candidates of an enum swap. */
function valuesByKey(docs: readonly Json[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === "string") {
      let s = out.get(key);
      if (s === undefined) out.set(key, (s = new Set()));
      s.add(v);
    }
  };
  docs.forEach((d) => walk(d, ""));
  return new Map([...out].map(([k, s]) => [k, [...s].sort()]));
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}$/;
const INTEGERS = [0, -1, 1, 2, 7, 13, 32, 367, 1_000_000, 2_147_483_648, Number.MAX_SAFE_INTEGER, 2.5];
const DECIMALS = ["0", "-1", "1", "0.5", "0.0001", "0.003", "7", "100", "-0.001", "99999999999999999999", "0.000000000000000000001"];
const DATES = ["1900-01-01", "2020-01-01", "2021-06-30", "2026-03-27", "2100-12-31"];
const TIMES = ["00:00:00", "09:30:00", "16:00:00", "23:59:59"];

/** Mutants of the goldens, `count` of them from one seed. */
export function* mutants(seed: number, count: number): Generator<Mutant> {
  const specs = goldenSpecs().map((s) => ({ path: s.path, doc: JSON.parse(s.text) as Json }));
  const byKey = valuesByKey(specs.map((s) => s.doc));
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  for (let n = 0; n < count;) {
    const spec = pick(specs);
    const doc = structuredClone(spec.doc) as Json;
    const all: Site[] = [];
    sites(doc, [], all);
    // Leave the envelope alone (its tampering is the invalid-json suite's) and free text (any text loads): edit the
    // declarations' meaning.
    const candidates = all.filter(
      (s) =>
        s.path.length >= 3 &&
        (s.path[0] === "calendars" || s.path[0] === "indices" || s.path[0] === "contracts") &&
        !s.path.some((p) => p === "descriptions" || p === "clauses" || p === "title" || p === "administrator") &&
        !(s.path[s.path.length - 3] === "holidays" && s.path[s.path.length - 1] === "name") &&
        !(Array.isArray(s.value) && s.value.length === 0),
    );
    const site = pick(candidates);
    const parent = site.path.slice(0, -1).reduce((o: Json, k) => o[k], doc);
    const key = site.path[site.path.length - 1]!;
    const names = [...Object.keys(doc.calendars), ...Object.keys(doc.indices), ...Object.keys(doc.contracts)];
    let edit: string;
    const set = (v: unknown): void => {
      edit = `${pointer(site.path)}: ${JSON.stringify(site.value)?.slice(0, 60)} → ${JSON.stringify(v)?.slice(0, 60)}`;
      parent[key] = v;
    };
    const v = site.value;
    const roll = random();
    if (roll < 0.08 && !Array.isArray(parent)) {
      edit = `${pointer(site.path)}: deleted`;
      delete parent[key];
    } else if (roll < 0.12) {
      set(null);
    } else if (Array.isArray(v) && v.length > 0) {
      const i = Math.floor(random() * v.length);
      const op = Math.floor(random() * 4);
      edit = `${pointer(site.path)}: ${["duplicated", "deleted", "swapped", "emptied"][op]} element ${i}`;
      if (op === 0) v.splice(i, 0, structuredClone(v[i]));
      else if (op === 1) v.splice(i, 1);
      else if (op === 2) v.splice(i, 2, ...v.slice(i, i + 2).reverse());
      else v.length = 0;
    } else if (typeof v === "number") {
      const r = random();
      set(r < 0.7 ? pick(INTEGERS) : r < 0.85 ? v + 1 : -v);
    } else if (typeof v === "boolean") {
      set(!v);
    } else if (typeof v === "string") {
      const r = random();
      if (names.includes(v) && r < 0.6) set(r < 0.5 ? pick(names) : `${v}_X`);
      else if (DECIMAL.test(v)) set(r < 0.8 ? pick(DECIMALS) : v.startsWith("-") ? v.slice(1) : `-${v}`);
      else if (DATE.test(v)) set(pick(DATES));
      else if (TIME.test(v)) set(pick(TIMES));
      else set(pick(byKey.get(String(key)) ?? byKey.get("kind")!));
    } else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      const k = pick(keys);
      edit = `${pointer([...site.path, k])}: deleted`;
      delete (v as Record<string, unknown>)[k];
    } else {
      set(0);
    }
    if (JSON.stringify(doc) === JSON.stringify(spec.doc)) continue;
    try {
      doc.contentHash = contentHash(doc);
    } catch {
      // A value without a canonical form (a fractional number): the hash stays stale, and the schema rejects it first.
    }
    n++;
    yield { base: spec.path, edit: edit!, doc };
  }
}

/** What became of a mutant. */
export type Outcome =
  | { readonly kind: "rejected"; readonly paths: readonly string[] }
  | { readonly kind: "loaded" }
  | { readonly kind: "crashed"; readonly where: string; readonly error: string };

/** A settlement case of test/cases/settlement/ (see test/settlement-suite.ts, which needs vitest; this file runs without it). */
interface SettlementCase {
  readonly dir: string;
  readonly request: { spec: string; function: string; observations?: string; fixings?: string; [field: string]: unknown };
}

function settlementCases(): SettlementCase[] {
  const root = join(ROOT, "test/cases/settlement");
  const out: SettlementCase[] = [];
  for (const contract of readdirSync(root).sort()) {
    if (!statSync(join(root, contract)).isDirectory()) continue;
    for (const name of readdirSync(join(root, contract)).sort()) {
      const dir = join(root, contract, name);
      if (existsSync(join(dir, "request.json"))) out.push({ dir, request: JSON.parse(readFileSync(join(dir, "request.json"), "utf8")) });
    }
  }
  return out;
}

function runCase(c: SettlementCase, fns: SpecFunctions): void {
  const { spec: _s, function: fn, observations, fixings, note: _n, ...fields } = c.request;
  const req: Record<string, unknown> = { ...fields };
  if (observations !== undefined) {
    const r = parseObservations(readFileSync(join(c.dir, observations), "utf8"), { file: observations });
    if (r.ok) req.observations = r.value;
  }
  if (fixings !== undefined) {
    const r = parseFixings(readFileSync(join(c.dir, fixings), "utf8"), { file: fixings });
    if (r.ok) req.fixings = r.value;
  }
  if (typeof fields.dealerQuotes === "string") {
    const r = parseDealerQuotes(readFileSync(join(c.dir, fields.dealerQuotes), "utf8"), { file: fields.dealerQuotes });
    if (r.ok) req.dealerQuotes = r.value;
  }
  const report =
    fn === "final"
      ? fns.final(req as unknown as FinalReq)
      : fn === "daily"
        ? fns.daily(req as unknown as DailyReq)
        : fns.index(req as unknown as IndexReq);
  reportJson(report);
  reportText(report);
}

let cases: SettlementCase[] | undefined;
let pool: { observations: ReturnType<typeof parseObservations>; fixings: ReturnType<typeof parseFixings> } | undefined;

/** Every settlement case's fixings and observations, merged: a small market-data set over all indices. */
function marketPool(): NonNullable<typeof pool> {
  if (pool !== undefined) return pool;
  cases ??= settlementCases();
  const obs = ["time,source,price,volume,instrument"];
  const fix = ["time,index,value,status"];
  for (const c of cases) {
    if (c.request.observations !== undefined) {
      const [header, ...rows] = readFileSync(join(c.dir, c.request.observations), "utf8").trim().split("\n");
      const hasInstrument = header!.split(",").length === 5;
      for (const r of rows) obs.push(hasInstrument ? r : `${r},`);
    }
    if (c.request.fixings !== undefined) {
      const [header, ...rows] = readFileSync(join(c.dir, c.request.fixings), "utf8").trim().split("\n");
      const hasStatus = header!.split(",").length === 4;
      for (const r of rows) fix.push(hasStatus ? r : `${r},`);
    }
  }
  const sortRows = (rows: string[]): string => [rows[0], ...rows.slice(1).sort()].join("\n");
  pool = {
    observations: parseObservations(sortRows(obs), { file: "pool.csv" }),
    fixings: parseFixings(sortRows(fix), { file: "fixings.csv" }),
  };
  return pool;
}

/** Exercises a loaded spec: schedules, the settlement suite's cases of its golden, and generic requests. */
function exercise(base: string, spec: Json): void {
  cases ??= settlementCases();
  const schedule = new Schedule(spec);
  for (const name of Object.keys(spec.calendars)) {
    const e = schedule.engine(name);
    if (e.ok) for (const d of [fromCivil(2026, 3, 27), fromCivil(2026, 12, 25)]) e.value.isBusinessDay(d);
  }
  for (const name of Object.keys(spec.contracts)) {
    schedule.expiries(name, { year: 2026, month: 1 }, { year: 2027, month: 6 });
    schedule.listedOn(name, fromCivil(2026, 3, 2));
  }
  const fns: SpecFunctions = settlementFunctions(spec);
  for (const c of cases) if (c.request.spec === base) runCase(c, fns);
  const market = marketPool();
  const data = {
    ...(market.observations.ok ? { observations: market.observations.value } : {}),
    ...(market.fixings.ok ? { fixings: market.fixings.value } : {}),
  };
  const reports = [
    fns.final({ period: "2026-03", ...data }),
    fns.final({ period: "2026-W13", ...data }),
    fns.final({ period: "2026-06", option: { right: "call", strike: "10" }, position: { quantity: "2", price: "10.5" }, ...data }),
    fns.daily({ period: "2026-06", date: "2026-03-02", prior: "10", ...data }),
    ...Object.keys(spec.indices).flatMap((index) => [
      fns.index({ index, at: "2026-03-27", ...data }),
      fns.index({ index, at: "2026-03-27T16:00:00Z", ...data }),
    ]),
  ];
  for (const r of reports) {
    reportJson(r);
    reportText(r);
  }
}

/** Loads a mutant and, when it loads, exercises it; never throws. */
export function runMutant(m: Mutant): Outcome {
  let spec: Json;
  try {
    spec = loadSpec(m.doc);
  } catch (e) {
    if (e instanceof SpecError) return { kind: "rejected", paths: e.problems.map((p) => p.path) };
    return { kind: "crashed", where: "load", error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  try {
    exercise(m.base, spec);
  } catch (e) {
    return { kind: "crashed", where: "runtime", error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e) };
  }
  return { kind: "loaded" };
}

// `npx tsx test/model/spec-mutants.ts --count N [--seed S]`: how many mutants load, and every crash.
if (process.argv[1]?.endsWith("spec-mutants.ts")) {
  const arg = (name: string, dflt: number): number => {
    const i = process.argv.indexOf(name);
    return i < 0 ? dflt : Number(process.argv[i + 1]);
  };
  const count = arg("--count", 3021);
  const seed = arg("--seed", 13);
  let loaded = 0;
  let rejected = 0;
  const crashes: string[] = [];
  const loadedEdits: string[] = [];
  for (const m of mutants(seed, count)) {
    const o = runMutant(m);
    if (o.kind === "rejected") rejected++;
    else if (o.kind === "loaded") {
      loaded++;
      loadedEdits.push(`${m.base} ${m.edit}`);
    } else crashes.push(`${m.base} ${m.edit}\n  ${o.where}: ${o.error.split("\n").slice(0, 4).join("\n  ")}`);
  }
  if (process.argv.includes("--list")) for (const e of loadedEdits) console.log(`loaded: ${e}`);
  for (const c of crashes) console.log(`crash: ${c}`);
  console.log(`seed ${seed}: ${count} mutants, ${rejected} rejected, ${loaded} loaded, ${crashes.length} crashed`);
  if (crashes.length > 0) process.exitCode = 1;
}
