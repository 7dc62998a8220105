/**
 * The product's own trading dates (`effective from … until …` on the declaration) honoured by the schedule and the
 * settlement functions. The BTC example trades from 18 December 2017, as CME's Bitcoin futures: "Listing Date:
 * Effective December 17, 2017 for trade date of December 18, 2017" (CME Group, Bitcoin futures launch notice).
 * Expected values by hand: the last Friday of November 2017 was 24 November (before the first trade date); of
 * December 2017, 29 December; on 18 December 2017 the cycle (6 consecutive months plus the nearest 2 Decembers)
 * lists Z17, F18, G18, H18, J18, K18 and Z18.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../src/runtime/calendar/index.js";
import { settlementFunctions } from "../../../src/runtime/functions/index.js";
import { Schedule, describeScheduleError, monthPeriod } from "../../../src/runtime/schedule/index.js";
import { loadSpec } from "../../../src/model/load.js";
import { ROOT } from "../../model/compile-helpers.js";

const spec = loadSpec(readFileSync(join(ROOT, "test/cases/compiled/contracts/BTC.json"), "utf8"));
const schedule = new Schedule(spec);
const iso = (s: string): number => parseIsoDate(s)!;

describe("a product's first trade date", () => {
  it("lists nothing before it: `listed` refuses the day with the product's dates", () => {
    const r = schedule.listedOn("BTC", iso("2017-12-15"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(describeScheduleError(r.error)).toBe("BTC does not trade on 2017-12-15: its trading dates are from 2017-12-18");
    const first = schedule.listedOn("BTC", iso("2017-12-18"));
    expect(first.ok && first.value.map((l) => l.symbol)).toEqual([
      "BTC-Z17",
      "BTC-F18",
      "BTC-G18",
      "BTC-H18",
      "BTC-J18",
      "BTC-K18",
      "BTC-Z18",
    ]);
  });

  it("has no contract month that ends before it: expiries leave it out, expiry and settle refuse it", () => {
    const r = schedule.expiries("BTC", { year: 2017, month: 10 }, { year: 2018, month: 1 });
    expect(r.ok && r.value.map((e) => e.symbol)).toEqual(["BTC-Z17", "BTC-F18"]);
    const nov = schedule.expiry("BTC", monthPeriod(2017, 11));
    expect(!nov.ok && describeScheduleError(nov.error)).toBe(
      "BTC has no contract 2017-11: its last trading day 2017-11-24 is outside the product's trading dates (from 2017-12-18)",
    );
    const f = settlementFunctions(spec);
    expect(f.final({ period: "2017-11", determined: "10000" }).error).toMatchObject({ kind: "schedule" });
    expect(f.daily({ period: "2017-12", date: "2017-12-15", prior: "10000" }).error).toMatchObject({
      kind: "schedule",
      message: "BTC does not trade on 2017-12-15: it is outside the product's trading dates",
    });
  });
});
