/**
 * Market-data parsing: observations and fixings from CSV and NDJSON into exact typed columns, and one case per
 * typed error (kind, line and field asserted, not wording).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type NameColumn, nameAt, parseFixings, parseInstantMicros, parseObservations } from "../../../src/runtime/market-data/index.js";
import { splitQuotedCsv } from "../../../src/runtime/market-data/quoted-csv.js";

/** The name of each row of a column of names (held as codes). */
function namesOf(column: NameColumn | null): (string | null)[] | null {
  return column === null ? null : Array.from(column.codes, (_, r) => nameAt(column, r));
}

const SOURCES = ["BITSTAMP", "COINBASE"];

describe("parseObservations", () => {
  it("parses CSV with a header into exact columns at a common scale", () => {
    const text =
      "time,source,price,volume,instrument\n2026-03-27T15:00:00Z,BITSTAMP,87000.5,0.25,BTC/USD\n2026-03-27T16:00:00+01:00,COINBASE,87000.125,1,BTC-USD\n";
    const r = parseObservations(text, { file: "obs.csv", sources: SOURCES });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.value;
    expect(o.length).toBe(2);
    expect(o.priceScale).toBe(3);
    expect([...o.price]).toEqual([87000500, 87000125]);
    expect(o.volumeScale).toBe(2);
    expect([...o.volume]).toEqual([25, 100]);
    expect(o.time[0]).toBe(o.time[1]); // 16:00+01:00 is 15:00Z
    expect([...o.source]).toEqual([0, 1]);
    expect(namesOf(o.instrument)).toEqual(["BTC/USD", "BTC-USD"]);
    expect([...o.line]).toEqual([2, 3]);
  });

  it("parses NDJSON and learns sources in order when no list is given", () => {
    const text =
      '{"time":"2026-03-27T15:00:00.5Z","source":"X","price":"1.10","volume":"2"}\n{"time":"2026-03-27T15:00:01Z","source":"Y","price":"3","volume":"0"}\n';
    const r = parseObservations(text, { file: "o.ndjson" });
    expect(r.ok && r.value.sources).toEqual(["X", "Y"]);
    expect(r.ok && [...r.value.price]).toEqual([11, 30]);
    expect(r.ok && r.value.time[0]! % 1_000_000).toBe(500_000);
  });

  const cases: [string, string, string, number, string | null][] = [
    ["wrong field count", "2026-03-27T15:00:00Z,BITSTAMP,1", "malformed-row", 1, null],
    ["bad time", "2026-03-27 15:00:00,BITSTAMP,1,1", "invalid-time", 1, "time"],
    ["no offset", "2026-03-27T15:00:00,BITSTAMP,1,1", "invalid-time", 1, "time"],
    ["impossible date", "2026-02-30T15:00:00Z,BITSTAMP,1,1", "invalid-time", 1, "time"],
    ["non-numeric price", "2026-03-27T15:00:00Z,BITSTAMP,abc,1", "invalid-number", 1, "price"],
    ["exponent price", "2026-03-27T15:00:00Z,BITSTAMP,1e5,1", "invalid-number", 1, "price"],
    ["negative price", "2026-03-27T15:00:00Z,BITSTAMP,-1,1", "negative-value", 1, "price"],
    ["negative volume", "2026-03-27T15:00:00Z,BITSTAMP,1,-0.5", "negative-value", 1, "volume"],
    ["unknown source", "2026-03-27T15:00:00Z,KRAKEN,1,1", "unknown-source", 1, "source"],
    ["missing price", "2026-03-27T15:00:00Z,BITSTAMP,,1", "missing-field", 1, "price"],
    ["too precise", "2026-03-27T15:00:00Z,BITSTAMP,12345678901234567,1", "precision-out-of-range", 1, "price"],
    ["unsorted", "2026-03-27T15:00:01Z,BITSTAMP,1,1\n2026-03-27T15:00:00Z,BITSTAMP,1,1", "unsorted", 2, "time"],
    [
      "duplicate",
      "2026-03-27T15:00:00Z,BITSTAMP,1,1\n2026-03-27T15:00:00Z,COINBASE,1,1\n2026-03-27T15:00:00Z,BITSTAMP,1.0,1",
      "duplicate",
      3,
      null,
    ],
    ["empty", "\n", "empty-input", 1, null],
    ["header without volume", "time,source,price\n2026-03-27T15:00:00Z,BITSTAMP,1,1", "malformed-row", 1, null],
  ];
  it.each(cases)("%s", (_name, text, kind, line, field) => {
    const r = parseObservations(text, { file: "obs.csv", sources: SOURCES });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ kind, line, field, file: "obs.csv" });
  });

  it("names the expected header when the first line is a header of other columns, once", () => {
    const r = parseObservations("time,source,price\n2026-03-27T15:00:00Z,BITSTAMP,1,1\n", { file: "obs.csv", sources: SOURCES });
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual([
      "the header must be `time,source,price,volume` followed by any of instrument, part, side, trade_id, counterparty, type, flags, reversed_at, not `time,source,price`",
    ]);
    const f = parseFixings("Time,Index,Value\n2026-03-27T16:00:00Z,A,1\n", { file: "f.csv" });
    expect(!f.ok && f.errors.map((e) => [e.line, e.message])).toEqual([
      [1, "the header must be `time,index,value` or `time,index,value,status`, not `Time,Index,Value`"],
    ]);
  });

  it("NDJSON numbers for prices are refused (decimal strings only)", () => {
    const r = parseObservations('{"time":"2026-03-27T15:00:00Z","source":"BITSTAMP","price":1.1,"volume":"1"}', {
      file: "o.ndjson",
      sources: SOURCES,
    });
    expect(!r.ok && r.errors[0]).toMatchObject({ kind: "invalid-number", field: "price", line: 1 });
  });
});

