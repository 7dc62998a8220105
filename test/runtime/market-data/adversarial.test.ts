/**
 * Adversarial market data, as a careless data vendor or a hostile user would send it, through the library parsers,
 * the settlement functions and the built CLI. Every class must end as the right answer or a typed refusal naming
 * file, line and field (exit 1 from the CLI, never 3): decimals beyond the input precision (a scale of 256 or more
 * used to wrap), a model or instrument of lower priority shadowing the first, fixing statuses outside the closed
 * vocabulary, prices outside a contract's domain, repeated or unknown NDJSON keys, a value asked for before its data
 * exists, a half-toward-prior tie without a prior, bytes that are not UTF-8, years before 1900, a line without end,
 * and a fixings file of a gigabyte.
 */
import { closeSync, openSync, readFileSync, writeFileSync, ftruncateSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal, INPUT_PRECISION } from "../../../src/runtime/numbers/decimal.js";
import {
  MAX_LINE_LENGTH,
  createObservationParser,
  parseFixings,
  parseObservations,
  type MarketDataError,
} from "../../../src/runtime/market-data/index.js";
import { settlementFunctions, type SettlementSpec } from "../../../src/runtime/functions/index.js";
import { computeIndex } from "../../../src/runtime/engine/index.js";
import type { Index } from "../../../src/runtime/spec.js";
import { renderContract } from "../../../src/backends/legal/index.js";
import { loadSpec } from "../../../src/model/load.js";
import { ensureBuilt, fixture, repoRoot, termsheet } from "../../cli/helpers.js";

const SEED = 20_261_124;
const load = (name: string) =>
  JSON.parse(readFileSync(join(repoRoot, "test/cases/compiled/contracts", `${name}.json`), "utf8")) as SettlementSpec;
const FOTI = load("FOTI");
const AITOK = FOTI.indices.AITOK_OUT!;

/** The errors of a failed parse as `line field kind` triples. */
function errorsOf(r: { ok: true } | { ok: false; errors: readonly MarketDataError[] }): [number, string | null, string][] {
  return r.ok ? [] : r.errors.map((e) => [e.line, e.field, e.kind]);
}

const obs = (text: string) => parseObservations(text, { file: "o.csv" });
const fix = (text: string) => parseFixings(text, { file: "f.csv" });
const HEAD = "time,source,price,volume\n";
const FHEAD = "time,index,value,status\n";

