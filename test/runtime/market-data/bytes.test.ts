/**
 * The byte path of the observations parser (`pushBytes`, issue 20): the UTF-8 bytes of a text, cut anywhere (mid-line,
 * mid-field, inside a multi-byte character, between CR and LF), give exactly what `push` of the text gives, rows and
 * errors alike, whether a line takes the fast path (plain ASCII rows in time order) or the general per-line parser
 * (headers, non-ASCII bytes, double quotes, bad fields, unknown sources, equal or earlier times, NDJSON, long lines).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalBytes, InstantBytes } from "../../../src/runtime/market-data/bytes.js";
import { parseInstantMicros, parseNonNegativeDecimal } from "../../../src/runtime/market-data/common.js";
import { createObservationParser, parseObservations, type ObservationOptions } from "../../../src/runtime/market-data/index.js";

const utf8 = new TextEncoder();

/** Feeds the UTF-8 bytes of `text` cut at the given offsets. */
function pushedBytes(text: string, cuts: readonly number[], options: ObservationOptions) {
  const bytes = utf8.encode(text);
  const p = createObservationParser(options);
  let at = 0;
  for (const c of [...cuts].map((c) => c % (bytes.length + 1)).sort((a, b) => a - b)) {
    // A reused buffer, as the CLI's: the parser must not keep a view of it.
    const piece = bytes.slice(at, c);
    p.pushBytes(piece);
    piece.fill(0x41);
    at = c;
  }
  p.pushBytes(bytes.slice(at));
  return p.end();
}

function plain(r: ReturnType<typeof parseObservations>) {
  if (!r.ok) return r;
  const o = r.value;
  return { ...o, time: [...o.time], source: [...o.source], price: [...o.price], volume: [...o.volume], line: [...o.line] };
}

const field = {
  time: fc.constantFrom(
    "2026-03-27T15:00:00Z",
    "2026-03-27T15:00:01Z",
    "2026-03-27T15:00:01.5Z",
    "2026-03-27T15:00:01.500001Z",
    "2026-03-27T15:00:02.1234567Z",
    "2026-03-27T15:00:02.1234560Z",
    "2026-03-27T16:00:02+01:00",
    "2026-03-27T15:01:00Z",
    "2026-03-27T15:00:61Z",
    "2026-03-27T15:00:03.Z",
    "2026-02-30T15:00:00Z",
    "0026-03-27T15:00:00Z",
    "2026-03-27 15:00:04Z",
    "",
  ),
  source: fc.constantFrom("BITSTAMP", "COINBASE", "KRAKEN", "NOPE", "", "KRAK\u00c9N", '"KRAKEN"', " KRAKEN"),
  price: fc.constantFrom(
    "1",
    "87000.5",
    "0.125",
    "-3",
    "-0",
    "abc",
    "1.10",
    "",
    "1.",
    ".5",
    "9007199254740993",
    "90071992547409910",
    "1.0000000000000000000",
    "0.0000000000000000001",
    "1e3",
  ),
  volume: fc.constantFrom("1", "0.00000001", "2.5", "007", "2.50", "\u00bd"),
  instrument: fc.constantFrom(undefined, "BTC/USD", "BTC-USD", "", "日本"),
  part: fc.constantFrom(undefined, "input", ""),
};

const row = fc.record({ ...field, extra: fc.constantFrom(0, 0, 0, 1), crlf: fc.boolean(), blank: fc.boolean() }).map((r) => {
  const fields: string[] = [r.time, r.source, r.price, r.volume];
  if (r.instrument !== undefined || r.part !== undefined) fields.push(r.instrument ?? "");
  if (r.part !== undefined) fields.push(r.part);
  if (r.extra) fields.push("x");
  return `${r.blank ? "\n" : ""}${fields.join(",")}${r.crlf ? "\r\n" : "\n"}`;
});