describe("parseFixings", () => {
  it("parses values exactly, with status", () => {
    const r = parseFixings("time,index,value,status\n2026-03-27T16:00:00Z,AITOK_OUT,10.1250,final\n2026-03-28T16:00:00Z,SPREAD,-0.5\n", {
      file: "f.csv",
    });
    expect(r.ok && r.value.map((f) => [f.index, f.value.toString(), f.status])).toEqual([
      ["AITOK_OUT", "10.125", "final"],
      ["SPREAD", "-0.5", null],
    ]);
  });
  it("reports duplicates, unsorted rows and unknown indices", () => {
    const r = parseFixings("2026-03-27T16:00:00Z,A,1\n2026-03-27T16:00:00Z,A,2\n2026-03-26T16:00:00Z,A,1\n2026-03-28T16:00:00Z,B,1", {
      file: "f.csv",
      indices: ["A"],
    });
    expect(!r.ok && r.errors.map((e) => [e.kind, e.line])).toEqual([
      ["duplicate", 2],
      ["unsorted", 3],
      ["unknown-source", 4],
    ]);
  });
});

describe("parseInstantMicros", () => {
  it("applies the offset exactly", () => {
    expect(parseInstantMicros("2026-03-27T15:00:00.000001-05:30")).toBe(Date.UTC(2026, 2, 27, 20, 30, 0) * 1000 + 1);
    expect(typeof parseInstantMicros("2026-03-27T15:00:00.0000001Z")).toBe("string");
  });

  it("reads times in the previous time's minute (the fast path) exactly as a full parse would", () => {
    const time = fc.record({
      minute: fc.constantFrom("2026-03-27T15:00", "2026-03-27T15:01", "2024-02-29T23:59"),
      second: fc.integer({ min: 0, max: 99 }),
      fraction: fc.stringMatching(/^[0-9]{0,10}$/),
      dot: fc.boolean(),
      zone: fc.constantFrom("Z", "+01:00", "-05:30", "+00:00", "z", "+1:00"),
    });
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 20 }), (times) => {
        for (const t of times) {
          const text = `${t.minute}:${String(t.second).padStart(2, "0")}${t.dot ? "." + t.fraction : ""}${t.zone}`;
          const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(t.minute)!;
          const offset = /^[+-]\d{2}:\d{2}$/.test(t.zone)
            ? (t.zone[0] === "-" ? -1 : 1) * (Number(t.zone.slice(1, 3)) * 60 + Number(t.zone.slice(4)))
            : 0;
          const valid =
            t.second <= 59 &&
            (!t.dot || (t.fraction.length >= 1 && t.fraction.length <= 9 && /^0*$/.test(t.fraction.slice(6)))) &&
            (t.zone === "Z" || /^[+-]\d{2}:\d{2}$/.test(t.zone));
          const micros = t.dot ? Number((t.fraction + "000000").slice(0, 6)) : 0;
          const expected = (Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, t.second) - offset * 60_000) * 1000 + micros;
          const got = parseInstantMicros(text);
          if (valid) expect(got).toBe(expected);
          else expect(typeof got).toBe("string");
        }
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });
});

