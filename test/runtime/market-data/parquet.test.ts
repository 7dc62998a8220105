/**
 * Observations from Parquet (`parquet.ts`, issue 20): files written here with hyparquet-writer, one per physical
 * encoding a trade archive uses (DECIMAL as INT32, INT64, FIXED_LEN_BYTE_ARRAY and BYTE_ARRAY; integers; decimal
 * and ISO 8601 text; TIMESTAMP in MILLIS, MICROS and NANOS; several row groups, nulls, dictionaries), read into
 * exactly the columns the equivalent CSV gives, and BTC_REF computed on them gives the CSV's hand-computed value;
 * and the refusals, each a typed error naming the file, the row and row group (or the file) and the column.
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { parseObservations, formatMarketDataError } from "../../../src/runtime/market-data/index.js";
import { readParquetObservations, type RandomAccess } from "../../../src/runtime/market-data/parquet.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import type { Index as ModelIndex } from "../../../src/model/indices.js";
import type { Index } from "../../../src/runtime/spec.js";
import { compileFiles } from "../../model/compile-helpers.js";

/** A schema element as hyparquet-writer takes it. */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]["schema"]>[number];

function btcRef(): Index {
  const r = compileFiles(["specs/indices/btc-ref.terms"]);
  const file = r.files.find((f) => f.path === "indices/BTC_REF.json")!;
  return (JSON.parse(file.text) as { indices: Record<string, ModelIndex> }).indices.BTC_REF!;
}

/**
 * The rows of test/runtime/engine/index-computation.test.ts's hand-computed BTC_REF case (value 101.33: partitions 101,
 * the exact half between 100 and 102, 103 and 100.001; ITBIT excluded for deviation), each source's first instrument.
 */
const CSV_ROWS = [
  "2026-03-27T14:59:59.999999Z,BITSTAMP,500,1,BTC/USD",
  "2026-03-27T15:00:00Z,BITSTAMP,100,1,BTC/USD",
  "2026-03-27T15:01:00Z,ITBIT,150,1,XBTUSD",
  "2026-03-27T15:04:59Z,COINBASE,102,1,BTC-USD",
  "2026-03-27T15:05:00Z,KRAKEN,103,3,XBT/USD",
  "2026-03-27T15:06:00Z,GEMINI,99,1,BTCUSD",
  "2026-03-27T15:10:00Z,GEMINI,100.001,0.5,BTCUSD",
  "2026-03-27T16:00:00Z,KRAKEN,900,1,XBT/USD",
];
const fields = CSV_ROWS.map((r) => r.split(","));

/** The unscaled integer of decimal text at `scale` places, by string work alone. */
function unscaled(text: string, scale: number): bigint {
  const [whole, frac = ""] = text.split(".");
  return BigInt(whole! + frac.padEnd(scale, "0"));
}

/** Epoch microseconds of the rows' times, from Date.UTC and the fraction's digits (not from the reader). */
function micros(text: string): bigint {
  const m = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)(?:\.(\d+))?Z$/.exec(text)!;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return BigInt(ms) * 1000n + BigInt((m[7] ?? "").padEnd(6, "0"));
}

type Column = { name: string; data: unknown[]; element: Omit<SchemaElement, "name"> };

function parquet(columns: Column[], rowGroupSize?: number): RandomAccess {
  const buffer = parquetWriteBuffer({
    columnData: columns.map((c) => ({ name: c.name, data: c.data })),
    schema: [{ name: "root", num_children: columns.length }, ...columns.map((c) => ({ name: c.name, ...c.element }) as SchemaElement)],
    ...(rowGroupSize !== undefined ? { rowGroupSize } : {}),
  });
  const bytes = new Uint8Array(buffer);
  return {
    size: bytes.length,
    readAt(into, position) {
      const piece = bytes.subarray(position, position + into.length);
      into.set(piece);
      return piece.length;
    },
  };
}

const utc = (unit: "MILLIS" | "MICROS" | "NANOS"): Omit<SchemaElement, "name"> => ({
  type: "INT64",
  repetition_type: "REQUIRED",
  logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit },
});
const text = (optional = false): Omit<SchemaElement, "name"> => ({
  type: "BYTE_ARRAY",
  repetition_type: optional ? "OPTIONAL" : "REQUIRED",
  converted_type: "UTF8",
});
const decimal = (type: "INT32" | "INT64", scale: number): Omit<SchemaElement, "name"> => ({
  type,
  repetition_type: "OPTIONAL",
  converted_type: "DECIMAL",
  precision: type === "INT32" ? 9 : 18,
  scale,
});

const names = (): Column[] => [
  { name: "source", data: fields.map((f) => f[1]), element: text() },
  { name: "instrument", data: fields.map((f) => f[4]), element: text(true) },
];
const timeMicros: Column = { name: "time", data: fields.map((f) => micros(f[0]!)), element: utc("MICROS") };
const priceInt64: Column = { name: "price", data: fields.map((f) => unscaled(f[2]!, 3)), element: decimal("INT64", 3) };
const volumeInt32: Column = { name: "volume", data: fields.map((f) => unscaled(f[3]!, 1)), element: decimal("INT32", 1) };

