/**
 * Unit tests of the contract checks (contracts.ts, unit-of.ts and versions.ts) through the driver with an
 * in-memory host: units by dimension across files, tick arithmetic, roundings and spreads. Assertions are on
 * codes and spans (line:column ranges), never on wording.
 */
import { describe, expect, it } from "vitest";
import { checkFiles, located } from "../helpers/check.js";

/** Checks the first file of `files` (the others are importable) and lists `CODE file:l:c-l:c`. */
function check(files: Record<string, string>): string[] {
  return located(checkFiles(files), Object.keys(files)[0]);
}

const LIB = `calendar NYC {
  time zone America/New_York
  weekend Saturday, Sunday
}
index TOK {
  quoted in USD per 1M tokens
  aggregate sources by median
  round to 0.0001 half-even
  publish on business days of NYC at 16:00 America/New_York
}
future TOKF {
  underlying TOK
  contract unit 1000 million tokens
  price quoted in USD per 1M tokens
  tick 0.01 USD per 1M tokens
  last trading day is the last Friday of the contract month, adjusted preceding on NYC
  trading terminates at 16:00 America/New_York
  final settlement in cash at TOK at 16:00 America/New_York on the last trading day, rounded to 0.01 half-even
}
`;

/** A future over TOK with `body` lines added (and `replace` pairs applied to the default clauses). */
function future(body: string, replace: [string, string][] = []): string {
  let text = `future F {
  underlying TOK
  contract unit 1000 million tokens
  price quoted in USD per 1M tokens
  tick 0.01 USD per 1M tokens
  last trading day is the last Friday of the contract month, adjusted preceding on NYC
  trading terminates at 16:00 America/New_York
  final settlement in cash at TOK at 16:00 America/New_York on the last trading day, rounded to 0.01 half-even
${body}}
`;
  for (const [a, b] of replace) text = text.replace(a, b);
  return text;
}

/** An option on TOKF (imported from lib.terms) with replacements applied. */
function option(replace: [string, string][] = []): string {
  let text = `import "lib.terms"
option O {
  underlying future TOKF
  type call, put
  exercise european
  contract unit 1 TOKF
  strikes every 0.05 USD per 1M tokens
  premium tick 0.001 USD per 1M tokens at or below 0.05, 0.005 USD per 1M tokens above 0.05
  automatic exercise when in the money by at least 0.01 USD per 1M tokens
  expiry with the underlying
  final settlement in cash at the final settlement price of TOKF, unrounded
}
`;
  for (const [a, b] of replace) text = text.replace(a, b);
  return text;
}

const withLib = (text: string): Record<string, string> => ({ "main.terms": `import "lib.terms"\n${text}`, "lib.terms": LIB });

