/**
 * The push parser of observations: any split of the input into pieces (mid-line, mid-field, between CR and LF)
 * gives exactly what the whole-text parse gives, rows and errors alike, and the columns grow from any capacity.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createObservationParser, parseObservations, type ObservationOptions } from "../../../src/runtime/market-data/index.js";

const SOURCES = ["BITSTAMP", "COINBASE", "KRAKEN"];

/** Feeds `text` cut at the given offsets. */
function pushed(text: string, cuts: readonly number[], options: ObservationOptions) {
  const p = createObservationParser(options);
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    p.push(text.slice(at, c));
    at = c;
  }
  p.push(text.slice(at));
  return p.end();
}

/** Plain arrays, so results compare with toEqual regardless of the typed arrays' buffers. */
function plain(r: ReturnType<typeof parseObservations>) {
  if (!r.ok) return r;
  const o = r.value;
  return { ...o, time: [...o.time], source: [...o.source], price: [...o.price], volume: [...o.volume], line: [...o.line] };
}

const row = fc
  .record({
    second: fc.integer({ min: 0, max: 5 }),
    source: fc.constantFrom("BITSTAMP", "COINBASE", "KRAKEN", "NOPE"),
    price: fc.constantFrom("1", "87000.5", "0.125", "-3", "abc", "1.10", ""),
    volume: fc.constantFrom("1", "0.00000001", "2.5"),
    instrument: fc.constantFrom(undefined, "BTC/USD", "BTC-USD"),
    crlf: fc.boolean(),
    blank: fc.boolean(),
    quoted: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  })
  .map((r) => {
    const fields = [`2026-03-27T15:00:0${r.second}Z`, r.source, r.price, r.volume, ...(r.instrument ? [r.instrument] : [])];
    // Some fields quoted as RFC 4180 allows (the slow path of a line with a double quote), a comma inside one.
    const written = fields.map((f, i) => (r.quoted[i] ? `"${i === 4 ? f.replace("/", ",") : f}"` : f));
    return `${r.blank ? "\n" : ""}${written.join(",")}${r.crlf ? "\r\n" : "\n"}`;
  });

describe("createObservationParser", () => {
  it("gives the whole-text result for any split of the input", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(row, { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        (header, rows, dropLastNewline, rawCuts, capacity) => {
          let text = (header ? "time,source,price,volume,instrument\n" : "") + rows.join("");
          if (dropLastNewline) text = text.replace(/\r?\n$/, "");
          const cuts = rawCuts.map((c) => c % (text.length + 1));
          for (const sources of [SOURCES, undefined]) {
            const options = { file: "obs.csv", ...(sources ? { sources } : {}) };
            const whole = plain(parseObservations(text, options));
            expect(plain(pushed(text, cuts, { ...options, capacity }))).toEqual(whole);
          }
        },
      ),
      { seed: 20261124, numRuns: 300 },
    );
  });

  it("splits NDJSON rows anywhere, including one character at a time", () => {
    const text =
      '{"time":"2026-03-27T15:00:00Z","source":"X","price":"1.10","volume":"2"}\r\n{"time":"2026-03-27T15:00:01Z","source":"Y","price":"3","volume":"0","instrument":"I"}\n';
    const cuts = Array.from({ length: text.length }, (_, i) => i);
    expect(plain(pushed(text, cuts, { file: "o.ndjson", capacity: 1 }))).toEqual(plain(parseObservations(text, { file: "o.ndjson" })));
  });

  it("grows its columns past the initial capacity", () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `2026-03-27T15:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z,BITSTAMP,${i}.5,1`,
    );
    const p = createObservationParser({ file: "o.csv", capacity: 1 });
    for (const r of rows) p.push(r + "\n");
    expect(p.rows).toBe(3600);
    const r = p.end();
    expect(r.ok).toBe(false); // the clock wraps after an hour: the 3601st row is out of order
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ kind: "unsorted", line: 3601, field: "time" });
  });

  it("says when it has found as many errors as it reports, so a reader can stop", () => {
    const p = createObservationParser({ file: "o.csv", maxErrors: 2 });
    p.push("x\ny\n");
    expect(p.full).toBe(true);
    const r = p.end();
    expect(!r.ok && r.errors.map((e) => [e.kind, e.line])).toEqual([
      ["malformed-row", 1],
      ["malformed-row", 2],
    ]);
  });

  it("ignores input after end and returns the same result again", () => {
    const p = createObservationParser({ file: "o.csv" });
    p.push("2026-03-27T15:00:00Z,A,1,1");
    const first = p.end();
    p.push("\n2026-03-27T15:00:01Z,A,2,1\n");
    expect(p.end()).toBe(first);
    expect(first.ok && first.value.length).toBe(1);
  });
});