function plain(r: ReturnType<typeof parseObservations>) {
  if (!r.ok) return r.errors.map(formatMarketDataError);
  const o = r.value;
  return { ...o, time: [...o.time], source: [...o.source], price: [...o.price], volume: [...o.volume], line: [...o.line] };
}

const csv = parseObservations(CSV_ROWS.join("\n"), { file: "t" });

function read(columns: Column[], rowGroupSize?: number, sources?: readonly string[]) {
  return readParquetObservations(parquet(columns, rowGroupSize), { file: "t", ...(sources ? { sources } : {}) });
}

describe("readParquetObservations: the same columns as the equivalent CSV", () => {
  const variants: [string, Column[], number?][] = [
    ["DECIMAL as INT64 and INT32, TIMESTAMP MICROS", [timeMicros, ...names(), priceInt64, volumeInt32]],
    ["in three row groups, columns in another order", [volumeInt32, priceInt64, ...names(), timeMicros], 3],
    [
      "DECIMAL as FIXED_LEN_BYTE_ARRAY (scale 6) and BYTE_ARRAY, TIMESTAMP NANOS",
      [
        { name: "time", data: fields.map((f) => micros(f[0]!) * 1000n), element: utc("NANOS") },
        ...names(),
        {
          name: "price",
          data: fields.map((f) => unscaled(f[2]!, 6)),
          element: {
            type: "FIXED_LEN_BYTE_ARRAY",
            type_length: 8,
            repetition_type: "REQUIRED",
            converted_type: "DECIMAL",
            precision: 18,
            scale: 6,
          },
        },
        {
          name: "volume",
          data: fields.map((f) => unscaled(f[3]!, 2)),
          element: { type: "BYTE_ARRAY", repetition_type: "REQUIRED", converted_type: "DECIMAL", precision: 10, scale: 2 },
        },
      ],
    ],
    [
      "decimal and ISO 8601 text",
      [
        { name: "time", data: fields.map((f) => f[0]), element: text() },
        ...names(),
        { name: "price", data: fields.map((f) => f[2]), element: text() },
        { name: "volume", data: fields.map((f) => f[3]), element: text() },
      ],
    ],
  ];
  for (const [what, columns, groups] of variants) {
    it(what, () => {
      const r = read(columns, groups);
      expect(plain(r)).toEqual(plain(csv));
    });
  }

  it("an integer volume column and a TIMESTAMP_MILLIS (legacy annotation, UTC) time", () => {
    const whole = CSV_ROWS.map((r) => r.replace(/,0\.5,/, ",5,"));
    const r = read([
      {
        name: "time",
        data: fields.map((f) => micros(f[0]!) / 1000n),
        element: { type: "INT64", repetition_type: "REQUIRED", converted_type: "TIMESTAMP_MILLIS" },
      },
      ...names(),
      priceInt64,
      { name: "volume", data: whole.map((row) => BigInt(row.split(",")[3]!)), element: { type: "INT64", repetition_type: "REQUIRED" } },
    ]);
    // The first row's time loses its microseconds in MILLIS: 14:59:59.999Z.
    const expected = parseObservations(whole.join("\n").replace("59.999999Z", "59.999Z"), { file: "t" });
    expect(plain(r)).toEqual(plain(expected));
  });

  it("BTC_REF on the Parquet file gives the CSV's hand-computed 101.33", () => {
    const index = btcRef();
    const r = read([timeMicros, ...names(), priceInt64, volumeInt32], 3);
    expect(r.ok).toBe(true);
    if (!r.ok || !csv.ok) return;
    const fromParquet = computeIndex(index, r.value, { date: "2026-03-27" });
    const fromCsv = computeIndex(index, csv.value, { date: "2026-03-27" });
    expect(fromParquet.ok && fromParquet.value.toString()).toBe("101.33");
    expect(fromCsv.ok && fromCsv.value.toString()).toBe("101.33");
  });
});

