/**
 * The `units` member of a compiled spec (docs/spec-format.md, invariant `units`): the loader re-reads every unit
 * text with the declared units, as the checker did. TKX_Q is shaped after CME E-mini S&P 500 (Rulebook Chapter
 * 358: "$50 x S&P 500 Index", "0.25 index points"), quoted in a declared `point`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/model/canonical.js";
import { SpecError, loadSpec } from "../../src/model/load.js";
import { ROOT } from "./compile-helpers.js";

type Doc = Record<string, unknown> & { units?: Record<string, Record<string, unknown>> };

function golden(): Doc {
  return JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts/TKX_Q.json"), "utf8")) as Doc;
}

function problems(edit: (d: Doc) => void): string[] | undefined {
  const doc = golden();
  edit(doc);
  doc.contentHash = contentHash(doc);
  try {
    loadSpec(doc);
    return undefined;
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe("declared units in the compiled spec", () => {
  it("loads TKX_Q with its declared point", () => {
    expect(golden().units).toEqual({ point: { kind: "unit", name: "point", title: "index point" } });
    expect(problems(() => {})).toBeUndefined();
  });

  it("refuses the spec when the declaration is removed: `point` no longer resolves", () => {
    const p = problems((d) => delete d.units);
    expect(p?.length).toBeGreaterThan(0);
    expect(p!.every((m) => /\/text: "(USD per )?point" is not a unit$/.test(m))).toBe(true);
  });

  it("refuses a declared unit that is an asset where the units say unit:point", () => {
    const p = problems((d) => (d.units!.point!.kind = "asset"));
    expect(p?.some((m) => m.includes("/dimensions"))).toBe(true);
  });

  it("refuses a declared unit that takes a built-in word", () => {
    const p = problems((d) => (d.units = { ...d.units, BTC: { kind: "asset", name: "BTC", title: "Bitcoin" } }));
    expect(p).toContain("/units/BTC/name: the unit word BTC is a built-in unit or scale word or another declared unit's");
  });
});
