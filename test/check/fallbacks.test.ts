/**
 * Unit tests of the fallback checks (fallbacks.ts) through the driver with an in-memory host: definite outcomes,
 * unreachable steps, circular alternate indices, postponement calendars and step numbering. The waterfall analysis
 * is also tested against a direct simulation with fast-check. Assertions are on codes and spans, not wording.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkFiles, located } from "../helpers/check.js";

/** Checks the first file of `files` and lists `CODE [file:]l:c-l:c`. */
function check(files: Record<string, string>): string[] {
  return located(checkFiles(files), Object.keys(files)[0]);
}

const LIB = `calendar NYC {
  time zone America/New_York
}
index TOK {
  quoted in USD per 1M tokens
  aggregate sources by median
  round to 0.0001 half-even
  publish on business days of NYC at 16:00 America/New_York
}
index ALT {
  quoted in USD per 1M tokens
  aggregate sources by median
  round to 0.0001 half-even
  publish every calendar day at 16:00 America/New_York
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

/** A future with the given fallback body; the fallback keyword is on line 10, its first inner line on 11. */
function withFallback(body: string, ltd = ", adjusted preceding on NYC"): Record<string, string> {
  const main = `import "lib.terms"
future F {
  underlying TOK
  contract unit 1000 million tokens
  price quoted in USD per 1M tokens
  tick 0.01 USD per 1M tokens
  last trading day is the last Friday of the contract month${ltd}
  trading terminates at 16:00 America/New_York
  final settlement in cash at TOK at 16:00 America/New_York on the last trading day, rounded to 0.01 half-even
  fallback {
${body}  }
}
`;
  return { "main.terms": main, "lib.terms": LIB };
}

const NP = "    disruption if not-published by 17:00 America/New_York\n";
const ST = "    disruption if stale for more than 30 minutes\n";

describe("definite outcomes", () => {
  it("accepts a waterfall that ends in a determination", () => {
    expect(
      check(
        withFallback(
          `${NP}${ST}    1. postpone up to 2 business days\n    2. use index ALT\n    3. carry forward the last published value\n    4. determined by the exchange\n`,
        ),
      ),
    ).toEqual([]);
  });

  it("reports a waterfall that can end without a value (E5001) at the keyword", () => {
    expect(check(withFallback(`${NP}    1. use index ALT\n`))).toEqual(["E5001 10:3-10:11"]);
    expect(check(withFallback(`${NP}${ST}    1. determined by the exchange for stale\n`))).toEqual(["E5001 10:3-10:11"]);
    // Without declared disruptions, an unconditional determination is still needed.
    expect(check(withFallback("    1. carry forward the last published value\n"))).toEqual(["E5001 10:3-10:11"]);
    expect(check(withFallback("    1. determined by the exchange\n"))).toEqual([]);
  });

  it("reports unreachable steps (E5002)", () => {
    expect(check(withFallback(`${NP}    1. determined by the exchange\n    2. use index ALT\n`))).toEqual(["E5002 13:5-13:21"]);
    // A step for a disruption the fallback does not declare: the span is the `for` list.
    expect(check(withFallback(`${NP}    1. use index ALT for stale\n    2. determined by the exchange\n`))).toEqual(["E5002 12:26-12:31"]);
    // A misspelt disruption is an unknown word, not also an unreachable step.
    expect(check(withFallback(`${NP}    1. use index ALT for stael\n    2. determined by the exchange\n`))).toEqual(["E2007 12:26-12:31"]);
    // Partial determinations leave the step reachable for the rest.
    expect(
      check(
        withFallback(`${NP}${ST}    1. determined by the exchange for stale\n    2. use index ALT\n    3. determined by the exchange\n`),
      ),
    ).toEqual([]);
  });

  it("agrees with a direct simulation on random waterfalls", () => {
    const KINDS = ["not-published", "stale", "ceased"] as const;
    const DECL: Record<(typeof KINDS)[number], string> = {
      "not-published": "    disruption if not-published by 17:00 America/New_York\n",
      stale: "    disruption if stale for more than 30 minutes\n",
      ceased: "    disruption if ceased\n",
    };
    const ACTIONS = [
      "postpone up to 2 business days",
      "use index ALT",
      "carry forward the last published value",
      "determined by the exchange",
    ];
    const step = fc.record({ action: fc.integer({ min: 0, max: 3 }), only: fc.subarray([...KINDS]) });
    fc.assert(
      fc.property(fc.subarray([...KINDS], { minLength: 1 }), fc.array(step, { minLength: 1, maxLength: 5 }), (declared, steps) => {
        const body =
          declared.map((k) => DECL[k]).join("") +
          steps.map((s, i) => `    ${i + 1}. ${ACTIONS[s.action]}${s.only.length > 0 ? ` for ${s.only.join(", ")}` : ""}\n`).join("");
        const done = new Set<string>();
        let unreachable = 0;
        for (const s of steps) {
          const applies = declared.filter((k) => s.only.length === 0 || s.only.includes(k));
          const live = applies.filter((k) => !done.has(k));
          if (live.length === 0) unreachable++;
          else if (s.action === 3) for (const k of live) done.add(k);
        }
        const got = check(withFallback(body));
        expect(got.filter((d) => d.startsWith("E5002")).length).toBe(unreachable);
        expect(got.filter((d) => d.startsWith("E5001")).length).toBe(declared.every((k) => done.has(k)) ? 0 : 1);
        expect(got.filter((d) => !d.startsWith("E5001") && !d.startsWith("E5002"))).toEqual([]);
      }),
      { numRuns: 150, seed: 20260102 },
    );
  });
});

describe("steps and references", () => {
  it("reports an alternate index that is the contract's own underlying (E5007)", () => {
    expect(check(withFallback(`${NP}    1. use index TOK\n    2. determined by the exchange\n`))).toEqual(["E5007 12:18-12:21"]);
  });

  it("follows an option to its underlying future's index", () => {
    const main = `import "lib.terms"
