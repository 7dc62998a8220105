/**
 * The settlement suite (test/cases/settlement) through the loader's settlement functions:
 * `loadSettlement(json)` = `settlementFunctions(loadSpec(json))` over the specs compiled in-process from specs/.
 * The goldens are written by `npm run test:update` and reviewed; the generated backend compares against the same
 * files strictly. Every contract compiled from specs/ has at least one case.
 */
import { describe, expect, it } from "vitest";
import { loadSettlement } from "../../../src/settlement.js";
import { compiledSpecs, runSettlementSuite, settlementCases } from "../../settlement-suite.js";

runSettlementSuite("the loader (runtime/functions)", (json) => loadSettlement(json), { snapshot: true });

describe("settlement suite coverage", () => {
  it("has a case for every contract in specs/", () => {
    const contracts = [...compiledSpecs().keys()].filter((p) => p.startsWith("contracts/")).sort();
    const covered = new Set(settlementCases().map((c) => c.request.spec));
    expect(contracts.filter((p) => !covered.has(p))).toEqual([]);
    // Not vacuous: every contract of specs/ is compiled (at least the ten of issue 13's suite).
    expect(contracts.length).toBeGreaterThanOrEqual(10);
  });
});
