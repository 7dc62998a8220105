/**
 * The observation record's extra columns (issue 15, runtime/market-data/record.ts): side, trade_id, counterparty,
 * type, flags and reversed_at, named in a CSV header or as NDJSON keys; kept only when asked for (the `fields`
 * option), with typed errors naming file, line and field; the byte path and the text path read them alike.
 */
import { describe, expect, it } from "vitest";
import { createObservationParser, parseObservations } from "../../../src/runtime/market-data/index.js";
import type { ObservationOptions } from "../../../src/runtime/market-data/index.js";
import { hasFlag } from "../../../src/runtime/market-data/record.js";

const CSV = [
  "time,source,price,volume,side,trade_id,counterparty,type,flags,reversed_at",
  "2026-01-05T10:00:00Z,ICE,1.5,2,buy,T1,C9,outright,affiliate;block,",
  "2026-01-05T10:00:00Z,ICE,1.5,2,buy,T2,C9,outright,affiliate;block,2026-01-05T10:03:00Z",
  "2026-01-05T10:01:00Z,ICE,1.6,2,sell,T3,,spread-leg,,",
  "2026-01-05T10:02:00Z,NODAL,1.7,2,,T4,C1,,,",
].join("\n");

const bytes = (text: string, options: ObservationOptions) => {
  const p = createObservationParser(options);
  p.pushBytes(new TextEncoder().encode(text));
  return p.end();
};

describe("the record's extra columns", () => {
  it("keeps every extra column the file has by default, rows that differ only in trade id being two trades", () => {
    const r = parseObservations(CSV, { file: "o.csv" });
    expect(r.ok && r.value.record).toEqual({
      side: ["buy", "buy", "sell", null],
      trade_id: ["T1", "T2", "T3", "T4"],
      counterparty: ["C9", "C9", null, "C1"],
      type: ["outright", "outright", "spread-leg", null],
      flags: ["affiliate;block", "affiliate;block", null, null],
      reversed_at: [NaN, Date.parse("2026-01-05T10:03:00Z") * 1000, NaN, NaN],
    });
  });

  it("reads the same through the byte path as through the text path, for any fields asked for", () => {
    for (const fields of [undefined, [], ["flags"], ["type", "reversed_at"]] as const) {
      const options = { file: "o.csv", ...(fields !== undefined ? { fields } : {}) };
      expect(bytes(CSV, options)).toEqual(parseObservations(CSV, options));
    }
  });

  it("keeps only the columns asked for; the others are not read", () => {
    // trade_id comes with any column asked for (the certificate names the trades left out), unasked and unrequired.
    const r = parseObservations(CSV, { file: "o.csv", fields: ["type"] });
    expect(r.ok && r.value.record).toEqual({ type: ["outright", "outright", "spread-leg", null], trade_id: ["T1", "T2", "T3", "T4"] });
    const none = parseObservations(CSV, { file: "o.csv", fields: [] });
    expect(none.ok && none.value.record).toBeUndefined();
  });

  it("still refuses an exact duplicate row, extra fields included", () => {
    const text = [CSV.split("\n")[0], CSV.split("\n")[1], CSV.split("\n")[1]].join("\n");
    for (const r of [parseObservations(text, { file: "o.csv" }), bytes(text, { file: "o.csv", fields: [] })])
      expect(!r.ok && r.errors.map((e) => [e.kind, e.line])).toEqual([["duplicate", 3]]);
  });

  it("names file, line and field when a column asked for is missing", () => {
    const header = parseObservations("time,source,price,volume,type\n2026-01-05T10:00:00Z,ICE,1,1,x\n", {
      file: "o.csv",
      fields: ["flags"],
    });
    expect(!header.ok && header.errors.map((e) => [e.kind, e.file, e.line, e.field])).toEqual([["missing-field", "o.csv", 1, "flags"]]);
    const noHeader = parseObservations("2026-01-05T10:00:00Z,ICE,1,1\n", { file: "o.csv", fields: ["type"] });
    expect(!noHeader.ok && noHeader.errors.map((e) => [e.kind, e.line, e.field])).toEqual([["missing-field", 1, "type"]]);
    const nd = parseObservations(
      '{"time":"2026-01-05T10:00:00Z","source":"ICE","price":"1","volume":"1","flags":""}\n{"time":"2026-01-05T10:01:00Z","source":"ICE","price":"1","volume":"1"}\n',
      { file: "o.ndjson", fields: ["flags"] },
    );
    expect(!nd.ok && nd.errors.map((e) => [e.kind, e.line, e.field])).toEqual([["missing-field", 2, "flags"]]);
  });

  it("refuses a bad side, an empty flag, a reversal before its trade and an unknown column", () => {
    const head = "time,source,price,volume,side,flags,reversed_at\n";
    const r = parseObservations(
      head +
        "2026-01-05T10:00:00Z,ICE,1,1,short,,\n2026-01-05T10:01:00Z,ICE,1,1,,a;;b,\n2026-01-05T10:02:00Z,ICE,1,1,,,2026-01-05T10:01:00Z\n",
      { file: "o.csv" },
    );
    expect(!r.ok && r.errors.map((e) => [e.kind, e.line, e.field])).toEqual([
      ["malformed-row", 2, "side"],
      ["malformed-row", 3, "flags"],
      ["invalid-time", 4, "reversed_at"],
    ]);
    const unknown = parseObservations("time,source,price,volume,venue\n", { file: "o.csv" });
    expect(!unknown.ok && unknown.errors[0]!.message).toMatch(/unknown column "venue"/);
  });

  it("reads the extra keys of NDJSON rows", () => {
    const r = parseObservations(
      '{"time":"2026-01-05T10:00:00Z","source":"ICE","price":"1","volume":"1","type":"option","flags":"affiliate"}\n{"time":"2026-01-05T10:01:00Z","source":"ICE","price":"1","volume":"1"}\n',
      { file: "o.ndjson" },
    );
    expect(r.ok && r.value.record).toEqual({ type: ["option", null], flags: ["affiliate", null] });
  });

  it("finds a flag among the words of a flags field", () => {
    expect(hasFlag("affiliate;block", "block")).toBe(true);
    expect(hasFlag("affiliate;block", "affiliate")).toBe(true);
    expect(hasFlag("affiliates", "affiliate")).toBe(false);
    expect(hasFlag(null, "affiliate")).toBe(false);
  });
});
