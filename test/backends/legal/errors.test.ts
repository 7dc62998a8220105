/**
 * The errors a reviewing lawyer found in the readable contract (issue 19), each with the test that would have
 * caught it: worked examples from the contract's own terms (a put-only option shows a put), plural agreement and
 * thousands separators, every date rule the language can express as one grammatical sentence (a property test
 * over every rule form, whose claim that a convention cannot move a shifted day is checked against the engine),
 * the price-domain sentence against what settlement does, the tick value, zones as a rulebook writes them with the
 * IANA zone in the definitions, descriptions that contradict their terms, and no repetition.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDocument, toMarkdown, type LegalDocument } from "../../../src/backends/legal/index.js";
import { amountIn, clockTime, count, dateRuleWords, figure, money, zonedTime } from "../../../src/backends/legal/words.js";
import { contentHash } from "../../../src/model/canonical.js";
import { loadSpec } from "../../../src/model/load.js";
import type { ContractDateRule, Spec } from "../../../src/model/types.js";
import { evaluateDateRule } from "../../../src/runtime/calendar/date-rules.js";
import { parseFixings } from "../../../src/runtime/market-data/index.js";
import { Schedule } from "../../../src/runtime/schedule/index.js";
import { settlementFunctions } from "../../../src/runtime/functions/functions.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const AS_OF = "2026-01-15";
const load = (name: string): Spec => loadSpec(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8"));
/** A changed copy of a compiled spec, with its hash recomputed so that it loads. */
function variant(name: string, change: (s: Record<string, never>) => void): Spec {
  const json = JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8"));
  change(json);
  json.contentHash = contentHash(json);
  return loadSpec(JSON.stringify(json));
}
const clause = (doc: LegalDocument, title: string, section?: string) =>
  doc.sections.filter((s) => section === undefined || s.title === section).flatMap((s) => s.clauses.filter((c) => c.title === title))[0];
const text = (doc: LegalDocument, title: string, section?: string): string => {
  const c = clause(doc, title, section);
  if (c === undefined) return "";
  return c.blocks.map((b) => (b.kind === "paragraph" ? b.text : b.kind === "list" ? b.items.join("\n") : b.rows.join("\n"))).join("\n");
};

describe("worked examples come from the contract's own terms", () => {
  it("a put-only option shows a put and no call", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const spec = variant("FOTI_OPT", (s: any) => (s.contracts.FOTI_OPT.rights[0].value = ["put"]));
    const doc = buildDocument(spec, { asOf: AS_OF });
    const ex = text(doc, "Worked examples");
    // By hand: AITOK_OUT sample 7.3125 rounds half-even to 7.312 (the FOTI tick 0.001); the put strike is the grid
    // step (0.05) above the next grid price at or above 7.312, i.e. 7.35 + 0.05 = 7.40; intrinsic 7.40 - 7.312 =
    // 0.088 per 1M tokens; the contract unit is one FOTI (1,000 million tokens), so it pays 0.088 × 1,000 = USD 88.00.
    expect(ex).toContain("A put with strike price USD 7.4 per 1M tokens is exercised (In the Money by USD 0.088 per 1M tokens)");
    expect(ex).toContain("pays USD 88.00 per contract");
    expect(ex).not.toMatch(/\bcall\b/i);
    await expect(toMarkdown({ ...doc, sections: doc.sections.filter((s) => s.title === "Contract months") })).toMatchFileSnapshot(
      join(ROOT, "test/cases/render/variants/FOTI_OPT-put-only-months.md"),
    );
  });

  it("a call-only option shows a call and no put", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const spec = variant("FOTI_OPT", (s: any) => (s.contracts.FOTI_OPT.rights[0].value = ["call"]));
    const ex = text(buildDocument(spec, { asOf: AS_OF }), "Worked examples");
    // By hand: the call strike is the grid price at or below 7.312 less one step, 7.30 - 0.05 = 7.25; 0.062 × 1,000.
    expect(ex).toContain("A call with strike price USD 7.25 per 1M tokens is exercised (In the Money by USD 0.062 per 1M tokens)");
    expect(ex).toContain("pays USD 62.00 per contract");
    expect(ex).not.toMatch(/\bput\b/i);
  });

  it("strikes stay above zero when the strike grid is coarse (USD 500 per bitcoin, CME Chapter 350A)", () => {
    const ex = text(buildDocument(load("BTC_OPT"), { asOf: AS_OF }), "Worked examples");
    // By hand: BTC settles to the cent, so the sample 0.01 × 7312.5 = 73.125 is scaled by ten until it is at least four
    // strike steps (2,000): 7,312.5. Call strike 7,000 − 500 = 6,500: (7,312.5 − 6,500) × 5 bitcoin = 4,062.50. Put
    // strike 7,500 + 500 = 8,000: (8,000 − 7,312.5) × 5 = 3,437.50. One option is one BTC futures contract (5 bitcoin).
    expect(ex).toContain(
      "A call with strike price USD 6,500 per BTC is exercised (In the Money by USD 812.5 per BTC) and pays USD 4,062.50 per contract",
    );
    expect(ex).toContain(
      "A put with strike price USD 8,000 per BTC is exercised (In the Money by USD 687.5 per BTC) and pays USD 3,437.50 per contract",
    );
    expect(ex).not.toContain("USD -");
  });
});

