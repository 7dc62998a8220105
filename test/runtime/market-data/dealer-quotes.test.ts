/**
 * Reference dealers' quotes for a dealer poll (2005 ISDA Commodity Definitions §7.5(c)(i), Fallback Reference Dealers):
 * rows `date,index,dealer,quote,given` as exact values, and each malformed row a typed error naming file, line and field.
 */
import { describe, expect, it } from "vitest";
import { parseDealerQuotes } from "../../../src/runtime/market-data/index.js";

describe("dealer quotes", () => {
  it("reads CSV with its header and NDJSON into exact values", () => {
    const csv = parseDealerQuotes("date,index,dealer,quote,given\n2026-03-27,AITOK_OUT,DEALER_A,10.120,2026-03-30\n", { file: "q.csv" });
    const nd = parseDealerQuotes('{"date":"2026-03-27","index":"AITOK_OUT","dealer":"DEALER_A","quote":"10.120","given":"2026-03-30"}\n', {
      file: "q.ndjson",
      format: "ndjson",
    });
    for (const r of [csv, nd]) {
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.value.map((q) => [q.date, q.index, q.dealer, q.value.toString(), q.given])).toEqual([
        ["2026-03-27", "AITOK_OUT", "DEALER_A", "10.12", "2026-03-30"],
      ]);
    }
  });

  it("refuses bad rows with their file, line, field and kind", () => {
    const text = [
      "date,index,dealer,quote,given",
      "2026-03-27,AITOK_OUT,DEALER_A,ten,2026-03-30",
      "2026-02-30,AITOK_OUT,DEALER_B,10.1,2026-03-30",
      "2026-03-27,AITOK_OUT,DEALER_C,10.1,2026-03-26",
      "2026-03-27,AITOK_OUT,DEALER_D,10.1,2026-03-30",
      "2026-03-27,AITOK_OUT,DEALER_D,10.2,2026-03-31",
      "2026-03-27,AITOK_OUT,DEALER_E,10.1",
      "2026-03-27,AITOK_OUT,,10.1,2026-03-30",
    ].join("\n");
    const r = parseDealerQuotes(text, { file: "q.csv" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.file, e.line, e.field, e.kind])).toEqual([
      ["q.csv", 2, "quote", "invalid-number"],
      ["q.csv", 3, "date", "invalid-date"],
      ["q.csv", 4, "given", "invalid-date"],
      ["q.csv", 6, "dealer", "duplicate"],
      ["q.csv", 7, null, "malformed-row"],
      ["q.csv", 8, "dealer", "missing-field"],
    ]);
  });
});