describe("readParquetObservations: refusals name the file, row and row group, and column", () => {
  const errors = (columns: Column[], rowGroupSize?: number, sources?: readonly string[]): string[] => {
    const r = read(columns, rowGroupSize, sources);
    return r.ok ? [] : r.errors.map(formatMarketDataError);
  };

  it("refuses a DOUBLE price, naming file and column, rather than read a float", () => {
    const price: Column = {
      name: "price",
      data: fields.map((f) => Number(f[2])),
      element: { type: "DOUBLE", repetition_type: "REQUIRED" },
    };
    expect(errors([timeMicros, ...names(), price, volumeInt32])).toEqual([
      "t: price: price is a DOUBLE column: binary floating point does not hold decimal prices and volumes exactly (0.1 is 0.1000000000000000055…), so it is refused; write it as a DECIMAL or as decimal text",
    ]);
  });

  it("refuses a TIMESTAMP not adjusted to UTC", () => {
    const time: Column = {
      ...timeMicros,
      element: { ...utc("MICROS"), logical_type: { type: "TIMESTAMP", isAdjustedToUTC: false, unit: "MICROS" } },
    };
    expect(errors([time, ...names(), priceInt64, volumeInt32])[0]).toMatch(/^t: time: time is a TIMESTAMP not adjusted to UTC/);
  });

  it("refuses the trade record's columns a spec's rules read, which are read from CSV or NDJSON only (issue 15)", () => {
    const r = readParquetObservations(parquet([timeMicros, ...names(), priceInt64, volumeInt32]), { file: "t", fields: ["flags"] });
    expect(r.ok ? [] : r.errors.map(formatMarketDataError)).toEqual([
      "t: flags: the index's trade qualification reads the column flags, which is not read from a Parquet file (the trade record's columns are read from CSV or NDJSON)",
    ]);
    expect(read([timeMicros, ...names(), priceInt64, volumeInt32]).ok).toBe(true);
  });

  it("names a missing column", () => {
    expect(errors([timeMicros, ...names(), priceInt64])).toEqual([
      "t: volume: the file has no column volume; its columns are time, source, instrument, price",
    ]);
  });

  it("names the row and row group of bad values: negative, null, too precise, finer than a microsecond", () => {
    const price = { ...priceInt64, data: priceInt64.data.map((v, i) => (i === 4 ? -5n : i === 6 ? null : v)) };
    const volume = { ...volumeInt32, data: volumeInt32.data.map((v, i) => (i === 7 ? 0n : v)) };
    expect(errors([timeMicros, ...names(), price, volume], 3)).toEqual([
      "t: row 5 (row group 2): price: negative price -0.005",
      "t: row 7 (row group 3): price: missing price",
    ]);
    const nanos: Column = { name: "time", data: fields.map((f, i) => micros(f[0]!) * 1000n + (i === 1 ? 1n : 0n)), element: utc("NANOS") };
    expect(errors([nanos, ...names(), priceInt64, volumeInt32], 3)).toEqual([
      "t: row 2 (row group 1): time: fractions of a second finer than a microsecond are not supported: 1774623600000000001 ns",
    ]);
    const places: Column = { name: "volume", data: fields.map(() => 1n), element: { ...decimal("INT64", 19), precision: 19 } };
    expect(errors([timeMicros, ...names(), priceInt64, places], 4)[0]).toBe(
      "t: row 1 (row group 1): volume: 0.0000000000000000001 has 19 decimal places; at most 18 are accepted",
    );
  });

  it("checks sources, time order and duplicates as for CSV", () => {
    expect(
      errors([timeMicros, ...names(), priceInt64, volumeInt32], 3, ["BITSTAMP", "COINBASE", "GEMINI", "KRAKEN", "LMAX_DIGITAL"]),
    ).toEqual([
      't: row 3 (row group 1): source: unknown source "ITBIT"; the index\'s sources are BITSTAMP, COINBASE, GEMINI, KRAKEN, LMAX_DIGITAL',
    ]);
    const time = { ...timeMicros, data: timeMicros.data.map((v, i) => (i === 5 ? (timeMicros.data[0] as bigint) : v)) };
    expect(errors([time, ...names(), priceInt64, volumeInt32], 3)).toEqual([
      't: row 6 (row group 2): time: "2026-03-27T14:59:59.999999Z" is earlier than the previous row\'s time; rows must be in time order',
    ]);
    const twice = (c: Column): Column => ({ ...c, data: [c.data[0], ...c.data] });
    expect(errors([twice(timeMicros), ...names().map(twice), twice(priceInt64), twice(volumeInt32)])).toEqual([
      "t: row 2 (row group 1): duplicate row: same time, source, price, volume, instrument and part as an earlier row",
    ]);
  });

  it("refuses a file that is not Parquet, or is cut short, as invalid-parquet", () => {
    const csvBytes = new TextEncoder().encode(CSV_ROWS.join("\n"));
    const file = (bytes: Uint8Array): RandomAccess => ({
      size: bytes.length,
      readAt: (into, at) => {
        const piece = bytes.subarray(at, at + into.length);
        into.set(piece);
        return piece.length;
      },
    });
    const r = readParquetObservations(file(csvBytes), { file: "t.parquet" });
    expect(r.ok ? [] : r.errors.map((e) => [e.kind, formatMarketDataError(e)])).toEqual([
      ["invalid-parquet", "t.parquet: not a Parquet file: it does not end with PAR1"],
    ]);
    const good = parquet([timeMicros, ...names(), priceInt64, volumeInt32]);
    const all = new Uint8Array(good.size);
    good.readAt(all, 0);
    // The footer kept, the data pages cut out: the chunks point outside what is left.
    const cut = new Uint8Array([...all.subarray(0, 4), ...all.subarray(all.length - 600)]);
    const c = readParquetObservations(file(cut), { file: "t.parquet" });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.errors[0]!.kind).toBe("invalid-parquet");
  });
});