describe("plural agreement and thousands separators", () => {
  it("says 1,000 GPU-hours and 1 GPU-hour", () => {
    expect(text(buildDocument(load("GPUH"), { asOf: AS_OF }), "Contract unit")).toContain("One contract is 1,000 GPU-hours.");
    expect(amountIn("1", "GPU-hour")).toBe("1 GPU-hour");
    expect(amountIn("2.5", "GPU-hours")).toBe("2.5 GPU-hours");
    expect(amountIn("5", "BTC")).toBe("5 BTC");
    expect(amountIn("1000", "1M tokens")).toBe("1,000 million tokens");
    expect(amountIn("0.001", "USD per 1M tokens")).toBe("USD 0.001 per 1M tokens");
    expect(amountIn("12500", "USD per BTC")).toBe("USD 12,500 per BTC");
  });

  it("groups thousands in every figure, never in a fraction", () => {
    expect(figure("1000")).toBe("1,000");
    expect(figure("999")).toBe("999");
    expect(figure("1234567.891011")).toBe("1,234,567.891011");
    expect(figure("-7312.5")).toBe("-7,312.5");
    expect(count(10000, "contract", "contracts")).toBe("10,000 contracts");
    expect(count(1, "contract", "contracts")).toBe("1 contract");
    expect(money("7312", "USD")).toBe("USD 7,312.00");
    expect(money("0.5", "USD")).toBe("USD 0.50");
    expect(money("0.0005", "USD")).toBe("USD 0.0005");
  });

  it("no figure of four or more digits without separators in any rendered contract, outside authors' text", () => {
    for (const name of ["BTC", "FOTB", "FOTI", "FOTI_CAL", "FOTI_FOTB", "FOTI_OPT", "FOTW", "GPUH", "GPUH5"]) {
      const doc = buildDocument(load(name), { asOf: AS_OF });
      for (const s of doc.sections)
        for (const c of s.clauses)
          for (const b of c.blocks) {
            // Authors' descriptions are quoted as written, also in the holidays table.
            if ((b.kind === "paragraph" && b.authored === true) || (b.kind === "table" && b.head[0] === "Holiday")) continue;
            const texts = b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : b.rows.flat();
            for (const t of texts) {
              // Years, ISO instants, symbols and rulebook numbers are not quantities.
              const stripped = t
                .replace(/\b\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2} UTC)?/g, "")
                .replace(/\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g, "")
                .replace(/\b(from|until|in|except in) \d{4}\b/g, "")
                .replace(/\b\d{4}(, \d{4})*\)/g, "")
                .replace(/[A-Z_]+-[A-Z]\d{2}/g, "")
                .replace(/Rulebook reference.*$/, "");
              expect(stripped, `${name} ${c.number}: ${t}`).not.toMatch(/(?<![\d.,])\d{4,}(?![\d-])/);
            }
          }
    }
  });
});

