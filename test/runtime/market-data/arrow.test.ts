/**
 * Observations from Arrow IPC (`arrow.ts`, issue 20): files and streams written here with apache-arrow, one per type a
 * trade archive uses (Decimal128 and Decimal256; integers; decimal and ISO 8601 text; Timestamp in seconds,
 * milliseconds, microseconds and nanoseconds with the time zone UTC; several record batches, nulls, dictionary-encoded
 * names), read into exactly the columns the equivalent CSV gives, and BTC_REF computed on them gives the CSV's
 * hand-computed value; and the refusals, each a typed error naming the file, the row and record batch (or the file)
 * and the column, with the messages of the Parquet reader.
 */
import {
  type Data,
  type DataType,
  Decimal,
  Dictionary,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Table,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from "apache-arrow";
import { describe, expect, it } from "vitest";
import { parseObservations, formatMarketDataError } from "../../../src/runtime/market-data/index.js";
import { readArrowObservations } from "../../../src/runtime/market-data/arrow.js";
import type { RandomAccess } from "../../../src/runtime/market-data/parquet.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import type { Index as ModelIndex } from "../../../src/model/indices.js";
import type { Index } from "../../../src/runtime/spec.js";
import { compileFiles } from "../../model/compile-helpers.js";

function btcRef(): Index {
  const r = compileFiles(["specs/indices/btc-ref.terms"]);
  const file = r.files.find((f) => f.path === "indices/BTC_REF.json")!;
  return (JSON.parse(file.text) as { indices: Record<string, ModelIndex> }).indices.BTC_REF!;
}

/** The rows of parquet.test.ts (test/runtime/engine/index-computation.test.ts's hand-computed BTC_REF case, 101.33). */
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

/** A column of the test files: its name and its values as an Arrow vector of a given type. */
type Column = { name: string; make: (rows: readonly number[]) => Vector };

/** A Decimal column of `bits` (128 or 256) from unscaled integers (null for a null): little-endian two's complement words. */
function decimalColumn(name: string, values: readonly (bigint | null)[], scale: number, bits = 128): Column {
  return {
    name,
    make: (rows) => {
      const stride = bits / 32;
      const words = new Uint32Array(rows.length * stride);
      const valid = new Uint8Array(Math.ceil(rows.length / 8));
      rows.forEach((r, i) => {
        const v = values[r];
        if (v === null || v === undefined) return;
        valid[i >> 3]! |= 1 << (i & 7);
        let x = BigInt.asUintN(bits, v);
        for (let k = 0; k < stride; k++, x >>= 32n) words[i * stride + k] = Number(x & 0xffffffffn);
      });
      const nulls = rows.filter((r) => values[r] === null).length;
      return makeVector(
        makeData({
          type: new Decimal(scale, bits === 128 ? 38 : 76, bits),
          length: rows.length,
          nullCount: nulls,
          nullBitmap: valid,
          data: words,
        }),
      );
    },
  };
}

function timeColumn(type: DataType, values: readonly bigint[]): Column {
  return {
    name: "time",
    make: (rows) => makeVector(makeData({ type, length: rows.length, data: BigInt64Array.from(rows.map((r) => values[r]!)) } as never)),
  };
}

function textColumn(name: string, values: readonly (string | null)[], type: DataType = new Utf8()): Column {
  return {
    name,
    make: (rows) =>
      vectorFromArray(
        rows.map((r) => values[r] ?? null),
        type,
      ),
  };
}

/**
 * An Arrow IPC file (or stream) of the columns, `batchSize` rows per record batch (slices of one table, so a
 * dictionary-encoded column keeps one dictionary, as the file format requires).
 */
function arrow(columns: readonly Column[], batchSize = CSV_ROWS.length, format: "file" | "stream" = "file"): RandomAccess {
  const rows = [...CSV_ROWS.keys()];
  const table = new Table(Object.fromEntries(columns.map((c) => [c.name, c.make(rows)])) as Record<string, Vector>);
  const batches: RecordBatch[] = [];
  for (let start = 0; start < rows.length; start += batchSize) batches.push(...table.slice(start, start + batchSize).batches);
  return bytesFile(tableToIPC(new Table(batches), format));
}

function bytesFile(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.length,
    readAt(into, position) {
      const piece = bytes.subarray(position, position + into.length);
      into.set(piece);
      return piece.length;
    },
  };
}