option O {
  underlying future TOKF
  type call
  exercise european
  contract unit 1 TOKF
  strikes every 0.05 USD per 1M tokens
  premium tick 0.001 USD per 1M tokens
  expiry with the underlying
  final settlement in cash at the final settlement price of TOKF, unrounded
  fallback {
    1. use index TOK
    2. postpone up to 1 business day
    3. determined by the exchange
  }
}
`;
    // Postponement falls back on TOKF's last trading day calendar; TOK is circular through TOKF. The option settles
    // at TOKF's final settlement price, so its own fallback never applies at all (E5091): TOKF's waterfall decides.
    expect(check({ "main.terms": main, "lib.terms": LIB })).toEqual(["E5091 11:3-15:4", "E5007 12:18-12:21"]);
  });

  it("needs a calendar for postponement (E5010): its own, or the last trading day's", () => {
    // A last trading day names its calendar (issue 13: without one it checked clean and then failed to lower).
    expect(check(withFallback(`${NP}    1. postpone up to 2 business days\n    2. determined by the exchange\n`, ""))).toEqual([
      "E5010 7:23-7:60",
      "E5010 12:8-12:38",
    ]);
    expect(check(withFallback(`${NP}    1. postpone up to 2 business days on NYC\n    2. determined by the exchange\n`, ""))).toEqual([
      "E5010 7:23-7:60",
    ]);
  });

  it("checks amounts and words in steps", () => {
    expect(check(withFallback(`${NP}    1. postpone up to 0 business days\n    2. determined by the exchange\n`))).toEqual([
      "E3003 12:23-12:24",
    ]);
    expect(check(withFallback(`${NP}    1. determined by the regulator\n`))).toEqual(["E2007 12:26-12:35"]);
    expect(check(withFallback("    disruption if exploded\n    1. determined by the exchange\n"))).toEqual(["E2007 11:19-11:27"]);
  });

  it("numbers steps 1, 2, 3 (E5006), reporting the first misnumbered one", () => {
    expect(check(withFallback(`${NP}    2. use index ALT\n    3. determined by the exchange\n`))).toEqual(["E5006 12:5-12:6"]);
    expect(check(withFallback(`${NP}    1. use index ALT\n    3. use index ALT\n    4. determined by the exchange\n`))).toEqual([
      "E5006 13:5-13:6",
    ]);
  });
});