// Every form of date rule the model can hold.
const anchor = fc.oneof(
  fc.record({ kind: fc.constant("nthWeekday" as const), n: fc.integer({ min: 1, max: 5 }), weekday: fc.integer({ min: 1, max: 7 }) }),
  fc.record({ kind: fc.constant("lastWeekday" as const), weekday: fc.integer({ min: 1, max: 7 }) }),
  fc.constant({ kind: "lastBusinessDay" as const }),
  fc.constant({ kind: "firstBusinessDay" as const }),
  fc.record({ kind: fc.constant("nthBusinessDay" as const), n: fc.integer({ min: -31, max: 31 }).filter((n) => n !== 0) }),
  fc.record({ kind: fc.constant("dayOfMonth" as const), day: fc.integer({ min: 1, max: 31 }) }),
);
const convention = fc.constantFrom("following", "modified-following", "preceding", "modified-preceding", "unadjusted" as const);
const shift = fc.record({
  businessDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
  direction: fc.constantFrom("before", "after" as const),
});
const dateRule: fc.Arbitrary<ContractDateRule> = fc.oneof(
  fc.record({
    kind: fc.constant("monthly" as const),
    rule: fc.record({ anchor, monthOffset: fc.integer({ min: -3, max: 3 }), shift, convention, calendar: fc.constant("ENGLAND_WALES") }),
  }),
  fc.record({
    kind: fc.constant("weekly" as const),
    rule: fc.record({ weekday: fc.integer({ min: 1, max: 7 }), shift, convention, calendar: fc.constant("ENGLAND_WALES") }),
  }),
);

