/**
 * Market-data files as the CLI reads them (src/cli/market-data-files.ts): an observations file streamed in 1 MiB
 * pieces gives exactly what the whole-text parse gives, across piece borders that cut a row and a multi-byte
 * character, with a byte-order mark dropped and progress reported in bytes; missing files and malformed rows become
 * error lines naming file, line and field, with a hint.
 */
import { describe, expect, it } from "vitest";
import { readFixingsFile, readObservationsFile } from "../../src/cli/market-data-files.js";
import { parseObservations } from "../../src/runtime/market-data/index.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { Table, TimestampMicrosecond, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from "apache-arrow";
import { nodeSystem } from "../../src/cli/system.js";
import { memorySystem } from "./helpers.js";

/** About 2.5 MB of rows whose instruments hold multi-byte characters, so 1 MiB borders fall inside them. */
function bigCsv(): string {
  const rows = ["time,source,price,volume,instrument"];
  for (let i = 0; i < 40_000; i++) {
    const s = i % 3600;
    const t = `2026-03-27T${String(10 + Math.floor(i / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}Z`;
    rows.push(
      `${t},${["A", "B", "C"][i % 3]},${1000 + (i % 977)}.${String(i % 100).padStart(2, "0")},${(i % 13) + 1}.125,Prix-€-${"é".repeat(i % 7)}-ünd-日本`,
    );
  }
  return rows.join("\n") + "\n";
}

function plain(o: { time: Float64Array; price: Float64Array; volume: Float64Array; source: Uint16Array; line: Uint32Array }) {
  return { ...o, time: [...o.time], price: [...o.price], volume: [...o.volume], source: [...o.source], line: [...o.line] };
}

describe("readObservationsFile", () => {
  it("streams a multi-piece file to the same columns as the whole-text parse, with progress in bytes", () => {
    const text = bigCsv();
    const sys = memorySystem({ "big.csv": "\ufeff" + text });
    const seen: [number, number][] = [];
    const r = readObservationsFile("big.csv", ["A", "B", "C"], sys, {
      update: (done, total) => seen.push([done, total]),
      stage: () => undefined,
      finish: () => undefined,
    });
    const whole = parseObservations(text, { file: "big.csv", sources: ["A", "B", "C"] });
    expect(r.ok && whole.ok).toBe(true);
    if (!r.ok || !whole.ok) return;
    expect(r.value.length).toBe(40_000);
    expect(plain(r.value)).toEqual(plain(whole.value));
    const bytes = new TextEncoder().encode("\ufeff" + text).length;
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual([bytes, bytes]);
    expect(seen.every(([, total]) => total === bytes)).toBe(true);
  });

  it("names the missing file, with a hint", () => {
    const r = readObservationsFile("nope.csv", undefined, memorySystem({}));
    expect(r).toEqual({
      ok: false,
      lines: ["error: cannot read `nope.csv`: no such file or folder", "hint: paths are relative to the current folder"],
    });
  });

  it("suggests a file beside a mistyped path", () => {
    const sys = memorySystem({ "data/observations.csv": "", "data/observations-old": "", "data/sub/x.csv": "" });
    expect(readObservationsFile("data/observation.csv", undefined, sys)).toEqual({
      ok: false,
      lines: ["error: cannot read `data/observation.csv`: no such file or folder", "hint: did you mean `data/observations.csv`?"],
    });
    // A folder is not a market-data file.
    expect(readFixingsFile("data/su", ["X"], sys)).toMatchObject({
      lines: ["error: cannot read `data/su`: no such file or folder", "hint: paths are relative to the current folder"],
    });
  });

  it("names file, line and field of each malformed row, with a hint", () => {
    const sys = memorySystem({
      "o.csv": "time,source,price,volume\n2026-03-27T15:00:00Z,A,1,1\n2026-03-27T15:00:01Z,A,-2,1\n2026-03-27T15:00:02Z,Z,1,1\n",
    });
    const r = readObservationsFile("o.csv", ["A"], sys);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.lines[0]).toMatch(/^error: o\.csv:3: price: /);
    expect(r.lines[1]).toMatch(/^error: o\.csv:4: source: /);
    expect(r.lines.at(-1)).toMatch(/^hint: /);
  });

  it("reads NDJSON by its extension", () => {
    const sys = memorySystem({ "o.ndjson": '{"time":"2026-03-27T15:00:00Z","source":"A","price":"1.5","volume":"2"}\n' });
    const r = readObservationsFile("o.ndjson", undefined, sys);
    expect(r.ok && [...r.value.price]).toEqual([15]);
  });
});

describe("readFixingsFile", () => {
  it("reads fixings and names a missing file or a bad row", () => {
    const sys = memorySystem({ "f.csv": "time,index,value\n2026-03-27T16:00:00Z,X,1.5\n", "bad.csv": "2026-03-27T16:00:00Z,X,abc\n" });
    const ok = readFixingsFile("f.csv", ["X"], sys);
    expect(ok.ok && ok.value.map((f) => f.value.toString())).toEqual(["1.5"]);
    expect(readFixingsFile("none.csv", ["X"], sys)).toMatchObject({
      ok: false,
      lines: ["error: cannot read `none.csv`: no such file or folder", "hint: paths are relative to the current folder"],
    });
    const bad = readFixingsFile("bad.csv", ["X"], sys);
    expect(!bad.ok && bad.lines[0]).toMatch(/^error: bad\.csv:1: value: /);
  });
});