const names = (): Column[] => [
  textColumn(
    "source",
    fields.map((f) => f[1]!),
  ),
  textColumn(
    "instrument",
    fields.map((f) => f[4]!),
  ),
];
const timeMicros = timeColumn(
  new TimestampMicrosecond("UTC"),
  fields.map((f) => micros(f[0]!)),
);
const price128 = decimalColumn(
  "price",
  fields.map((f) => unscaled(f[2]!, 3)),
  3,
);
const volume128 = decimalColumn(
  "volume",
  fields.map((f) => unscaled(f[3]!, 1)),
  1,
);

function plain(r: ReturnType<typeof parseObservations>) {
  if (!r.ok) return r.errors.map(formatMarketDataError);
  const o = r.value;
  return { ...o, time: [...o.time], source: [...o.source], price: [...o.price], volume: [...o.volume], line: [...o.line] };
}

const csv = parseObservations(CSV_ROWS.join("\n"), { file: "t" });

function read(columns: Column[], batchSize?: number, sources?: readonly string[], format: "file" | "stream" = "file") {
  return readArrowObservations(arrow(columns, batchSize, format), { file: "t", ...(sources ? { sources } : {}) });
}

describe("readArrowObservations: the same columns as the equivalent CSV", () => {
  const variants: [string, Column[], number?, ("file" | "stream")?][] = [
    ["Decimal128 price and volume, Timestamp microseconds UTC (file)", [timeMicros, ...names(), price128, volume128]],
    ["the same as a stream", [timeMicros, ...names(), price128, volume128], undefined, "stream"],
    ["in three record batches, columns in another order (file)", [volume128, price128, ...names(), timeMicros], 3],
    ["in three record batches (stream)", [volume128, price128, ...names(), timeMicros], 3, "stream"],
    [
      "Decimal256 (scale 6), Timestamp nanoseconds with time zone Etc/UTC, dictionary-encoded names",
      [
        timeColumn(
          new TimestampNanosecond("Etc/UTC"),
          fields.map((f) => micros(f[0]!) * 1000n),
        ),
        textColumn(
          "source",
          fields.map((f) => f[1]!),
          new Dictionary(new Utf8(), new Int32()),
        ),
        textColumn(
          "instrument",
          fields.map((f) => f[4]!),
          new Dictionary(new Utf8(), new Int32()),
        ),
        decimalColumn(
          "price",
          fields.map((f) => unscaled(f[2]!, 6)),
          6,
          256,
        ),
        decimalColumn(
          "volume",
          fields.map((f) => unscaled(f[3]!, 2)),
          2,
          256,
        ),
      ],
      3,
    ],
    [
      "decimal and ISO 8601 text",
      [
        textColumn(
          "time",
          fields.map((f) => f[0]!),
        ),
        ...names(),
        textColumn(
          "price",
          fields.map((f) => f[2]!),
        ),
        textColumn(
          "volume",
          fields.map((f) => f[3]!),
        ),
      ],
    ],
  ];
  for (const [what, columns, batches, format] of variants) {
    it(what, () => {
      expect(plain(read(columns, batches, undefined, format))).toEqual(plain(csv));
    });
  }

  it("Int64 and Int32 volume columns, Timestamp milliseconds and seconds", () => {
    const whole = CSV_ROWS.map((r) => r.replace(/,0\.5,/, ",5,").replace(/59\.999999Z/, "59Z"));
    const w = whole.map((r) => r.split(","));
    const volumes = w.map((f) => BigInt(f[3]!));
    const int64: Column = {
      name: "volume",
      make: (rows) =>
        vectorFromArray(
          rows.map((r) => volumes[r]!),
          new Int64(),
        ),
    };
    const int32: Column = {
      name: "volume",
      make: (rows) =>
        vectorFromArray(
          rows.map((r) => Number(volumes[r]!)),
          new Int32(),
        ),
    };
    const expected = plain(parseObservations(whole.join("\n"), { file: "t" }));
    const ms = timeColumn(
      new TimestampMillisecond("UTC"),
      w.map((f) => micros(f[0]!) / 1000n),
    );
    const s = timeColumn(
      new TimestampSecond("+00:00"),
      w.map((f) => micros(f[0]!) / 1000000n),
    );
    expect(plain(read([ms, ...names(), price128, int64]))).toEqual(expected);
    expect(plain(read([s, ...names(), price128, int32], 5))).toEqual(expected);
  });

  it("BTC_REF on the Arrow file gives the CSV's hand-computed 101.33", () => {
    const r = read([timeMicros, ...names(), price128, volume128], 3);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = computeIndex(btcRef(), r.value, { date: "2026-03-27" });
    expect(v.ok && v.value.toString()).toBe("101.33");
  });
});

