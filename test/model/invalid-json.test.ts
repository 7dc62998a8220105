/**
 * Invalid and tampered compiled specs: each fixture in test/cases/invalid-json/ is the valid spec compiled from
 * base.terms with one defect (or a few), and loadSpec must reject it with a SpecError whose problems point at
 * exactly the members at fault (JSON pointers, asserted in full). The fixtures are generated from the table below
 * (`npx vitest run -u` rewrites them; cases.json lists each file with its expected pointers, for test suites in
 * other languages). Semantic defects get a recomputed hash, so that they reach the checks after the hash; a
 * tampered value with its old hash is caught by the hash. On every fixture that is JSON, ajv (with the shipped
 * schema) and zod give the same verdict.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "../../src/model/canonical.js";
import { SpecError, loadSpec } from "../../src/model/load.js";
import { SpecSchema } from "../../src/model/spec.js";
import { ROOT, compileFiles } from "./compile-helpers.js";

const DIR = join(ROOT, "test/cases/invalid-json");
const shippedSchema = JSON.parse(readFileSync(join(ROOT, "schema/termsheet.schema.json"), "utf8")) as Record<string, unknown>;
const ajvValidate = new Ajv2020({ allErrors: true, strict: true, discriminator: true }).compile(shippedSchema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

interface Case {
  /** The fixture's file name without `.json`. */
  readonly name: string;
  /** What is wrong, for cases.json. */
  readonly defect: string;
  /** Edits a deep copy of the base document in place (or returns a replacement, or text for non-JSON cases). */
  readonly mutate: (doc: Doc) => unknown;
  /** Recompute the content hash after the edit, so the defect is not caught by the hash alone. */
  readonly rehash?: boolean;
  /** The expected problem pointers, in order. */
  readonly paths: readonly string[];
}

const MINI = "/contracts/MINI";
const TICK = `${MINI}/tick/0/value/0/tick`;