describe("readObservationsFile: Parquet by the extension .parquet", () => {
  it("reads a .parquet file at its positions to the columns of the equivalent CSV; errors name row and row group", () => {
    const dir = mkdtempSync(join(tmpdir(), "termsheet-parquet-"));
    try {
      const write = (name: string, prices: bigint[]) => {
        const buffer = parquetWriteBuffer({
          columnData: [
            { name: "time", data: [1774623600000000n, 1774623601000000n, 1774623602000000n] },
            { name: "source", data: ["A", "B", "A"] },
            { name: "price", data: prices },
            { name: "volume", data: ["1", "0.25", "2"] },
          ],
          schema: [
            { name: "root", num_children: 4 },
            {
              name: "time",
              type: "INT64",
              repetition_type: "REQUIRED",
              logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" },
            },
            { name: "source", type: "BYTE_ARRAY", repetition_type: "REQUIRED", converted_type: "UTF8" },
            { name: "price", type: "INT64", repetition_type: "REQUIRED", converted_type: "DECIMAL", precision: 18, scale: 2 },
            { name: "volume", type: "BYTE_ARRAY", repetition_type: "REQUIRED", converted_type: "UTF8" },
          ],
          rowGroupSize: 2,
        });
        writeFileSync(join(dir, name), new Uint8Array(buffer));
        return join(dir, name);
      };
      const r = readObservationsFile(write("t.parquet", [10010n, 10000n, 9999n]), ["A", "B"], nodeSystem());
      const text = "2026-03-27T15:00:00Z,A,100.10,1\n2026-03-27T15:00:01Z,B,100.00,0.25\n2026-03-27T15:00:02Z,A,99.99,2\n";
      const whole = parseObservations(text, { file: "t", sources: ["A", "B"] });
      expect(r.ok && whole.ok).toBe(true);
      if (!r.ok || !whole.ok) return;
      expect(plain(r.value)).toEqual(plain(whole.value));
      const bad = write("bad.parquet", [10010n, 10000n, -1n]);
      expect(readObservationsFile(bad, ["A", "B"], nodeSystem())).toEqual({
        ok: false,
        lines: [`error: ${bad}: row 3 (row group 2): price: negative price -0.01`, expect.stringMatching(/^hint: each row is/)],
      });
      expect(readFixingsFile(bad, undefined, nodeSystem())).toMatchObject({
        ok: false,
        lines: [expect.stringContaining("is a Parquet file; fixings are read from CSV or NDJSON"), expect.stringMatching(/^hint: /)],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("readObservationsFile: Arrow IPC by the extensions .arrow, .arrows, .feather", () => {
  it("reads an Arrow file and stream one record batch at a time to the columns of the equivalent CSV; errors name row and record batch", () => {
    const dir = mkdtempSync(join(tmpdir(), "termsheet-arrow-"));
    try {
      const write = (name: string, prices: string[], format: "file" | "stream") => {
        const table = new Table({
          time: makeVector(
            makeData({
              type: new TimestampMicrosecond("UTC"),
              length: 3,
              data: BigInt64Array.of(1774623600000000n, 1774623601000000n, 1774623602000000n),
            }),
          ),
          source: vectorFromArray(["A", "B", "A"], new Utf8()),
          price: vectorFromArray(prices, new Utf8()),
          volume: vectorFromArray(["1", "0.25", "2"], new Utf8()),
        });
        writeFileSync(join(dir, name), tableToIPC(new Table([...table.slice(0, 2).batches, ...table.slice(2).batches]), format));
        return join(dir, name);
      };
      const text = "2026-03-27T15:00:00Z,A,100.10,1\n2026-03-27T15:00:01Z,B,100.00,0.25\n2026-03-27T15:00:02Z,A,99.99,2\n";
      const whole = parseObservations(text, { file: "t", sources: ["A", "B"] });
      for (const [name, format] of [
        ["t.arrow", "file"],
        ["t.arrows", "stream"],
        ["t.feather", "file"],
      ] as const) {
        const r = readObservationsFile(write(name, ["100.10", "100.00", "99.99"], format), ["A", "B"], nodeSystem());
        expect(r.ok && whole.ok).toBe(true);
        if (!r.ok || !whole.ok) return;
        expect(plain(r.value)).toEqual(plain(whole.value));
      }
      const bad = write("bad.arrow", ["100.10", "100.00", "-0.01"], "file");
      expect(readObservationsFile(bad, ["A", "B"], nodeSystem())).toEqual({
        ok: false,
        lines: [`error: ${bad}: row 3 (record batch 2): price: negative price "-0.01"`, expect.stringMatching(/^hint: each row is/)],
      });
      expect(readFixingsFile(bad, undefined, nodeSystem())).toMatchObject({
        ok: false,
        lines: [
          expect.stringContaining("is an Arrow file; fixings are read from CSV or NDJSON"),
          expect.stringMatching(/^hint: Arrow is read/),
        ],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