describe("contracts", () => {
  it("accepts a consistent future, option and spread", () => {
    expect(check(withLib(future("")))).toEqual([]);
    expect(check({ "main.terms": option(), "lib.terms": LIB })).toEqual([]);
    expect(
      check(
        withLib(
          "spread S {\n  leg buy 1 TOKF\n  leg sell 2 TOKF 1 month later, rounded to the tick half-even\n  final settlement in cash leg by leg, unrounded\n}\n",
        ),
      ),
    ).toEqual([]);
  });

  it("reports a tick in another dimension (E3001) at the whole quantity", () => {
    expect(check(withLib(future("", [["tick 0.01 USD per 1M tokens", "tick 0.001 USD per GPU-hour"]])))).toEqual(["E3001 6:8-6:30"]);
  });

  it("compares units exactly: the same dimension at another scale is a mismatch too", () => {
    expect(check(withLib(future("  spread tick 0.000005 USD per 1K tokens\n")))).toEqual(["E3001 10:15-10:41"]);
  });

  it("checks the quote unit against the underlying index's, even in another file", () => {
    const text = future("", [
      ["price quoted in USD per 1M tokens", "price quoted in USD per token"],
      ["tick 0.01 USD per 1M tokens", "tick 0.00000001 USD per token"],
      ["contract unit 1000 million tokens", "contract unit 1000000000 tokens"],
    ]);
    expect(check(withLib(text))).toEqual(["E3001 5:19-5:32"]);
  });

  it("inherits the quote unit from the underlying when the contract states none", () => {
    const text = future("", [
      ["  price quoted in USD per 1M tokens\n", ""],
      ["tick 0.01 USD per 1M tokens", "tick 0.01 USD per GPU-hour"],
    ]);
    // names.ts requires `price quoted in`; the tick is still checked against the index's unit.
    expect(check(withLib(text))).toEqual(["E2009 2:8-2:9", "E3001 5:8-5:29"]);
  });

  it("requires price × contract unit to be money (E3007)", () => {
    expect(check(withLib(future("", [["contract unit 1000 million tokens", "contract unit 5 BTC"]])))).toEqual(["E3007 4:17-4:22"]);
    expect(check(withLib(future("", [["contract unit 1000 million tokens", "contract unit 1000 USD"]])))).toEqual(["E3007 4:17-4:25"]);
  });

  it("reports non-positive ticks and contract units (E3003) at the amount", () => {
    expect(
      check(
        withLib(
          future("", [
            ["contract unit 1000", "contract unit -1"],
            ["tick 0.01", "tick 0"],
          ]),
        ),
      ),
    ).toEqual(["E3003 4:17-4:19", "E3003 6:8-6:9"]);
  });

  it("reports an unknown unit once, with did-you-mean, even when an option reaches it through its underlying", () => {
    const lib = LIB.replace("tick 0.01 USD per 1M tokens", "tick 0.01 USD per 1M tokenz");
    const r = check({ "main.terms": option(), "lib.terms": lib });
    expect(r).toEqual(["E3002 lib.terms:15:24-15:30"]);
  });

  it("takes a future's name as an option's contract unit, and only the underlying's", () => {
    const lib = `${LIB}future TOKG {
  underlying TOK
  contract unit 1000 million tokens
  price quoted in USD per 1M tokens
  tick 0.01 USD per 1M tokens
  last trading day is the last Friday of the contract month, adjusted preceding on NYC
  trading terminates at 16:00 America/New_York
  final settlement in cash at TOK at 16:00 America/New_York on the last trading day, rounded to 0.01 half-even
}
`;
    expect(check({ "main.terms": option([["contract unit 1 TOKF", "contract unit 1 TOKG"]]), "lib.terms": lib })).toEqual([
      "E3007 6:19-6:23",
    ]);
    // Outside an option a future's name is not a unit.
    expect(check(withLib(future("", [["contract unit 1000 million tokens", "contract unit 1 TOKF"]])))).toEqual(["E3002 4:19-4:23"]);
    // An unknown word in an option's contract unit suggests the futures in scope too.
    expect(check({ "main.terms": option([["contract unit 1 TOKF", "contract unit 1 TOKX"]]), "lib.terms": LIB })).toEqual([
      "E3002 6:19-6:23",
    ]);
  });

  it("puts strikes on the underlying future's tick (E3004), in its unit", () => {
    expect(check({ "main.terms": option([["strikes every 0.05", "strikes every 0.015"]]), "lib.terms": LIB })).toEqual(["E3004 7:17-7:40"]);
    expect(check({ "main.terms": option([["strikes every 0.05", "strikes every 0"]]), "lib.terms": LIB })).toEqual(["E3003 7:17-7:18"]);
    // 0.00005 USD per 1K tokens is 0.05 USD per 1M tokens, but it must be written in the quote unit.
    expect(
      check({
        "main.terms": option([["strikes every 0.05 USD per 1M tokens", "strikes every 0.00005 USD per 1K tokens"]]),
        "lib.terms": LIB,
      }),
    ).toEqual(["E3001 7:17-7:42"]);
  });

  it("checks the premium tick tiers (E3008)", () => {
    const tiers = (t: string): string[] =>
      check({
        "main.terms": option([
          ["premium tick 0.001 USD per 1M tokens at or below 0.05, 0.005 USD per 1M tokens above 0.05", `premium tick ${t}`],
        ]),
        "lib.terms": LIB,
      });
    const q = "USD per 1M tokens";
    expect(tiers(`0.001 ${q}`)).toEqual([]);
    expect(tiers(`0.001 ${q} at or below 0.05, 0.005 ${q}`)).toEqual([]);
    expect(tiers(`0.001 ${q} at or below 0.05, 0.002 ${q} at or below 0.5, 0.005 ${q} above 0.5`)).toEqual([]);
    expect(tiers(`0.001 ${q}, 0.005 ${q} above 0.05`)).toEqual(["E3008 8:16-8:39"]);
    expect(tiers(`0.001 ${q} above 0.05, 0.005 ${q}`)).toEqual(["E3008 8:40-8:50"]);
    expect(tiers(`0.001 ${q} at or below 0.05, 0.005 ${q} above 0.1`)).toEqual(["E3008 8:88-8:91"]);
    expect(tiers(`0.001 ${q} at or below 0.05`)).toEqual(["E3008 8:40-8:56"]);
    expect(tiers(`0.001 ${q} above 0.05`)).toEqual(["E3008 8:40-8:50"]);
    expect(tiers(`0.001 ${q} at or below 0.0525, 0.005 ${q} above 0.0525`)).toEqual(["E3008 8:52-8:58"]);
  });

  it("checks price limits: percentages in (0, 100] ascending (E3006), amounts on the tick (E3005) and ascending (E3008)", () => {
    expect(check(withLib(future("  price limits 7%, 13%, 20% of the prior settlement\n")))).toEqual([]);
    expect(check(withLib(future("  price limits 0%, 100% of the prior settlement\n")))).toEqual(["E3006 10:16-10:18"]);
    expect(check(withLib(future("  price limits 0.5 USD per 1M tokens, 0.505 USD per 1M tokens of the prior settlement\n")))).toEqual([
      "E3005 10:39-10:62",
    ]);
    expect(check(withLib(future("  price limits 0.5 USD per 1M tokens, 0.4 USD per 1M tokens of the prior settlement\n")))).toEqual([
      "E3008 10:39-10:60",
    ]);
  });

  it("checks roundings: daily steps need one, `half-toward-prior` only daily, increments positive", () => {
    const daily = (steps: string): string => future(`  daily settlement {\n${steps}  }\n`);
    expect(
      check(withLib(daily("    1. midpoint of bid and offer at 15:00 America/New_York\n    2. carry forward the prior settlement\n"))),
    ).toEqual(["E5008 11:5-11:59"]);
    expect(check(withLib(daily("    1. midpoint of bid and offer at 15:00 America/New_York, rounded to 0 half-up\n")))).toEqual([
      "E3003 11:72-11:73",
    ]);
    expect(
      check(
        withLib(
          daily("    1. vwap of trades from 15:00 inclusive to 14:00 exclusive America/New_York, rounded to the tick half-toward-prior\n"),
        ),
      ),
    ).toEqual(["E4006 11:23-11:79"]);
    expect(check(withLib(future("", [["rounded to 0.01 half-even", "rounded to 0.01 half-toward-prior"]])))).toEqual(["E2007 9:102-9:119"]);
    expect(check(withLib(future("", [["rounded to 0.01 half-even", "rounded to 0.01 half-evn"]])))).toEqual(["E2007 9:102-9:110"]);
    // A final settlement finer than the tick is fine (CME settles to the cent of the reference rate).
    expect(check(withLib(future("", [["rounded to 0.01 half-even", "rounded to 0.0001 half-even"]])))).toEqual([]);
  });

  it("checks spreads: one quote unit across legs, positive ratios, both sides, and a tick to round to", () => {
    const spread = (legs: string): string[] => check(withLib(`spread S {\n${legs}  final settlement in cash leg by leg, unrounded\n}\n`));
    expect(spread("  leg buy 1 TOKF\n  leg buy 1 TOKF 1 month later\n")).toEqual(["E5011 2:8-2:9"]);
    expect(spread("  leg buy 0 TOKF\n  leg sell 1 TOKF 1 month later\n")).toEqual(["E3003 3:11-3:12"]);
    expect(spread("  leg buy 1 TOKF\n  leg short 1 TOKF 1 month later\n")).toEqual(["E2007 4:7-4:12"]);
    expect(
      check(
        withLib(
          "spread S {\n  leg buy 1 TOKF\n  leg sell 1 TOKF 1 month later\n  final settlement in cash leg by leg, rounded to the tick half-up\n}\n",
        ),
      ),
    ).toEqual([]);
    expect(
      check(
        withLib(
          "spread S {\n  price quoted in USD per GPU-hour\n  leg buy 1 TOKF\n  leg sell 1 TOKF 1 month later\n  final settlement in cash leg by leg, unrounded\n}\n",
        ),
      ),
    ).toEqual(["E3001 3:19-3:35"]);
  });
});

