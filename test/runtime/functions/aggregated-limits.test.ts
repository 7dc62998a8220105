/**
 * Position limits `aggregated with` other contracts (issue 19: the FOTI family's one spot-month limit), through the
 * loader and the generated module alike, and the chapter's sentence for it.
 *
 * Source: CME Group Market Regulation, "Position Limits: Aggregation of Contracts and Table" (on CME Rulebook
 * Chapter 5, Rule 559 and the Position Limit Table): "Position Limits are calculated on a net futures-equivalent
 * basis by contract and include contracts that aggregate into one or more base contracts according to the
 * aggregation ratio(s) as set forth in the Position Limit Tables", and "If the portfolio also includes position in
 * Options on futures, it would be aggregated into the underlying futures contracts in accordance with the Table on a
 * delta equivalent value for the relevant Spot Month, Subsequent Spot Month, Single Month and All Month position
 * limits." The delta-equivalent of an option position is the Exchange's figure: the request states it.
 *
 * The specs (specs/contracts/foti*.terms): FOTI's, FOTW's and FOTI_OPT's spot-month limits of 2,000 contracts are
 * each aggregated with the other two. Expected values by hand, on Wednesday 18 March 2026:
 * - FOTI's spot month is March 2026 (FOTI-H26): its last trading day, the last Friday of March, 27 March 2026, is a
 *   London business day, and no listed month expires earlier.
 * - FOTW's spot week is 2026-W12: the Friday of the week of 18 March is 20 March 2026 (day 79 of the year; 1 January
 *   2026 is a Thursday, so ISO week 1 starts on Monday 29 December 2025 and 20 March is in week (79 + 3) ÷ 7 rounded
 *   up = 12), a London business day; 2026-W13's Friday, 27 March, is later.
 * - FOTI_OPT's spot month is March 2026: it expires with FOTI-H26.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDocument, toMarkdown } from "../../../src/backends/legal/index.js";
import type { GeneratorSpec } from "../../../src/backends/settlement/index.js";
import { loadSpec } from "../../../src/model/load.js";
import {
  reportJson,
  settlementFunctions,
  type AggregatedPositionReq,
  type SettlementReport,
  type SettlementSpec,
  type SpecFunctions,
} from "../../../src/runtime/functions/index.js";
import { GeneratedFolder, asSpecFunctions } from "../../backends/settlement/helpers.js";
import { ROOT } from "../../model/compile-helpers.js";

const text = (name: string) => readFileSync(join(ROOT, `test/cases/compiled/contracts/${name}.json`), "utf8");
const DATE = "2026-03-18";
const P = "10.000";

/** FOTI's (or FOTW's) daily settlement on 18 March 2026 at 10.000, with a position and the positions it aggregates. */
const daily = (f: SpecFunctions, period: string, quantity: string, aggregated: readonly AggregatedPositionReq[]): SettlementReport =>
  f.daily({ period, date: DATE, prior: P, bidAsk: { bid: P, ask: P }, position: { quantity, price: P, aggregated } });

const folder = new GeneratedFolder();
afterAll(() => folder.cleanup());

async function backends(name: string): Promise<SpecFunctions[]> {
  const json = JSON.parse(text(name)) as GeneratorSpec;
  const { modules } = await folder.load([{ path: `contracts/${name}.json`, spec: json }]);
  return [settlementFunctions(json as unknown as SettlementSpec), asSpecFunctions(modules.get(`contracts/${name}.json`)!)];
}

