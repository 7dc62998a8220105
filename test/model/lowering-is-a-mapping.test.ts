/**
 * The lowering is a pure mapping over the checked IR (check/lowerable.ts): it has nothing to look up and no
 * "cannot happen" case. The source scan fails when a lowering file throws, asserts a value is there (`need(`,
 * `Unlowerable`) or reads the checks' record again (`.checked.unit(`, `lookupWord`, `countOf(n, …)`); the type
 * assertions fail (under `tsc --noEmit`) when a part the lowering reads may be missing from the IR again.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Lowerable, LowerableDeclaration, Word, Ref } from "../../src/check/lowerable.js";
import { lowerableDeclaration } from "../../src/check/lowerable.js";
import { checkProgram } from "../../src/check/check.js";
import type * as A from "../../src/syntax/ast.js";
import type { RoundingMode } from "../../src/runtime/numbers/decimal.js";
import type { Decimal } from "../../src/runtime/numbers/decimal.js";
import { check, codes } from "../helpers/check.js";

const MODEL = "src/model";
const LOWERING = readdirSync(MODEL).filter((f) => f.startsWith("lower-") || f === "from-checked.ts");

describe("the lowering is a pure mapping", () => {
  it("has the files it is made of", () => {
    expect(LOWERING).toEqual(["from-checked.ts", "lower-base.ts", "lower-contract.ts", "lower-index.ts", "lower-settlement.ts"]);
  });

  it.each(LOWERING)("%s neither throws nor asserts that the check established something", (file) => {
    const text = readFileSync(join(MODEL, file), "utf8");
    for (const banned of [
      /\bneed\(/,
      /\bUnlowerable\b/,
      /\bthrow\b/,
      /\bcatch\b/,
      /\bl\.checked\.|this\.checked\./,
      /\blookupWord\b/,
      /\bresolve\(/,
    ]) {
      expect(text, `${file} matches ${banned}`).not.toMatch(banned);
    }
  });

  it("reads parts typed as present and evaluated", () => {
    expectTypeOf<Lowerable<A.FinalSettlementStmt>["value"]>().not.toBeUndefined();
    expectTypeOf<Lowerable<A.FinalSettlementStmt>["method"]>().toMatchTypeOf<Word<string>>();
    expectTypeOf<Lowerable<A.ZonedTime>["checked"]>().toEqualTypeOf<{ readonly time: string; readonly zone: string }>();
    expectTypeOf<Extract<Lowerable<A.SettlementValue>, { kind: "IndexAt" }>["index"]>().toEqualTypeOf<Ref>();
    expectTypeOf<Lowerable<A.NumberLit>["checked"]>().toEqualTypeOf<Decimal>();
    expectTypeOf<Extract<Lowerable<A.Rounding>["checked"], { kind: "tick" }>["mode"]>().toEqualTypeOf<RoundingMode>();
    expectTypeOf<Extract<LowerableDeclaration, { kind: "Future" }>["name"]>().toEqualTypeOf<Lowerable<A.Ident>>();
  });
});

describe("the checked IR", () => {
  it("exists for every declaration of a program without errors", () => {
    const r = check(readFileSync("specs/calendars/nyse.terms", "utf8"));
    expect(codes(r).filter((c) => c.startsWith("E"))).toEqual([]);
    const checked = checkProgram(r.program, () => {});
    expect(checked.unchecked).toEqual([]);
    expect(checked.declarations.map((d) => d.decl.name.name)).toEqual(["NYSE"]);
  });

  it("is missing, with the part, for a declaration whose check failed", () => {
    // `from 15:58 to 16:00 exclusive`: the start's bound is missing (E1010), so the window is not established.
    const dir = "test/cases/diagnostics/syntax";
    const r = check(readFileSync(join(dir, "missing-window-bound.terms"), "utf8"), {
      "lib/market.terms": readFileSync(join(dir, "lib/market.terms"), "utf8"),
    });
    expect(codes(r)).toContain("E1010");
    const checked = checkProgram(r.program, () => {});
    const decl = r.program.files.find((f) => f.source.path.endsWith("main.terms"))!.ast.declarations[0]!;
    const made = lowerableDeclaration(decl, checked);
    expect("what" in made ? made.what : "made").toBe("what the check established of TimeWindow");
    expect(checked.unchecked.map((u) => `${u.decl.name?.name}: ${u.missing.what}`)).toEqual([
      "FOTI: what the check established of TimeWindow",
    ]);
  });
});