describe("RFC 4180 quoted fields (a line with a double quote takes the quoting path; any other line keeps the fast path)", () => {
  it("reads the issue's fixing row, every field quoted, and a quoted header", () => {
    const r = parseFixings('"time","index","value"\n"2026-03-27T16:00:00Z","AITOK_OUT","10.1"\n', { file: "f.csv" });
    expect(r.ok && r.value.map((f) => [f.time, f.index, f.value.toString(), f.status])).toEqual([
      [Date.UTC(2026, 2, 27, 16) * 1000, "AITOK_OUT", "10.1", null],
    ]);
  });

  it("reads doubled quotes and a comma inside a quoted field, mixed with unquoted fields and lines", () => {
    const text =
      'time,source,price,volume,instrument\n2026-03-27T15:00:00Z,BITSTAMP,"87000.5",0.25,"BTC/USD, spot"\n' +
      '"2026-03-27T15:00:01Z",COINBASE,87000.125,1,"the ""main"" book"\n2026-03-27T15:00:02Z,COINBASE,1,1,""\n';
    const r = parseObservations(text, { file: "obs.csv", sources: SOURCES });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(namesOf(r.value.instrument)).toEqual(["BTC/USD, spot", 'the "main" book', null]);
    expect([...r.value.price]).toEqual([87000500, 87000125, 1000]);
    expect([...r.value.line]).toEqual([2, 3, 4]);
  });

  const bad: [string, string, string, number, string | null][] = [
    ["unterminated quote", '2026-03-27T15:00:00Z,BITSTAMP,"87000.5,1', "invalid-quote", 1, "price"],
    ["quote in the middle of an unquoted field", '2026-03-27T15:00:00Z,BIT"STAMP,1,1', "invalid-quote", 1, "source"],
    ["text after the closing quote", '"2026-03-27T15:00:00Z"Z,BITSTAMP,1,1', "invalid-quote", 1, "time"],
    ["a quoted seventh field", '2026-03-27T15:00:00Z,BITSTAMP,1,1,A,input,"x"', "malformed-row", 1, null],
    ["seven fields, one quoted", '2026-03-27T15:00:00Z,BITSTAMP,1,1,A,input,"x"y', "invalid-quote", 1, null],
    ["three fields, one quoted", '2026-03-27T15:00:00Z,"BITSTAMP,1",1', "malformed-row", 1, null],
    ["a quoted price that is no number", '2026-03-27T15:00:00Z,BITSTAMP,"8,7",1', "invalid-number", 1, "price"],
  ];
  it.each(bad)("observations: %s", (_name, line, kind, lineNo, field) => {
    const r = parseObservations(`${line}\n`, { file: "obs.csv", sources: SOURCES });
    expect(!r.ok && r.errors[0]).toMatchObject({ kind, line: lineNo, field, file: "obs.csv" });
  });

  it("fixings: an unterminated quote and a stray quote name their line and field", () => {
    const r = parseFixings('time,index,value\n2026-03-27T16:00:00Z,"AITOK_OUT,10.1\n2026-03-28T16:00:00Z,AITOK_OUT,10"1\n', {
      file: "f.csv",
    });
    expect(!r.ok && r.errors.map((e) => [e.kind, e.line, e.field])).toEqual([
      ["invalid-quote", 2, "index"],
      ["invalid-quote", 3, "value"],
    ]);
  });

  it("quoting any fields of a row, as a spreadsheet may, reads the same as the unquoted row", () => {
    const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const field = fc.constantFrom(
      "2026-03-27T15:00:00Z",
      "BITSTAMP",
      "COINBASE",
      "KRAKEN",
      "87000.5",
      "0.25",
      "1",
      "-3",
      "x",
      "",
      "BTC/USD",
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(field, fc.boolean()), { minLength: 2, maxLength: 7 }), (row) => {
        const plainLine = row.map(([f]) => f).join(",");
        const quotedLine = row.map(([f, q]) => (q ? quote(f) : f)).join(",");
        const a = parseObservations(`${plainLine}\n`, { file: "o.csv", sources: SOURCES });
        const b = parseObservations(`${quotedLine}\n`, { file: "o.csv", sources: SOURCES });
        expect(JSON.stringify(b)).toEqual(JSON.stringify(a));
        const fa = parseFixings(`${plainLine}\n`, { file: "f.csv" });
        const fb = parseFixings(`${quotedLine}\n`, { file: "f.csv" });
        expect(JSON.stringify(fb, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).toEqual(
          JSON.stringify(fa, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
        );
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it("splitQuotedCsv gives back any fields written with RFC 4180 quoting", () => {
    const text = fc.string({ unit: fc.constantFrom("a", ",", '"', " ", "é", "1"), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.boolean()), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = fields.map(([f, q]) => (q || /[",]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(",");
        expect(splitQuotedCsv(line)).toEqual({ ok: true, fields: fields.map(([f]) => f) });
      }),
      { seed: 20261207, numRuns: 500 },
    );
  });
});