describe("pushBytes", () => {
  it("gives what push of the decoded text gives, for any cut of the bytes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("", "time,source,price,volume,instrument\n", "time,source,price\n", "\ufeff", "\ufefftime,source,price,volume\n"),
        fc.array(row, { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        (header, rows, dropLastNewline, cuts) => {
          let text = header + rows.join("");
          if (dropLastNewline) text = text.replace(/\r?\n$/, "");
          // What the CLI gave the text parser before: the decoded text without its byte-order mark.
          const decoded = text.startsWith("\ufeff") ? text.slice(1) : text;
          for (const sources of [["BITSTAMP", "COINBASE", "KRAKEN"], undefined]) {
            const options = { file: "obs.csv", ...(sources ? { sources } : {}) };
            expect(plain(pushedBytes(text, cuts, options))).toEqual(plain(parseObservations(decoded, options)));
          }
        },
      ),
      { seed: 20261207, numRuns: 400 },
    );
  });

  it("reads NDJSON, invalid UTF-8 and lines too long as the text parser does", () => {
    const ndjson =
      '{"time":"2026-03-27T15:00:00Z","source":"X","price":"1.10","volume":"2"}\r\n{"time":"2026-03-27T15:00:01Z","source":"Y","price":"3","volume":"0","instrument":"I"}\n';
    const every = Array.from({ length: ndjson.length }, (_, i) => i);
    expect(plain(pushedBytes(ndjson, every, { file: "o.ndjson" }))).toEqual(plain(parseObservations(ndjson, { file: "o.ndjson" })));

    const bad = new Uint8Array([
      ...utf8.encode("2026-03-27T15:00:00Z,A,1,1,BTC"),
      0xff,
      0xfe,
      ...utf8.encode("\n2026-03-27T15:00:01Z,A,2,1\n"),
    ]);
    const p = createObservationParser({ file: "o.csv" });
    p.pushBytes(bad);
    const text = new TextDecoder().decode(bad);
    expect(plain(p.end())).toEqual(plain(parseObservations(text, { file: "o.csv" })));

    for (const length of [65_536, 65_537, 200_000, 300_000]) {
      for (const ch of ["x", "é"]) {
        const long = `2026-03-27T15:00:00Z,A,1,1\n${ch.repeat(length)}\n2026-03-27T15:00:01Z,A,2,1\n`;
        const cuts = [10, 30, 70_000, 150_000, 250_000];
        expect(plain(pushedBytes(long, cuts, { file: "o.csv" }))).toEqual(plain(parseObservations(long, { file: "o.csv" })));
      }
    }
  });

  it("reads decimals from bytes as parseNonNegativeDecimal reads them, or declines", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9]{0,20}(\.[0-9]{0,22})?$/), (text) => {
        const out = { coefficient: -1, scale: -1 };
        const ok = decimalBytes(utf8.encode(text + ",1"), 0, text.length + 2, out) === text.length;
        const expected = parseNonNegativeDecimal(text);
        if (ok) expect(expected).toEqual(out);
        else
          expect(
            !("error" in expected) && !text.startsWith("-") && expected.coefficient <= Number.MAX_SAFE_INTEGER && text.length < 16,
          ).toBe(false);
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it("reads instants from bytes as parseInstantMicros does, through its memo of the minute", () => {
    const instants = new InstantBytes();
    const times = fc.tuple(
      fc.constantFrom("2026-03-27T15:00:", "2026-03-27T15:01:", "2024-02-29T23:59:", "2026-03-27T15:00"),
      fc.stringMatching(/^[0-9]{2}(\.[0-9]{0,10})?$/),
      fc.constantFrom("Z", "+01:00", "-05:30", "+19:00", "z", ""),
    );
    fc.assert(
      fc.property(fc.array(times, { maxLength: 20 }), (list) => {
        for (const [minute, second, zone] of list) {
          const text = minute + second + zone;
          const expected = parseInstantMicros(text);
          const got = instants.read(utf8.encode(text), 0, text.length);
          expect(typeof expected === "string" ? NaN : expected).toEqual(got);
        }
      }),
      { seed: 20261207, numRuns: 500 },
    );
  });
});
