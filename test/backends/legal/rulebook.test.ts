/**
 * The rulebook layout (issue 19): the contract's rules numbered and headed by the author's rule numbers (CME style),
 * each rule once, the index disclaimer, the rest as appendices; goldens for FOTI and FOTI_OPT, and the laws that
 * every clause of the default layout appears in it once and that its rule numbers are in rulebook order.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDocument, renderContract } from "../../../src/backends/legal/index.js";
import { ruleNumber } from "../../../src/backends/legal/rulebook.js";
import { loadSpec } from "../../../src/model/load.js";
import type { Spec } from "../../../src/model/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const AS_OF = "2026-01-15";
const NAMES = ["BTC", "FOTB", "FOTI", "FOTI_CAL", "FOTI_FOTB", "FOTI_OPT", "FOTW", "GPUH", "GPUH5"];
const load = (name: string): Spec => loadSpec(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8"));

describe("rule numbers", () => {
  it("reads the author's references as rule numbers", () => {
    expect(ruleNumber("1102.C Price Increments")).toEqual({ rule: "1102", letter: "C", title: "Price Increments" });
    expect(ruleNumber("1101.01 Scope")).toEqual({ rule: "1101.01", title: "Scope" });
    expect(ruleNumber("1101A.02.G Termination of Trading")).toEqual({ rule: "1101A.02", letter: "G", title: "Termination of Trading" });
    expect(ruleNumber("1103.C.1 Market Disruption")).toEqual({ rule: "1103", letter: "C", title: "Market Disruption" });
    expect(ruleNumber("1302.G Termination of Trading (until 2020)")).toEqual({
      rule: "1302",
      letter: "G",
      title: "Termination of Trading",
    });
    expect(ruleNumber("Chapter 1101")).toBeUndefined();
    expect(ruleNumber("NYSE Rule 7.2")).toBeUndefined();
  });
});

describe("the rulebook layout", () => {
  for (const name of ["FOTI", "FOTI_OPT"])
    it(`${name} golden`, async () => {
      await expect(renderContract(load(name), "md", { asOf: AS_OF, layout: "rulebook" })).toMatchFileSnapshot(
        join(ROOT, "test/cases/render/rulebook", `${name}.md`),
      );
    });

  it("heads FOTI as a CME chapter: scope, trading specifications by letter, settlement, the index disclaimer", () => {
    const doc = buildDocument(load("FOTI"), { asOf: AS_OF, layout: "rulebook" });
    expect(doc.title).toBe("Chapter 1101: AI Token Output Price Futures (FOTI)");
    expect(doc.sections.map((s) => `${s.number} ${s.title}`.trim())).toEqual([
      "Definitions",
      "1101.01 Scope",
      "1102 Contract specifications",
      "1103 Settlement",
      "Index disclaimer",
      "Appendix A Index methodology: AITOK_OUT (AI Token Output Price Index)",
      "Appendix B Index methodology: AITOK_OUT_ALT (AI Token Output Price Index - Fallback Rate)",
      "Appendix C Business-day calendars",
      "Appendix D Contract months",
      "Appendix E Rule versions and effective dates",
    ]);
    const rules = doc.sections.find((s) => s.number === "1102")!.clauses.map((c) => `${c.number} ${c.title}`.trim());
    expect(rules).toEqual([
      "1102.A Listing Schedule",
      "1102.B Trading Unit",
      "1102.C Price Increments",
      "Negative prices",
      "1102.D Price Limits",
      "1102.E Position Limits",
      "1102.G Termination of Trading",
    ]);
    const disclaimer = doc.sections.find((s) => s.title === "Index disclaimer")!;
    expect(disclaimer.clauses.map((c) => c.title)).toEqual(["AITOK_OUT", "AITOK_OUT_ALT"]);
    expect(JSON.stringify(disclaimer)).toContain("is calculated and published by Termsheet Benchmarks Ltd");
  });

  it("states BTC's trading schedule as a rule of its trading specifications, with the named days that change sessions", () => {
    // CME Chapter 350, Bitcoin futures: "Sunday - Friday 5:00 p.m. - 4:00 p.m. Central Time (CT) with a 60-minute
    // break each day beginning at 4:00 p.m. CT" (specs/contracts/btc-reference-future.terms, rule 1302.F).
    const doc = buildDocument(load("BTC"), { asOf: AS_OF, layout: "rulebook" });
    const specs = doc.sections.find((s) => s.number === "1302")!;
    const rule = specs.clauses.find((c) => c.number === "1302.F")!;
    expect(rule.title).toBe("Trading Hours");
    const text = rule.blocks.map((b) => (b.kind === "paragraph" ? b.text : "")).join("\n");
    expect(text).toContain(
      "Trading hours: Sunday to Friday, 5:00 p.m. to 4:00 p.m. Chicago time, with a break of 60 minutes each day beginning at 4:00 p.m.",
    );
    expect(text).toContain(
      "Thanksgiving Day, the fourth Thursday of November: the trading session closing on that day closes early, at 12:00 noon.",
    );
    expect(text).toContain("Christmas Day, 25 December");
    // In the rulebook's order: after the position limits (1302.E), before the termination of trading (1302.G).
    const numbers = specs.clauses.map((c) => c.number).filter((n) => n !== "");
    expect(numbers.indexOf("1302.F")).toBe(numbers.indexOf("1302.E") + 1);
    expect(numbers.indexOf("1302.G")).toBe(numbers.indexOf("1302.F") + 1);
  });

  for (const name of NAMES)
    it(`${name}: every clause of the default layout is stated once, and the rules are in rulebook order`, () => {
      const spec = load(name);
      const plain = buildDocument(spec, { asOf: AS_OF });
      const book = buildDocument(spec, { asOf: AS_OF, layout: "rulebook" });
      // The disclaimer is the rulebook layout's own; everything else is the default layout's, rearranged.
      const blocks = (d: typeof plain) =>
        d.sections
          .filter((s) => s.title !== "Index disclaimer")
          .flatMap((s) => s.clauses.flatMap((c) => c.blocks.filter((b) => !("heading" in b && b.heading))));
      expect(
        blocks(book)
          .map((b) => JSON.stringify(b))
          .sort(),
      ).toEqual(
        blocks(plain)
          .map((b) => JSON.stringify(b))
          .sort()
          .concat()
          .sort(),
      );
      const numbered = book.sections.filter((s) => /^[0-9]/.test(s.number)).map((s) => s.number);
      expect(new Set(numbered).size).toBe(numbered.length);
    });
});
