/**
 * zod and ajv agree: the JSON Schema is generated from the zod model, and this property test checks that the two
 * give the same verdict on thousands of random mutations of real compiled specs (a member deleted, replaced by
 * any JSON value, or joined by an extra member; a string nudged off its pattern), with a fixed seed. It also
 * checks that loadSpec never throws anything but SpecError on them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpecError, loadSpec } from "../../src/model/load.js";
import { SpecSchema } from "../../src/model/spec.js";
import { ROOT } from "./compile-helpers.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schema/termsheet.schema.json"), "utf8")) as Record<string, unknown>;
const ajvValidate = new Ajv2020({ allErrors: true, strict: true, discriminator: true }).compile(schema);

const GOLDENS = [
  "contracts/FOTI_OPT.json",
  "contracts/BTC.json",
  "contracts/FOTI_CAL.json",
  "indices/BTC_REF.json",
  "calendars/LONDON_AND_NEW_YORK.json",
];
const docs = GOLDENS.map((p) => JSON.parse(readFileSync(join(ROOT, "test/cases/compiled", p), "utf8")) as unknown);

type Path = readonly (string | number)[];

/** Every path to a member or element of a JSON value, the root excluded. */
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([...at, i]);
      paths(x, [...at, i], out);
    });
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      out.push([...at, k]);
      paths(x, [...at, k], out);
    }
  }
  return out;
}

const docPaths = docs.map((d) => paths(d));

type Mutation =
  | { kind: "delete" }
  | { kind: "replace"; value: unknown }
  | { kind: "extra"; key: string; value: unknown }
  | { kind: "nudge"; suffix: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: "delete" }),
  fc.jsonValue({ maxDepth: 2 }).map((value): Mutation => ({ kind: "replace", value })),
  fc
    .oneof(
      fc.integer({ min: -10, max: 10 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom("", "0", "-0", "1.50", "2026-02-29", "16:00", "UTC", null, true),
    )
    .map((value): Mutation => ({ kind: "replace", value })),
  fc.tuple(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })).map(([key, value]): Mutation => ({ kind: "extra", key, value })),
  fc.constantFrom("0", " ", "x", ".", "-", "é", "Z").map((suffix): Mutation => ({ kind: "nudge", suffix })),
);

function apply(doc: unknown, path: Path, m: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  switch (m.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case "replace":
      parent[last] = m.value;
      break;
    case "extra": {
      const target = parent[last];
      if (target !== null && typeof target === "object" && !Array.isArray(target)) (target as Record<string, unknown>)[m.key] = m.value;
      else parent[last] = { [m.key]: m.value };
      break;
    }
    case "nudge":
      parent[last] = typeof parent[last] === "string" ? (parent[last] as string) + m.suffix : m.suffix;
      break;
  }
  return copy;
}

describe("zod and the generated JSON Schema", () => {
  it("accept every golden spec", () => {
    for (const d of docs) {
      expect(ajvValidate(d)).toBe(true);
      expect(SpecSchema.safeParse(d).success).toBe(true);
    }
  });

  it("give the same verdict on random mutations, and loadSpec throws only SpecError", () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.nat(), mutation, (which, pick, m) => {
        const ps = docPaths[which]!;
        const mutated = apply(docs[which], ps[pick % ps.length]!, m);
        const byAjv = ajvValidate(mutated);
        const byZod = SpecSchema.safeParse(mutated).success;
        expect(byZod).toBe(byAjv);
        try {
          loadSpec(mutated);
        } catch (e) {
          expect(e).toBeInstanceOf(SpecError);
          expect((e as SpecError).problems.length).toBeGreaterThan(0);
          rejected++;
        }
      }),
      { numRuns: 500, seed: 20260301 },
    );
    expect(rejected).toBeGreaterThan(250);
  }, 30_000);
});
