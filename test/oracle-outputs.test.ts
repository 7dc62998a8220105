/**
 * The independent oracles' values are what the engine prints: every `oracle.json` that a script in test/oracles/
 * wrote beside a settlement case (CI checks them against the scripts) is contained in that case's `expected.json`,
 * which the settlement suite holds every backend to byte for byte.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "cases", "settlement");

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(ROOT, d.name)).map((c) => join(d.name, c)))
  .filter((c) => existsSync(join(ROOT, c, "oracle.json")))
  .sort();

describe("oracle outputs", () => {
  it("has at least one case with an oracle", () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases)("%s: expected.json agrees with oracle.json", (c) => {
    const oracle: unknown = JSON.parse(readFileSync(join(ROOT, c, "oracle.json"), "utf8"));
    const expected: unknown = JSON.parse(readFileSync(join(ROOT, c, "expected.json"), "utf8"));
    expect(expected).toMatchObject(oracle as object);
  });
});
