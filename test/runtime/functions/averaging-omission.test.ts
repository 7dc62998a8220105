/**
 * Issue 16, fallback waterfalls: "if the index is not published on a business day, that day is left out of the
 * average; it is not carried forward", with a minimum number of days below which the next step applies
 * (GPUHX 1205.C.1-2, specs/contracts/gpu-hour-average-omit.terms, after the "Omission" election for a disrupted
 * averaging date, 2002 ISDA Equity Derivatives Definitions, Section 6.7(c)(i)). The settlement suite's goldens
 * (test/cases/settlement/GPUHX/) are held to the independent Python oracle test/oracles/averaging_days_left_out.py,
 * whose committed output is test/cases/settlement/GPUHX/oracle.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CASES_DIR } from "../../settlement-suite.js";

interface OracleCase {
  readonly averagingDays: number;
  readonly carriedForward: Record<string, string>;
  readonly daysInMean: number;
  readonly flagged: boolean;
  readonly leftOut: readonly string[];
  readonly price: string;
}

interface Report {
  readonly price: string;
  readonly flagged: boolean;
  readonly days: readonly { date: string; valueDate: string | null; level: number; flagged: boolean }[];
  readonly excludedDays?: readonly { date: string; level: number }[];
}

const oracle = JSON.parse(readFileSync(join(CASES_DIR, "GPUHX/oracle.json"), "utf8")) as Record<string, OracleCase>;

describe("averaging days left out of the average (GPUHX), against the Python oracle", () => {
  it("has both cases", () => expect(Object.keys(oracle).sort()).toEqual(["days-left-out", "too-few-days-remain"]));
  for (const [name, o] of Object.entries(oracle)) {
    it(name, () => {
      const r = JSON.parse(readFileSync(join(CASES_DIR, "GPUHX", name, "expected.json"), "utf8")) as Report;
      expect(r.price).toBe(o.price);
      expect(r.flagged).toBe(o.flagged);
      expect(r.days.length).toBe(o.daysInMean);
      expect(r.days.length + (r.excludedDays?.length ?? 0)).toBe(o.averagingDays);
      expect((r.excludedDays ?? []).map((d) => d.date)).toEqual(o.leftOut);
      const carried = Object.fromEntries(r.days.filter((d) => d.level === 2).map((d) => [d.date, d.valueDate]));
      expect(carried).toEqual(o.carriedForward);
    });
  }
});