describe("a spot-month limit aggregated with other contracts", () => {
  it("binds the sum of the positions in each contract's own spot period: 2,000 allowed, 2,000.5 refused", async () => {
    for (const f of await backends("FOTI")) {
      // 1,500 + 300 + 200 = 2,000: at the limit.
      const at = daily(f, "2026-03", "1500", [
        { contract: "FOTW", period: "2026-W12", quantity: "300" },
        { contract: "FOTI_OPT", period: "2026-03", quantity: "200" },
      ]);
      expect(at.error).toBeNull();
      expect(at.position?.quantity).toBe("1500");
      // A delta-weighted option position may be fractional: 1,500 + 300 + 200.5 = 2,000.5 > 2,000.
      const over = daily(f, "2026-03", "1500", [
        { contract: "FOTW", period: "2026-W12", quantity: "300" },
        { contract: "FOTI_OPT", period: "2026-03", quantity: "200.5" },
      ]);
      expect(over.error).toEqual({
        kind: "position-limit",
        message:
          "position quantity: the position of 1500 contracts in FOTI-H26, the spot month on 2026-03-18, together with 500.5 contracts (futures-equivalent) in FOTW, FOTI_OPT exceeds the position limit of 2000 contracts in the spot month, aggregated with FOTW, FOTI_OPT (1102.E Position Limits)",
      });
    }
  });

  it("nets long and short positions across the contracts (a net futures-equivalent basis)", async () => {
    for (const f of await backends("FOTI")) {
      // 1,500 − 600 + 1,100 = 2,000 net: allowed; without the short FOTW position, 2,600: refused.
      const aggregated = [
        { contract: "FOTW", period: "2026-W12", quantity: "-600" },
        { contract: "FOTI_OPT", period: "2026-03", quantity: "1100" },
      ];
      expect(daily(f, "2026-03", "1500", aggregated).error).toBeNull();
      expect(daily(f, "2026-03", "1500", aggregated.slice(1)).error?.kind).toBe("position-limit");
    }
  });

  it("counts a position only in its own contract's spot period", async () => {
    for (const f of await backends("FOTI")) {
      // FOTW 2026-W13 (Friday 27 March) is not the spot week on 18 March: its 5,000 contracts do not count.
      expect(daily(f, "2026-03", "1500", [{ contract: "FOTW", period: "2026-W13", quantity: "5000" }]).error).toBeNull();
      // A position in FOTI-J26 (not the spot month) with 2,100 contracts in the spot periods of FOTW and FOTI_OPT:
      // the holder's spot-month positions are 0 + 1,500 + 600 = 2,100 > 2,000.
      const deferred = daily(f, "2026-04", "1", [
        { contract: "FOTW", period: "2026-W12", quantity: "1500" },
        { contract: "FOTI_OPT", period: "2026-03", quantity: "600" },
      ]);
      expect(deferred.error?.kind).toBe("position-limit");
      expect(deferred.error?.message).toContain("together with 2100 contracts (futures-equivalent) in FOTW, FOTI_OPT");
    }
  });

  it("holds from the weekly's side too: FOTW's spot week with FOTI's spot month", async () => {
    for (const f of await backends("FOTW")) {
      expect(daily(f, "2026-W12", "1000", [{ contract: "FOTI", period: "2026-03", quantity: "1000" }]).error).toBeNull();
      const over = daily(f, "2026-W12", "1000", [{ contract: "FOTI", period: "2026-03", quantity: "1001" }]);
      expect(over.error?.kind).toBe("position-limit");
      expect(over.error?.message).toContain("the position of 1000 contracts in FOTW-26W12, the spot month on 2026-03-18,");
    }
  });

  it("refuses a position in a contract no limit in force aggregates, and one whose period does not resolve", async () => {
    for (const f of await backends("FOTI")) {
      const unknown = daily(f, "2026-03", "1", [{ contract: "BTC", period: "2026-03", quantity: "1" }]);
      expect(unknown.error).toEqual({
        kind: "request",
        message: "position aggregated 1 (BTC): no position limit of FOTI in force on 2026-03-18 is aggregated with it",
      });
      const bad = daily(f, "2026-03", "1", [{ contract: "FOTW", period: "2026-13", quantity: "1" }]);
      expect(bad.error?.message).toMatch(/^position aggregated 1 \(FOTW\) period: /);
      const notDecimal = daily(f, "2026-03", "1", [{ contract: "FOTW", period: "2026-W12", quantity: "many" }]);
      expect(notDecimal.error).toEqual({
        kind: "request",
        message: `position aggregated 1 (FOTW) quantity: "many" is not a decimal number`,
      });
    }
  });

  it("gives the same reports through the loader and the generated module", async () => {
    const [loaded, generated] = await backends("FOTI");
    const req = (q: string) => daily(loaded!, "2026-03", q, [{ contract: "FOTI_OPT", period: "2026-03", quantity: "1000" }]);
    const gen = (q: string) => daily(generated!, "2026-03", q, [{ contract: "FOTI_OPT", period: "2026-03", quantity: "1000" }]);
    for (const q of ["1000", "1001"]) expect(reportJson(gen(q))).toBe(reportJson(req(q)));
  });
});

describe("the chapter states the aggregation as the engine counts it", () => {
  it("names the contracts, the scope each is counted in, and the option's futures-equivalent", () => {
    const md = toMarkdown(buildDocument(loadSpec(text("FOTI")), { asOf: "2026-01-15" }));
    expect(md).toContain(
      "No holder may own or control more than 2,000 contracts net long or net short in the Spot Month. The holder's positions in FOTW and FOTI_OPT count toward this limit together with those in the Contract, each in the period that is its own spot period on the day. A position in FOTI_OPT counts as its futures-equivalent (delta-weighted) position, as the Exchange computes it and states it with the settlement.",
    );
    // FOTW and FOTI_OPT are defined, not set out: their terms are in their own chapters.
    expect(md).toContain(
      "| FOTW | The FOTW contract, AI Token Output Price Weekly Futures, whose positions count toward a position limit of this chapter. |",
    );
    expect(md).not.toContain("Option specifications");
  });
});