const CASES: readonly Case[] = [
  { name: "not-json", defect: "truncated JSON text", mutate: (d) => canonicalJson(d).slice(0, 200), paths: [""] },
  { name: "root-array", defect: "an array instead of an object", mutate: () => [], paths: [""] },
  { name: "missing-format", defect: "missing field `format`", mutate: (d) => void delete d.format, paths: ["/format"] },
  { name: "wrong-format", defect: "`format` is not termsheet-spec", mutate: (d) => void (d.format = "termsheet"), paths: ["/format"] },
  {
    name: "schema-version-number",
    defect: "a number where the version string is required",
    mutate: (d) => void (d.schemaVersion = 1),
    paths: ["/schemaVersion"],
  },
  {
    name: "schema-version-major",
    defect: "a future major version",
    mutate: (d) => void (d.schemaVersion = "2.0"),
    rehash: true,
    paths: ["/schemaVersion"],
  },
  {
    name: "schema-version-newer-minor",
    defect: "a newer minor version than the loader reads",
    mutate: (d) => void (d.schemaVersion = "1.7"),
    rehash: true,
    paths: ["/schemaVersion"],
  },
  {
    name: "schema-version-newer-minor-new-members",
    defect: "a newer minor version whose objects carry members this loader does not know (asked to upgrade, not told of each member)",
    mutate: (d) => {
      d.schemaVersion = "1.7";
      d.contracts.MINI.tradingHours = [];
      d.indices.MINI_IDX.samples = [];
    },
    rehash: true,
    paths: ["/schemaVersion"],
  },
  {
    name: "missing-content-hash",
    defect: "missing field `contentHash`",
    mutate: (d) => void delete d.contentHash,
    paths: ["/contentHash"],
  },
  {
    name: "malformed-content-hash",
    defect: "a hash that is not sha256:<64 hex>",
    mutate: (d) => void (d.contentHash = "sha256:1234"),
    paths: ["/contentHash"],
  },
  {
    name: "stale-hash-tick",
    defect: "the tick altered after compilation, with the old hash",
    mutate: (d) => void (d.contracts.MINI.tick[0].value[0].tick.amount = "0.02"),
    paths: ["/contentHash"],
  },
  {
    name: "stale-hash-holiday",
    defect: "Christmas moved to 26 December, with the old hash",
    mutate: (d) => void (d.calendars.MINI_CAL.holidays[0].date.day = 26),
    paths: ["/contentHash"],
  },
  {
    name: "tick-as-number",
    defect: "a JSON number where a decimal string is required",
    mutate: (d) => void (d.contracts.MINI.tick[0].value[0].tick.amount = 0.01),
    paths: [`${TICK}/amount`],
  },
  {
    name: "decimal-trailing-zero",
    defect: "a decimal string that is not canonical",
    mutate: (d) => void (d.contracts.MINI.tick[0].value[0].tick.amount = "0.010"),
    paths: [`${TICK}/amount`],
  },
  {
    name: "decimal-exponent",
    defect: "a decimal string with an exponent",
    mutate: (d) => void (d.contracts.MINI.tick[0].value[0].tick.amount = "1e-2"),
    paths: [`${TICK}/amount`],
  },
  {
    name: "unit-scale-zero",
    defect: "a unit scale that is not positive",
    mutate: (d) => void (d.contracts.MINI.tick[0].value[0].tick.unit.scale = "0"),
    paths: [`${TICK}/unit/scale`],
  },
  {
    name: "bad-date",
    defect: "30 February",
    mutate: (d) => void (d.contracts.MINI.lastTradingDay[0].effective[0].until = "2025-02-30"),
    paths: [`${MINI}/lastTradingDay/0/effective/0/until`],
  },
  {
    name: "bad-date-format",
    defect: "a date that is not ISO",
    mutate: (d) => void (d.contracts.MINI.lastTradingDay[1].effective[0].from = "01/01/2026"),
    paths: [`${MINI}/lastTradingDay/1/effective/0/from`],
  },
  {
    name: "bad-time",
    defect: "a time without seconds",
    mutate: (d) => void (d.contracts.MINI.termination[0].value.time = "16:00"),
    paths: [`${MINI}/termination/0/value/time`],
  },
  {
    name: "unknown-rounding-mode",
    defect: "an unknown enum value",
    mutate: (d) => void (d.contracts.MINI.finalSettlement[0].value.rounding.mode = "bankers"),
    paths: [`${MINI}/finalSettlement/0/value/rounding/mode`],
  },
  {
    name: "unknown-settlement-kind",
    defect: "an unknown kind in a discriminated union",
    mutate: (d) => void (d.contracts.MINI.finalSettlement[0].value.value.kind = "index-close"),
    paths: [`${MINI}/finalSettlement/0/value/value/kind`],
  },
  {
    name: "missing-kind",
    defect: "a union member without its kind",
    mutate: (d) => void delete d.contracts.MINI.lastTradingDay[0].value.kind,
    paths: [`${MINI}/lastTradingDay/0/value/kind`],
  },
  {
    name: "extra-field-root",
    defect: "an extra top-level field (a timestamp)",
    mutate: (d) => void (d.generatedAt = "2026-01-01T00:00:00Z"),
    paths: ["/generatedAt"],
  },
  {
    name: "extra-field-nested",
    defect: "an extra field in a holiday rule",
    mutate: (d) => void (d.calendars.MINI_CAL.holidays[0].observedOn = "2026-12-25"),
    paths: ["/calendars/MINI_CAL/holidays/0/observedOn"],
  },
  {
    name: "missing-nested-field",
    defect: "a contract without its price quotation",
    mutate: (d) => void delete d.contracts.MINI.priceQuotation,
    paths: [`${MINI}/priceQuotation`],
  },
  {
    name: "weekday-out-of-range",
    defect: "weekday 8",
    mutate: (d) => void (d.calendars.MINI_CAL.weekend = [6, 8]),
    paths: ["/calendars/MINI_CAL/weekend/1"],
  },
  {
    name: "count-as-string",
    defect: "a string where an integer count is required",
    mutate: (d) => void (d.contracts.MINI.listing[0].value[0].count = "3"),
    paths: [`${MINI}/listing/0/value/0/count`],
  },
  {
    name: "count-fractional",
    defect: "a fractional count",
    mutate: (d) => void (d.contracts.MINI.listing[0].value[0].count = 2.5),
    paths: [`${MINI}/listing/0/value/0/count`],
  },
  {
    name: "null-unit",
    defect: "null where a unit is required",
    mutate: (d) => void (d.indices.MINI_IDX.quoted[0].value = null),
    paths: ["/indices/MINI_IDX/quoted/0/value"],
  },
  {
    name: "empty-effective",
    defect: "a clause with no effective range",
    mutate: (d) => void (d.contracts.MINI.tick[0].effective = []),
    paths: [`${MINI}/tick/0/effective`],
  },
  {
    name: "bad-name-key",
    defect: "a declaration key that is not a name",
    mutate: (d) => {
      d.indices["MINI IDX"] = d.indices.MINI_IDX;
      delete d.indices.MINI_IDX;
    },
    paths: ["/indices/MINI IDX"],
  },
  {
    name: "proto-key",
    defect: "a declaration keyed `__proto__`, which would set a prototype in JavaScript",
    mutate: (d) => {
      const cal = { ...d.calendars.MINI_CAL, name: "MINI_CAL" };
      Object.defineProperty(d.calendars, "__proto__", { value: cal, enumerable: true, configurable: true, writable: true });
    },
    rehash: false,
    paths: ["/calendars/__proto__"],
  },
  {
    name: "several-problems",
    defect: "three defects at once: every one is reported",
    mutate: (d) => {
      d.contracts.MINI.tick[0].value[0].tick.amount = 0.01;
      d.calendars.MINI_CAL.timeZone = 3;
      d.indices.MINI_IDX.rounding[0].value.colour = "red";
    },
    paths: ["/calendars/MINI_CAL/timeZone", "/indices/MINI_IDX/rounding/0/value/colour", `${TICK}/amount`],
  },
  {
    name: "unknown-calendar-reference",
    defect: "a date rule on a calendar the document does not contain",
    mutate: (d) => void (d.contracts.MINI.lastTradingDay[0].value.rule.calendar = "NYSE"),
    rehash: true,
    paths: [`${MINI}/lastTradingDay/0/value/rule/calendar`],
  },
  {
    name: "unknown-index-reference",
    defect: "a settlement on an index the document does not contain",
    mutate: (d) => void (d.contracts.MINI.finalSettlement[0].value.value.index = "OTHER_IDX"),
    rehash: true,
    paths: [`${MINI}/finalSettlement/0/value/value/index`],
  },
  {
    name: "key-name-mismatch",
    defect: "a map key that differs from the name inside",
    mutate: (d) => void (d.indices.MINI_IDX.name = "OTHER"),
    rehash: true,
    paths: ["/indices/MINI_IDX/name"],
  },
  {
    name: "subject-missing",
    defect: "a subject the document does not contain",
    mutate: (d) => void (d.subject.name = "GONE"),
    rehash: true,
    paths: ["/subject/name"],
  },
  {
    name: "unknown-time-zone",
    defect: "a time zone that does not exist",
    mutate: (d) => void (d.contracts.MINI.termination[0].value.zone = "Mars/Olympus_Mons"),
    rehash: true,
    paths: [`${MINI}/termination/0/value/zone`],
  },
  {
    name: "unit-scale-mismatch",
    defect: "a unit whose scale contradicts its text",
    mutate: (d) => void (d.contracts.MINI.priceQuotation[0].value.scale = "0.001"),
    rehash: true,
    paths: [`${MINI}/priceQuotation/0/value/scale`],
  },
  {
    name: "inverted-effective-range",
    defect: "an effective range that ends before it starts",
    mutate: (d) => void (d.contracts.MINI.lastTradingDay[1].effective[0].until = "2025-06-30"),
    rehash: true,
    paths: [`${MINI}/lastTradingDay/1/effective/0`],
  },
  {
    name: "impossible-holiday",
    defect: "a fixed holiday on 30 February",
    mutate: (d) => {
      d.calendars.MINI_CAL.holidays[0].date.month = 2;
      d.calendars.MINI_CAL.holidays[0].date.day = 30;
    },
    rehash: true,
    paths: ["/calendars/MINI_CAL/holidays/0/date/day"],
  },
];