describe("decimals beyond the input precision are refused, never wrapped or rounded", () => {
  it("an observation price with 258 decimal places (it used to read as 10.25: its scale wrapped modulo 256)", () => {
    const price = `0.${"0".repeat(254)}1025`;
    const r = obs(`${HEAD}2026-03-27T15:00:00Z,A,${price},1\n`);
    expect(errorsOf(r)).toEqual([[2, "price", "precision-out-of-range"]]);
    expect(!r.ok && r.errors[0]!.message).toContain("258 decimal places; at most 18");
  });
  it("a volume with 19 decimal places, in CSV and in NDJSON", () => {
    expect(errorsOf(obs(`${HEAD}2026-03-27T15:00:00Z,A,1,0.0000000000000000001\n`))).toEqual([[2, "volume", "precision-out-of-range"]]);
    const nd = '{"time":"2026-03-27T15:00:00Z","source":"A","price":"1","volume":"0.0000000000000000001"}';
    expect(errorsOf(obs(nd))).toEqual([[1, "volume", "precision-out-of-range"]]);
  });
  it("a fixing value of 39 significant digits or 19 decimal places", () => {
    const r = fix(
      `${FHEAD}2026-03-27T16:00:00Z,AITOK_OUT,1${"0".repeat(38)},final\n2026-03-27T16:00:01Z,AITOK_OUT,-0.${"0".repeat(18)}1,final\n`,
    );
    expect(errorsOf(r)).toEqual([
      [2, "value", "precision-out-of-range"],
      [3, "value", "precision-out-of-range"],
    ]);
  });
  it("the bound is one constant: 38 digits and 18 places are accepted exactly", () => {
    expect(INPUT_PRECISION).toEqual({ digits: 38, scale: 18 });
    const r = fix(`${FHEAD}2026-03-27T16:00:00Z,AITOK_OUT,${"9".repeat(20)}.${"9".repeat(18)},final\n`);
    expect(r.ok && r.value[0]!.value.toString()).toBe(`${"9".repeat(20)}.${"9".repeat(18)}`);
  });
  it("any scale: a value is read exactly or refused, never another value (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 9999 }), (zeros, digits) => {
        const text = `0.${"0".repeat(zeros)}${digits}`;
        const r = obs(`${HEAD}2026-03-27T15:00:00Z,A,${text},1\n`);
        const exact = Decimal.of(text);
        if (r.ok) {
          const v = r.value;
          expect(Decimal.fromParts(BigInt(v.price[0]!), v.priceScale).eq(exact)).toBe(true);
          expect(exact.normalize().scale).toBeLessThanOrEqual(INPUT_PRECISION.scale);
        } else expect(errorsOf(r)).toEqual([[2, "price", "precision-out-of-range"]]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
  it("requests: a position, prior, bid, offer, strike or determined value beyond the bound is a typed error", () => {
    const f = settlementFunctions(FOTI);
    const tiny = `0.${"0".repeat(18)}1`;
    const data = { fixings: [] };
    const ten = fix(`${FHEAD}2026-03-27T16:00:00Z,AITOK_OUT,10,final\n`);
    if (!ten.ok) throw new Error("fixture");
    expect(f.final({ period: "2026-03", fixings: ten.value, position: { quantity: "1", price: tiny } }).error?.kind).toBe(
      "precision-out-of-range",
    );
    expect(f.final({ period: "2026-03", ...data, determined: `1${"0".repeat(38)}` }).error?.kind).toBe("precision-out-of-range");
    expect(f.daily({ period: "2026-06", date: "2026-03-27", prior: tiny }).error?.kind).toBe("precision-out-of-range");
    expect(f.daily({ period: "2026-06", date: "2026-03-27", prior: "10", bidAsk: { bid: "10", ask: tiny } }).error).toMatchObject({
      kind: "precision-out-of-range",
      message: expect.stringMatching(/^ask: /),
    });
    const opt = settlementFunctions(load("FOTI_OPT"));
    const fixings = fix(`${FHEAD}2026-03-27T16:00:00Z,AITOK_OUT,10.1,final\n`);
    if (!fixings.ok) throw new Error("fixture");
    expect(
      opt.final({ period: "2026-03", fixings: fixings.value, option: { right: "call", strike: `10.${"0".repeat(18)}1` } }).error?.kind,
    ).toBe("precision-out-of-range");
  });
});

describe("models and instruments in priority order, over all rows", () => {
  /** AITOK_OUT with its sources' `models` lists turned into `instruments` lists. */
  const withInstruments = (): Index => {
    const m = structuredClone(AITOK) as unknown as { sources: { value: { models?: unknown[]; instruments: unknown[] } }[] };
    for (const s of m.sources) {
      s.value.instruments = s.value.models ?? [];
      s.value.models = [];
    }
    return m as unknown as Index;
  };
  const rows = [
    "time,source,price,volume,instrument",
    "2026-03-27T15:30:00Z,OPENAI,10,1,gpt-5",
    "2026-03-27T15:31:00Z,ANTHROPIC,10.6,1,claude-sonnet-4-5",
    "2026-03-27T15:32:00Z,GOOGLE,10.2,1,gemini-2.5-pro",
    "2026-03-27T15:50:00Z,OPENAI,30,1,gpt-4.1", // later, of a lower priority
    "2026-03-27T15:55:00Z,GOOGLE,50,1,gemini-9", // later, not listed
  ].join("\n");
  for (const [what, index] of [
    ["models", AITOK],
    ["instruments", withInstruments()],
  ] as const) {
    it(`${what}: a later row of a lower-priority or unlisted ${what.slice(0, -1)} does not shadow the first`, () => {
      const o = obs(rows);
      if (!o.ok) throw new Error("fixture");
      const r = computeIndex(index, o.value, { date: "2026-03-27" });
      expect(r.ok && r.value.toString()).toBe("10.2"); // median of 10, 10.6, 10.2
      const c = r.certificate;
      const field = what === "models" ? "model" : "instrument";
      expect(c.sources.slice(0, 3).map((s) => [s.name, s[field], s.value])).toEqual([
        ["OPENAI", "gpt-5", "10"],
        ["ANTHROPIC", "claude-sonnet-4-5", "10.6"],
        ["GOOGLE", "gemini-2.5-pro", "10.2"],
      ]);
      expect(c.exclusions.filter((e) => e.reason === field).map((e) => [e.source, e.detail])).toEqual([
        [
          "OPENAI",
          `1 observation(s) of "gpt-4.1" (at 2026-03-27T15:50:00+00:00) not used: "gpt-5" comes first in priority order and is available`,
        ],
        [
          "GOOGLE",
          `1 observation(s) of "gemini-9" (at 2026-03-27T15:55:00+00:00): not one of the ${what} it lists ("gemini-2.5-pro", "gemini-1.5-pro")`,
        ],
      ]);
    });
  }
  it("a blended source takes both parts from the first model that has both", () => {
    const blend = load("FOTB").indices.AITOK_BLEND!;
    const o = parseObservations(
      [
        "time,source,price,volume,instrument,part",
        "2026-03-27T15:00:00Z,OPENAI,2,1,gpt-5,input", // gpt-5 has no output price: not available
        "2026-03-27T15:01:00Z,OPENAI,3,1,gpt-4.1,input",
        "2026-03-27T15:01:00Z,OPENAI,10,1,gpt-4.1,output",
        "2026-03-27T15:02:00Z,ANTHROPIC,2,1,claude-sonnet-4-5,input",
        "2026-03-27T15:02:00Z,ANTHROPIC,10,1,claude-sonnet-4-5,output",
        "2026-03-27T15:03:00Z,ANTHROPIC,3,1,claude-sonnet-4-5,cached", // not a part of the blend
        "2026-03-27T15:04:00Z,GOOGLE,1,1,gemini-2.5-pro,input",
        "2026-03-27T15:04:00Z,GOOGLE,9,1,gemini-2.5-pro,output",
      ].join("\n"),
      { file: "o.csv" },
    );
    if (!o.ok) throw new Error(JSON.stringify(o.errors));
    const r = computeIndex(blend, o.value, { date: "2026-03-27" });
    // OPENAI gpt-4.1 (3 + 3 × 10) / 4 = 8.25; ANTHROPIC (2 + 30) / 4 = 8; GOOGLE (1 + 27) / 4 = 7 (each within 25% of
    // the others' median); median 8.
    expect(r.ok && r.value.toString()).toBe("8");
    expect(r.certificate.sources.slice(0, 3).map((s) => [s.model, s.value])).toEqual([
      ["gpt-4.1", "8.25"],
      ["claude-sonnet-4-5", "8"],
      ["gemini-2.5-pro", "7"],
    ]);
    expect(r.certificate.exclusions.map((e) => [e.source, e.reason])).toEqual(
      expect.arrayContaining([
        ["OPENAI", "model"],
        ["ANTHROPIC", "part"],
      ]),
    );
  });
});

describe("fixing statuses are a closed vocabulary", () => {
  it("HELD, ' held', 'Held' and garbage are errors naming line and field, not published values", () => {
    const r = fix(
      `${FHEAD}2026-03-27T16:00:00Z,A,1,HELD\n2026-03-27T16:00:01Z,A,1, held\n2026-03-27T16:00:02Z,A,1,Held\n2026-03-27T16:00:03Z,A,1,garbage\n`,
    );
    expect(errorsOf(r)).toEqual([
      [2, "status", "unknown-status"],
      [3, "status", "unknown-status"],
      [4, "status", "unknown-status"],
      [5, "status", "unknown-status"],
    ]);
    const nd = parseFixings('{"time":"2026-03-27T16:00:00Z","index":"A","value":"1","status":"Held"}', { file: "f.ndjson" });
    expect(errorsOf(nd)).toEqual([[1, "status", "unknown-status"]]);
  });
  it("published, final, corrected and empty are published; held is not", () => {
    const r = fix(
      `${FHEAD}2026-03-23T16:00:00Z,AITOK_OUT,10,published\n2026-03-24T16:00:00Z,AITOK_OUT,10,final\n2026-03-25T16:00:00Z,AITOK_OUT,10,corrected\n2026-03-26T16:00:00Z,AITOK_OUT,10,\n2026-03-27T16:00:00Z,AITOK_OUT,10.5,held\n`,
    );
    if (!r.ok) throw new Error("fixture");
    expect(r.value.map((f) => f.status)).toEqual(["published", "final", "corrected", null, "held"]);
    const f = settlementFunctions(FOTI).final({ period: "2026-03", fixings: r.value });
    // The 27th is held: postponement and the alternate index find nothing; the 26th's 10 is carried forward, flagged.
    expect([f.price, f.flagged, f.days[0]?.valueDate]).toEqual(["10", true, "2026-03-26"]);
  });
});

describe("a contract's price domain is enforced on every path", () => {
  const f = settlementFunctions(FOTI);
  const fixings = (value: string) => {
    const r = fix(`${FHEAD}2026-03-27T16:00:00Z,AITOK_OUT,${value},final\n`);
    if (!r.ok) throw new Error("fixture");
    return r.value;
  };
  it("a negative or zero fixing, a fixing that rounds to zero, a determined value of zero", () => {
    for (const v of ["-10.1235", "0", "0.0004"])
      expect(f.final({ period: "2026-03", fixings: fixings(v) }).error?.kind).toBe("price-domain");
    expect(f.final({ period: "2026-03", fixings: [], determined: "0" }).error?.kind).toBe("price-domain");
    expect(f.final({ period: "2026-03", fixings: [], determined: "10.5" }).price).toBe("10.5");
  });
  it("a position's trade price, a prior settlement, a bid and an offer of zero or below", () => {
    expect(f.final({ period: "2026-03", fixings: fixings("10"), position: { quantity: "1", price: "-5" } }).error?.kind).toBe(
      "price-domain",
    );
    expect(f.daily({ period: "2026-06", date: "2026-03-27", prior: "0" }).error?.kind).toBe("price-domain");
    expect(f.daily({ period: "2026-06", date: "2026-03-27", prior: "10", bidAsk: { bid: "-1", ask: "10" } }).error?.kind).toBe(
      "price-domain",
    );
  });
  it("is exactly what the readable contract says: FOTI refuses zero, FOTI_CAL (negative prices allowed) settles below it", () => {
    const render = (name: string) => renderContract(loadSpec(JSON.stringify(load(name))), "md", { asOf: "2026-01-15" });
    expect(render("FOTI")).toContain(
      "\nPrices are greater than zero. An index value, bid, offer, trade price or settlement price of zero or less is refused: no settlement price is determined from it.\n",
    );
    expect(f.final({ period: "2026-03", fixings: fixings("0") }).error?.kind).toBe("price-domain");
    expect(render("FOTI_CAL")).toContain("\nPrices may be zero or negative.\n");
    const cal = settlementFunctions(load("FOTI_CAL"));
    const legs = fix(`${FHEAD}2026-03-27T16:00:00Z,AITOK_OUT,10.12345,final\n2026-04-24T15:00:00Z,AITOK_OUT,10.2,final\n`);
    if (!legs.ok) throw new Error("fixture");
    const r = cal.final({ period: "2026-03", fixings: legs.value, position: { quantity: "1", price: "-0.1" } });
    expect([r.price, r.position?.variation]).toEqual(["-0.077", "23"]);
    expect(cal.daily({ period: "2026-03", date: "2026-03-02", prior: "-0.5" }).error?.kind).not.toBe("price-domain");
  });
});

describe("NDJSON rows state each field once, and only known fields", () => {
  it("a repeated key is refused (JSON.parse would take the last value silently)", () => {
    const o = obs('{"time":"2026-03-27T15:00:00Z","source":"A","price":"10.1","price":"99","volume":"1"}');
    expect(errorsOf(o)).toEqual([[1, "price", "duplicate-key"]]);
    const f = parseFixings('{"time":"2026-03-27T16:00:00Z","index":"A","value":"10.1","value":"99"}', { file: "f.ndjson" });
    expect(errorsOf(f)).toEqual([[1, "value", "duplicate-key"]]);
    // A key spelled with an escape is the same key.
    const e = parseFixings('{"time":"2026-03-27T16:00:00Z","index":"A","value":"10.1","val\\u0075e":"99"}', { file: "f.ndjson" });
    expect(errorsOf(e)).toEqual([[1, "value", "duplicate-key"]]);
  });
  it("an unknown key (a misspelt status would otherwise publish a held value) is refused", () => {
    const f = parseFixings('{"time":"2026-03-27T16:00:00Z","index":"A","value":"10.1","stauts":"held"}', { file: "f.ndjson" });
    expect(errorsOf(f)).toEqual([[1, null, "unknown-field"]]);
  });
  it("colons inside values and nested values do not confuse the check", () => {
    const ok = obs('{"time":"2026-03-27T15:00:00+01:00","source":"A","price":"1","volume":"1","instrument":"a:b:c"}');
    expect(ok.ok).toBe(true);
    const nested = obs('{"time":"2026-03-27T15:00:00Z","source":"A","price":"1","volume":"1","instrument":{"x":1,"x":2}}');
    expect(errorsOf(nested)).toEqual([[1, "instrument", "malformed-row"]]);
  });
});

describe("text that is not UTF-8, and years JavaScript would misread", () => {
  it("a replacement character (what a decoder makes of bytes that are not UTF-8) is refused with its field", () => {
    expect(errorsOf(obs(`${HEAD}2026-03-27T15:00:00Z,BIT\uFFFDAMP,1,1\n`))).toEqual([[2, "source", "invalid-encoding"]]);
    expect(errorsOf(fix(`${FHEAD}2026-03-27T16:00:00Z,AITOK_OUT,1,fin\uFFFDl\n`))).toEqual([[2, "status", "invalid-encoding"]]);
    const nd = obs('{"time":"2026-03-27T15:00:00Z","source":"A","price":"1","volume":"1","instrument":"gpt\\ufffd"}');
    expect(errorsOf(nd)).toEqual([[1, "instrument", "invalid-encoding"]]);
  });
  it("years 0000 to 0099 (Date.UTC reads them as 19xx) and other years outside 1900–2199 are refused", () => {
    for (const y of ["0026", "0000", "0099", "1899", "2200"])
      expect(errorsOf(obs(`${HEAD}${y}-03-27T15:00:00Z,A,1,1\n`))).toEqual([[2, "time", "invalid-time"]]);
    expect(obs(`${HEAD}1900-01-01T00:00:00Z,A,1,1\n2199-12-31T23:59:59Z,A,1,1\n`).ok).toBe(true);
    expect(errorsOf(fix(`${FHEAD}0026-03-27T16:00:00Z,A,1,final\n`))).toEqual([[2, "time", "invalid-time"]]);
  });
});

describe("a line without end", () => {
  it("a line longer than the bound is one error, and the push parser stops taking input", () => {
    const p = createObservationParser({ file: "o.csv" });
    p.push(HEAD);
    for (let i = 0; i < 20 && !p.full; i++) p.push("x".repeat(10_000));
    expect(p.full).toBe(true);
    p.push("\n2026-03-27T15:00:00Z,A,1,1\n");
    expect(errorsOf(p.end())).toEqual([[2, null, "line-too-long"]]);
    const whole = obs(`${HEAD}${"y".repeat(MAX_LINE_LENGTH + 1)}\n`);
    expect(errorsOf(whole)).toEqual([[2, null, "line-too-long"]]);
    expect(obs(`${HEAD}2026-03-27T15:00:00Z,A,1,1,${"i".repeat(MAX_LINE_LENGTH - 40)}\n`).ok).toBe(true);
    expect(errorsOf(fix(`${FHEAD}${"z".repeat(MAX_LINE_LENGTH + 1)}\n`))).toEqual([[2, null, "line-too-long"]]);
  });
});

describe("through the CLI: exit 1 with file:line: field, never exit 3", () => {
  const files = fixture({
    "bad.csv": [
      "time,source,price,volume,instrument",
      `2026-03-27T15:00:00Z,BITSTAMP,0.${"0".repeat(254)}1025,1,BTC/USD`,
      "2026-03-27T15:00:01Z,COINBASE,100,0.0000000000000000001,BTC-USD",
      "0026-03-27T15:00:02Z,GEMINI,100,1,BTCUSD",
      "",
    ].join("\n"),
    "bad.ndjson":
      [
        '{"time":"2026-03-27T15:00:00Z","source":"BITSTAMP","price":"10.1","price":"99","volume":"1"}',
        '{"time":"2026-03-27T15:00:01Z","source":"KRAKEN","price":"10.1","volume":"1","prise":"1"}',
      ].join("\n") + "\n",
    "fixings.csv": `${FHEAD}2026-03-26T16:00:00Z,AITOK_OUT,10,HELD\n2026-03-27T16:00:00Z,AITOK_OUT,1${"0".repeat(38)},final\n`,
    "fixings.ndjson": '{"time":"2026-03-27T16:00:00Z","index":"AITOK_OUT","value":"10.1","value":"99"}\n',
    "quoted.csv": `${FHEAD}"2026-03-26T16:00:00Z","AITOK_OUT,10.1\n2026-03-27T16:00:00Z,AITOK_OUT,10"1,final\n`,
  });
  const cwd = files.dir;
  const btc = join(repoRoot, "test/cases/compiled/contracts/BTC.json");
  const foti = join(repoRoot, "test/cases/compiled/contracts/FOTI.json");
  beforeAll(() => {
    ensureBuilt();
    // Bytes that are not UTF-8 (0xFF, a lone continuation byte) in a source name.
    writeFileSync(
      join(cwd, "latin1.csv"),
      Buffer.concat([
        Buffer.from("time,source,price,volume\n2026-03-27T15:00:00Z,BIT"),
        Buffer.from([0xff, 0x80]),
        Buffer.from("AMP,1,1\n"),
      ]),
    );
    // Sparse files: 600 MiB of NUL bytes without a line break, and a 1 GiB fixings file (no disk space used).
    for (const [name, size] of [
      ["endless.csv", 600 * 1024 * 1024],
      ["huge-fixings.csv", 1024 * 1024 * 1024],
    ] as const) {
      const fd = openSync(join(cwd, name), "w");
      ftruncateSync(fd, size);
      closeSync(fd);
    }
  }, 120_000);
  afterAll(() => files.cleanup());
  const settle = (spec: string, ...args: string[]) =>
    termsheet(["settle", spec, "--contract", spec === btc ? "BTC-H26" : "FOTI-H26", ...args], cwd);

  it("observations: precision, years, invalid bytes, repeated and unknown NDJSON keys", () => {
    const r = settle(btc, "--observations", "bad.csv");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: bad\.csv:2: price: "0\.0{35}\.\.\." has 258 decimal places; at most 18 are accepted\n/);
    expect(r.stderr).toContain("\nerror: bad.csv:3: volume: ");
    expect(r.stderr).toContain("\nerror: bad.csv:4: time: the year 0026 is outside 1900 to 2199");
    const u = settle(btc, "--observations", "latin1.csv");
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/^error: latin1\.csv:2: source: contains U\+FFFD, the replacement character/);
    const n = settle(btc, "--observations", "bad.ndjson");
    expect(n.code).toBe(1);
    expect(n.stderr).toMatch(/^error: bad\.ndjson:1: price: the key "price" appears more than once/);
    expect(n.stderr).toContain('\nerror: bad.ndjson:2: unknown field "prise"');
  });
  it("fixings: an unknown status, a value beyond the precision, a repeated key", () => {
    const r = settle(foti, "--fixings", "fixings.csv");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: fixings\.csv:2: status: "HELD" is not a fixing status/);
    expect(r.stderr).toContain("\nerror: fixings.csv:3: value: ");
    const n = settle(foti, "--fixings", "fixings.ndjson");
    expect([n.code, n.stderr.split("\n")[0]]).toEqual([
      1,
      'error: fixings.ndjson:1: value: the key "value" appears more than once in the row; a row states each field once',
    ]);
  });
  it("fixings: an unclosed quote and a quote inside an unquoted field (RFC 4180), each with its line, field and a hint", () => {
    const r = settle(foti, "--fixings", "quoted.csv");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: quoted\.csv:2: index: the quoted field is not closed on its line/);
    expect(r.stderr).toContain("\nerror: quoted.csv:3: value: a double quote inside an unquoted field");
    expect(r.stderr).toContain('\nhint: a CSV field is either unquoted or quoted whole ("…", RFC 4180) on one line');
  });
  it("a 600 MiB line without a line break ends early with line-too-long; a 1 GiB fixings file is refused by its size", () => {
    const r = settle(btc, "--observations", "endless.csv");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: endless\.csv:1: the line is longer than 65536 characters/);
    const f = settle(foti, "--fixings", "huge-fixings.csv");
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/^error: `huge-fixings\.csv` is 1024\.0 MiB, larger than the 64 MiB a fixings file may have\nhint: /);
  });
  it("a command-line number beyond the precision is a usage error naming the option", () => {
    const r = settle(foti, "--fixings", "fixings.ndjson", "--position", `1@0.${"0".repeat(18)}1`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("`--position` price: precision-out-of-range: ");
  });
});