describe("versions", () => {
  it("reports overlapping versions at the later one (E4008) and inverted ranges (E4009)", () => {
    const ltd = (a: string, b: string): string[] =>
      check(withLib(future(`  price limits 5% of the prior settlement\n    ${a}\n  price limits 7% of the prior settlement\n    ${b}\n`)));
    expect(ltd("effective until 2021-06-30", "effective from 2021-07-01")).toEqual([]);
    expect(ltd("effective from 2020-01-01 until 2021-06-30", "effective from 2021-07-01 until 2021-12-31")).toEqual([]);
    expect(ltd("effective until 2021-07-01", "effective from 2021-07-01")).toEqual(["E4008 13:5-13:30"]);
    expect(ltd("effective from 2021-01-01", "effective from 2022-01-01")).toEqual(["E4008 13:5-13:30"]);
    expect(ltd("effective from 2021-01-01 until 2020-01-01", "effective from 2022-01-01")).toEqual(["E4009 11:5-11:47"]);
    expect(ltd("", "effective from 2022-01-01")).toEqual(["E4008 13:5-13:30"]);
  });

  it("leaves same-kind statements without ranges to the duplicate check", () => {
    expect(check(withLib(future("  price limits 5% of the prior settlement\n  price limits 7% of the prior settlement\n")))).toEqual([
      "E2008 11:3-11:42",
    ]);
  });
});