describe("every date rule renders as one grammatical sentence", () => {
  const cal = () => "the England and Wales bank holidays calendar (ENGLAND_WALES)";
  it("the reviewer's garbled sentence is gone", () => {
    const r: ContractDateRule = {
      kind: "monthly",
      rule: {
        anchor: { kind: "lastBusinessDay" },
        monthOffset: 0,
        shift: { businessDays: 2, direction: "before" },
        convention: "unadjusted",
        calendar: "ENGLAND_WALES",
      },
    };
    expect(`The Last Trading Day is ${dateRuleWords(r, cal)}.`).toBe(
      "The Last Trading Day is the 2nd business day before the last business day of the contract month, business days being those of the England and Wales bank holidays calendar (ENGLAND_WALES).",
    );
  });

  it("property: one sentence, no semicolon, no stray clause, for every rule form", () => {
    fc.assert(
      fc.property(dateRule, (r) => {
        const s = `The Last Trading Day is ${dateRuleWords(r, cal)}.`;
        expect(s.split(/(?<=\.)\s+(?=[A-Z])/)).toHaveLength(1);
        expect(s).not.toMatch(/;|\.\.|,,|, ,|\s{2}|moved|that day, whether/);
        expect(s).toMatch(
          /^The Last Trading Day is the [^.]*, business days being those of the England and Wales bank holidays calendar \(ENGLAND_WALES\)\.$/,
        );
      }),
      { numRuns: 500, seed: 19 },
    );
  });

  it("property: a convention the sentence does not mention cannot move the day (checked with the engine)", () => {
    const spec = load("FOTI");
    const schedule = new Schedule(spec);
    const engines = (n: string) => {
      const e = schedule.engine(n);
      return e.ok ? e.value : undefined;
    };
    fc.assert(
      fc.property(
        dateRule.filter((r) => r.kind === "monthly"),
        fc.integer({ min: 2024, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        (r, year, month) => {
          if (r.kind !== "monthly") return;
          const words = dateRuleWords(r, () => "X");
          if (/if that day is not a business day|whether or not it is a business day/.test(words)) return;
          // The sentence says no convention: every convention gives the same day (or the same refusal).
          const days = (["following", "modified-following", "preceding", "modified-preceding", "unadjusted"] as const).map((convention) => {
            const v = evaluateDateRule({ ...r.rule, convention }, year, month, engines);
            return v.ok ? v.value : v.error.kind;
          });
          expect(new Set(days).size).toBe(1);
        },
      ),
      { numRuns: 300, seed: 19 },
    );
  });
});

describe("every rendered promise about prices is what settlement does", () => {
  const fixings = (csv: string) => {
    const r = parseFixings(csv, { file: "fixings.csv", indices: ["AITOK_OUT", "AITOK_OUT_ALT"] });
    if (!r.ok) throw new Error("bad fixings");
    return r.value;
  };
  const final = (spec: Spec, value: string) =>
    settlementFunctions(spec).final({
      period: "2026-03",
      fixings: fixings(`time,index,value,status\n2026-03-27T16:00:00Z,AITOK_OUT,${value},final\n`),
    });

  it("FOTI says prices are greater than zero, and settlement refuses a 0 and a negative fixing", () => {
    const spec = load("FOTI");
    expect(text(buildDocument(spec, { asOf: AS_OF }), "Negative prices")).toContain(
      "Prices are greater than zero. An index value, bid, offer, trade price or settlement price of zero or less is refused: no settlement price is determined from it.",
    );
    for (const v of ["0", "-0.5"]) {
      const r = final(spec, v);
      expect(r.ok).toBe(false);
      expect(r.price).toBeNull();
      expect(r.error?.kind).toBe("price-domain");
    }
    expect(final(spec, "7.3125").price).toBe("7.312");
    // A bid of zero is refused for the daily settlement too.
    const d = settlementFunctions(spec).daily({ period: "2026-03", date: "2026-03-02", prior: "7", bidAsk: { bid: "0", ask: "7.1" } });
    expect(d.ok).toBe(false);
    expect(d.error?.kind).toBe("price-domain");
  });

  it("with negative prices allowed the chapter says so, and settlement accepts a 0 fixing", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const spec = variant("FOTI", (s: any) => (s.contracts.FOTI.negativePrices = [{ ...s.contracts.FOTI.negativePrices[0], value: true }]));
    expect(text(buildDocument(spec, { asOf: AS_OF }), "Negative prices")).toBe("Prices may be zero or negative.");
    expect(final(spec, "0").price).toBe("0");
    expect(final(spec, "-0.5").price).toBe("-0.5");
  });
});

describe("the tick value", () => {
  it("is the tick times the contract unit, in money", () => {
    // By hand: FOTI 0.001 USD per 1M tokens × 1,000 million tokens = USD 1.00; spread tick 0.0005 × 1,000 = USD 0.50.
    const foti = buildDocument(load("FOTI"), { asOf: AS_OF });
    expect(text(foti, "Minimum price fluctuation")).toContain("The tick value is USD 1.00 per contract.");
    expect(text(foti, "Spread price fluctuation")).toContain("The value of the spread tick is USD 0.50 per contract.");
    // BTC: USD 5 per BTC × 5 BTC = USD 25.00.
    expect(text(buildDocument(load("BTC"), { asOf: AS_OF }), "Minimum price fluctuation")).toContain(
      "The tick value is USD 25.00 per contract.",
    );
    // FOTI_OPT premiums: 0.0005 × 1,000 = USD 0.50 at or below USD 0.1; 0.001 × 1,000 = USD 1.00 above.
    expect(text(buildDocument(load("FOTI_OPT"), { asOf: AS_OF }), "Premium fluctuation")).toContain(
      "The value of the premium tick is USD 0.50 per contract for prices at or below USD 0.1 per 1M tokens; USD 1.00 per contract for prices above USD 0.1 per 1M tokens.",
    );
  });
});

describe("zones as a rulebook writes them", () => {
  it("names the place, on the clock of the place, with the IANA zone in the definitions", () => {
    expect(zonedTime({ time: "16:00:00", zone: "Europe/London" })).toBe("16:00 London time");
    expect(zonedTime({ time: "16:00:00", zone: "America/New_York" })).toBe("4:00 p.m. New York time");
    expect(zonedTime({ time: "09:30:00", zone: "America/Chicago" })).toBe("9:30 a.m. Chicago time");
    expect(clockTime("12:00:00", "America/New_York")).toBe("12:00 noon");
    expect(clockTime("14:59:30", "America/Chicago")).toBe("2:59:30 p.m.");
    for (const name of ["BTC", "FOTB", "FOTI", "FOTI_CAL", "FOTI_FOTB", "FOTI_OPT", "FOTW", "GPUH", "GPUH5"]) {
      const doc = buildDocument(load(name), { asOf: AS_OF });
      const md = toMarkdown(doc);
      const defs = text(doc, "Defined terms");
      // An IANA name appears only in the definitions (and in authors' text, quoted as written).
      const body = toMarkdown({ ...doc, sections: doc.sections.filter((s) => s.title !== "Definitions") });
      expect(body, name).not.toMatch(/\b(Europe|America|Asia)\/[A-Za-z_]+ time\b/);
      for (const zone of md.match(/\b(Europe|America|Asia)\/[A-Za-z_]+/g) ?? [])
        expect(defs, `${name}: ${zone}`).toContain(`IANA time zone ${zone}`);
    }
    const gpuh = buildDocument(load("GPUH"), { asOf: AS_OF });
    expect(text(gpuh, "Termination of trading")).toBe(
      "Trading in an expiring contract terminates at 4:00 p.m. New York time on the Last Trading Day.",
    );
    expect(text(gpuh, "Defined terms")).toContain(
      "New York time,The civil time in force in New York, as given by the IANA time zone America/New_York, including its changes between standard time and summer time.",
    );
  });
});

describe("descriptions that contradict their terms", () => {
  // The reviewer's case: the tick changed from 0.001 to 0.002 and the author's description stayed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const changed = variant("FOTI", (s: any) => (s.contracts.FOTI.tick[0].value[0].tick.amount = "0.002"));

  it("the chapter keeps the description and says which figures the terms contradict", () => {
    const t = text(buildDocument(changed, { asOf: AS_OF }), "Minimum price fluctuation");
    expect(t).toContain("Minimum price fluctuation USD 0.001 per 1M tokens, a tick value of USD 1.00 per contract.");
    expect(t).toContain(
      "Note: this description states USD 0.001 per 1M tokens where the terms state USD 0.002 per 1M tokens and USD 1.00 per contract where the terms state USD 2.00 per contract.",
    );
  });

  it("no description of a spec contract contradicts its terms", () => {
    for (const name of ["BTC", "FOTB", "FOTI", "FOTI_CAL", "FOTI_FOTB", "FOTI_OPT", "FOTW", "GPUH", "GPUH5"])
      expect(toMarkdown(buildDocument(load(name), { asOf: AS_OF })), name).not.toContain("Note: this description states");
  });
});

describe("no repetition", () => {
  it("a description that restates the generated sentence is left out, and references are said once per clause", () => {
    const foti = buildDocument(load("FOTI"), { asOf: AS_OF });
    // "Minimum price fluctuation USD 0.001 per 1M tokens, a tick value of USD 1.00 per contract." says what the
    // generated sentences say.
    expect(text(foti, "Minimum price fluctuation")).toBe(
      "The minimum price fluctuation (the tick) is USD 0.001 per 1M tokens.\nThe tick value is USD 1.00 per contract.",
    );
    expect(clause(foti, "Position limits")?.references).toEqual(["1102.E Position Limits"]);
    const opt = buildDocument(load("FOTI_OPT"), { asOf: AS_OF });
    expect(text(opt, "Exercise style", "Option specifications")).toBe("Options are European: they may be exercised only at expiry.");
    for (const name of ["BTC", "FOTB", "FOTI", "FOTI_CAL", "FOTI_FOTB", "FOTI_OPT", "FOTW", "GPUH", "GPUH5"]) {
      const md = toMarkdown(buildDocument(load(name), { asOf: AS_OF }));
      // No paragraph twice in a clause, and no reference line twice in a row.
      for (const clauseText of md.split(/\n### /)) {
        const paras = clauseText.split("\n\n").filter((x) => x.trim() !== "" && !x.startsWith("|"));
        expect(new Set(paras).size, `${name}: ${clauseText.slice(0, 40)}`).toBe(paras.length);
        expect((clauseText.match(/Rulebook reference/g) ?? []).length <= 1 || /\n\d+\. |\n\(\d\)/.test(clauseText)).toBe(true);
      }
    }
  });
});