describe("readArrowObservations: refusals name the file, row and record batch, and column", () => {
  const errors = (columns: Column[], batchSize?: number, sources?: readonly string[]): string[] => {
    const r = read(columns, batchSize, sources);
    return r.ok ? [] : r.errors.map(formatMarketDataError);
  };

  it("refuses a Float64 price, naming file and column, rather than read a float", () => {
    const price: Column = {
      name: "price",
      make: (rows) =>
        vectorFromArray(
          rows.map((r) => Number(fields[r]![2])),
          new Float64(),
        ),
    };
    expect(errors([timeMicros, ...names(), price, volume128])).toEqual([
      "t: price: price is a Float64 column: binary floating point does not hold decimal prices and volumes exactly (0.1 is 0.1000000000000000055…), so it is refused; write it as a Decimal or as decimal text",
    ]);
  });

  it("refuses a Timestamp without a time zone, or with a zone other than UTC", () => {
    const local = timeColumn(
      new TimestampMicrosecond(),
      fields.map((f) => micros(f[0]!)),
    );
    expect(errors([local, ...names(), price128, volume128])[0]).toMatch(/^t: time: time is a Timestamp without a time zone/);
    const london = timeColumn(
      new TimestampMicrosecond("Europe/London"),
      fields.map((f) => micros(f[0]!)),
    );
    expect(errors([london, ...names(), price128, volume128])[0]).toMatch(
      /^t: time: time is a Timestamp with the time zone "Europe\/London"; only UTC is read/,
    );
  });

  it("refuses the trade record's columns a spec's rules read, which are read from CSV or NDJSON only", () => {
    const r = readArrowObservations(arrow([timeMicros, ...names(), price128, volume128]), { file: "t", fields: ["flags"] });
    expect(r.ok ? [] : r.errors.map(formatMarketDataError)).toEqual([
      "t: flags: the index's trade qualification reads the column flags, which is not read from an Arrow file (the trade record's columns are read from CSV or NDJSON)",
    ]);
  });

  it("names a missing column", () => {
    expect(errors([timeMicros, ...names(), price128])).toEqual([
      "t: volume: the file has no column volume; its columns are time, source, instrument, price",
    ]);
  });

  it("names the row and record batch of bad values: negative, null, too precise, finer than a microsecond", () => {
    const prices = fields.map((f, i) => (i === 4 ? -5n : i === 6 ? null : unscaled(f[2]!, 3)));
    expect(errors([timeMicros, ...names(), decimalColumn("price", prices, 3), volume128], 3)).toEqual([
      "t: row 5 (record batch 2): price: negative price -0.005",
      "t: row 7 (record batch 3): price: missing price",
    ]);
    const nanos = timeColumn(
      new TimestampNanosecond("UTC"),
      fields.map((f, i) => micros(f[0]!) * 1000n + (i === 1 ? 1n : 0n)),
    );
    expect(errors([nanos, ...names(), price128, volume128], 3)).toEqual([
      "t: row 2 (record batch 1): time: fractions of a second finer than a microsecond are not supported: 1774623600000000001 ns",
    ]);
    const places = decimalColumn(
      "volume",
      fields.map(() => 1n),
      19,
    );
    expect(errors([timeMicros, ...names(), price128, places], 4)[0]).toBe(
      "t: row 1 (record batch 1): volume: 0.0000000000000000001 has 19 decimal places; at most 18 are accepted",
    );
    const huge = decimalColumn(
      "price",
      fields.map(() => 2n ** 70n),
      0,
    );
    expect(errors([timeMicros, ...names(), huge, volume128], 4)[0]).toBe(
      "t: row 1 (record batch 1): price: 1180591620717411303424 cannot be held exactly: its coefficient exceeds 2^53 − 1 (about 16 significant digits)",
    );
  });

  it("checks sources, time order and duplicates as for CSV", () => {
    expect(errors([timeMicros, ...names(), price128, volume128], 3, ["BITSTAMP", "COINBASE", "GEMINI", "KRAKEN", "LMAX_DIGITAL"])).toEqual([
      't: row 3 (record batch 1): source: unknown source "ITBIT"; the index\'s sources are BITSTAMP, COINBASE, GEMINI, KRAKEN, LMAX_DIGITAL',
    ]);
    const times = fields.map((f, i) => micros(fields[i === 5 ? 0 : i]![0]!));
    expect(errors([timeColumn(new TimestampMicrosecond("UTC"), times), ...names(), price128, volume128], 3)).toEqual([
      't: row 6 (record batch 2): time: "2026-03-27T14:59:59.999999Z" is earlier than the previous row\'s time; rows must be in time order',
    ]);
  });

  it("refuses a file that is not Arrow, or is cut short, as invalid-arrow", () => {
    const kinds = (file: RandomAccess) => {
      const r = readArrowObservations(file, { file: "t.arrow" });
      return r.ok ? [] : r.errors.map((e) => [e.kind, formatMarketDataError(e)]);
    };
    expect(kinds(bytesFile(new TextEncoder().encode(CSV_ROWS.join("\n"))))[0]![0]).toBe("invalid-arrow");
    const good = arrow([timeMicros, ...names(), price128, volume128], 3);
    const all = new Uint8Array(good.size);
    good.readAt(all, 0);
    expect(kinds(bytesFile(all.subarray(0, all.length - 3)))).toEqual([
      ["invalid-arrow", "t.arrow: not an Arrow file: it starts with ARROW1 but does not end with it"],
    ]);
    // The footer kept, the start of the record batches overwritten: a batch that cannot be framed or decoded is an
    // invalid-arrow error naming its record batch, never the end of the data (the footer says how many there are).
    for (const [from, to] of [
      [8, 40],
      [12, 16],
      [8, 16],
    ] as const) {
      const broken = all.slice();
      broken.fill(0xff, from, to);
      const b = kinds(bytesFile(broken));
      expect(
        b.some(([kind, text]) => kind === "invalid-arrow" && /^t\.arrow: row \d+ \(record batch \d\): /.test(text!)),
        JSON.stringify(b),
      ).toBe(true);
    }
    const stream = arrow([timeMicros, ...names(), price128, volume128], 3, "stream");
    const s = new Uint8Array(stream.size);
    stream.readAt(s, 0);
    const cut = kinds(bytesFile(s.subarray(0, s.length - 100)));
    expect(
      cut.some(([kind]) => kind === "invalid-arrow"),
      JSON.stringify(cut),
    ).toBe(true);
  });
});

// Unused-import guard for the type-only names above (Data is used in the reader's own types).
export type { Data };