let base: Doc;
const fixtures = new Map<string, string>();

beforeAll(() => {
  const compiled = compileFiles(["test/cases/invalid-json/base.terms"]);
  expect(compiled.diagnostics).toEqual([]);
  const file = compiled.files.find((f) => f.path === "contracts/MINI.json");
  base = JSON.parse(file!.text);
  for (const c of CASES) {
    const doc = structuredClone(base);
    const replaced = c.mutate(doc);
    const value = replaced === undefined ? doc : replaced;
    if (c.rehash && typeof value === "object" && value !== null) (value as Doc).contentHash = contentHash(value as Doc);
    // Sorted keys like canonical JSON, but JSON.stringify, which also writes the defects canonical JSON refuses.
    fixtures.set(c.name, typeof value === "string" ? value + "\n" : JSON.stringify(sortKeys(value)) + "\n");
  }
});

function problemsOf(input: unknown): readonly { path: string; message: string }[] {
  try {
    loadSpec(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return (e as SpecError).problems;
  }
  throw new Error("loadSpec accepted the input");
}

describe("invalid and tampered specs", () => {
  it("has at least 20 fixtures, and the base they come from loads", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(loadSpec(canonicalJson(base)).subject).toEqual({ kind: "future", name: "MINI" });
  });

  it("keeps the fixture files and their manifest current", async () => {
    for (const c of CASES) await expect(fixtures.get(c.name)).toMatchFileSnapshot(join(DIR, `${c.name}.json`));
    const manifest = CASES.map((c) => ({ file: `${c.name}.json`, defect: c.defect, problems: c.paths }));
    await expect(JSON.stringify(manifest, null, 2) + "\n").toMatchFileSnapshot(join(DIR, "cases.json"));
  });

  for (const c of CASES) {
    it(`rejects ${c.name} (${c.defect}) at ${c.paths.map((p) => p || "(root)").join(", ")}`, () => {
      const text = fixtures.get(c.name)!;
      const problems = problemsOf(text);
      expect(problems.map((p) => p.path)).toEqual(c.paths);
      for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
      // Text, bytes and parsed values are rejected alike.
      expect(problemsOf(new TextEncoder().encode(text)).map((p) => p.path)).toEqual(c.paths);
      if (c.name !== "not-json") expect(problemsOf(JSON.parse(text)).map((p) => p.path)).toEqual(c.paths);
    });
  }

  it("gives the same verdict with ajv and zod on every fixture that is JSON", () => {
    for (const c of CASES) {
      if (c.name === "not-json") continue;
      const doc = JSON.parse(fixtures.get(c.name)!) as unknown;
      expect(SpecSchema.safeParse(doc).success, c.name).toBe(ajvValidate(doc));
    }
  });

  it("rejects bytes that are not UTF-8, and values that are not JSON at all, with SpecError only", () => {
    expect(problemsOf(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual([{ path: "", message: "is not valid UTF-8" }]);
    for (const v of [undefined, null, 42, "", "null", Symbol("x"), () => 1, new Map(), { toJSON: () => ({}) }]) {
      expect(problemsOf(v).length).toBeGreaterThan(0);
    }
    const cyclic: Doc = structuredClone(base);
    cyclic.calendars.MINI_CAL.self = cyclic;
    expect(problemsOf(cyclic).map((p) => p.path)).toEqual(["/calendars/MINI_CAL/self"]);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, sortKeys(o[k])]),
  );
}
