/**
 * A methodology construct the SQL backend cannot state with the runtime's exact meaning is a compile-time error
 * naming the construct (E6170), never a different result (issue 21). Every index of specs/indices/ either compiles
 * (the differential test runs those) or is refused here with the construct named.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { indexToSql } from "../../../src/backends/sql/to-sql.js";
import type { Index } from "../../../src/runtime/spec.js";

const ROOT = join(import.meta.dirname, "../../..");
const compiled = (name: string): Index =>
  (JSON.parse(readFileSync(join(ROOT, `test/cases/compiled/indices/${name}.json`), "utf8")) as { indices: Record<string, Index> }).indices[
    name
  ]!;

describe("the SQL backend over specs/indices/", () => {
  it.each([
    ["AITOK_BLEND", "2026-03-27", "sources observed at the fixing time (no window)"],
    ["AITOK_OUT", "2026-03-27", "sources observed at the fixing time (no window)"],
    ["AITOK_OUT_ALT", "2026-03-27", "sources observed at the fixing time (no window)"],
    ["BTC_SPOT_CAPPED", "2026-03-27", "sources observed at the fixing time (no window)"],
    // Each exchange per 4-second interval, then the exchanges by capped median, then the intervals.
    ["BTC_EXP", "2026-03-27", "aggregate sources by capped-median"],
    // Source VWAPs, then a volume-weighted mean of the sources.
    ["GPUX_H100", "2026-03-27", "aggregate sources by weighted-mean"],
    // Each trade weighs its volume times the time until the next trade (issue 15): not stated in SQL.
    ["BTC_VTWAP", "2026-03-27", "aggregate trades by vtwap"],
    // Trade qualification (issue 15): applied by the runtime only.
    ["GPUQ_H100", "2026-03-27", "exclude trades with volume below …"],
    // Rules on named fields of the record (issue 15): columns the SQL table does not have.
    ["TOKT_QUAL", "2026-03-27", "exclude trades flagged …, of type …, reversed within …, on the … side or with counterparty …"],
    // The side and the counterparty of the record, and aliases chosen per day (issue 15).
    ["TOKO_24H", "2026-03-27", "exclude trades flagged …, of type …, reversed within …, on the … side or with counterparty …"],
  ])("refuses %s with E6170 naming the construct", (name, date, construct) => {
    const r = indexToSql(compiled(name), [date]);
    expect(r).toMatchObject({ code: "E6170", construct });
  });

  it("refuses a priority list chosen per day (issue 15): the day of each row is decided in the window's zone", () => {
    const index = compiled("TOKO_24H");
    const { excludeTradesWhere: _, minimumCounterparties: __, ...withoutFilters } = index;
    const r = indexToSql(withoutFilters as Index, ["2026-03-27"]);
    expect(r).toMatchObject({ code: "E6170", construct: "models … chosen per day" });
  });

  it("refuses a minimum of counterparties (issue 15): a record column the observations table does not have", () => {
    const { excludeTradesWhere: _, ...withoutFilters } = compiled("TOKO_24H");
    const r = indexToSql(withoutFilters as Index, ["2026-03-27"]);
    expect(r).toMatchObject({ code: "E6170", construct: "minimum counterparties …" });
  });

  it.each([["BTC_REF"], ["GAS_DAY"]])("compiles %s", (name) => {
    const r = indexToSql(compiled(name), ["2026-03-27"]);
    expect("statements" in r).toBe(true);
  });

  it("splits a date range into segments where the methodology in force changes (BTC_REF 2.0 from 2021-01-01)", () => {
    const r = indexToSql(compiled("BTC_REF"), ["2020-12-30", "2020-12-31", "2021-01-01", "2021-01-02"]);
    expect(r).toMatchObject({ segments: 2 });
  });
});
