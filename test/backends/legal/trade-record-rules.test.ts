/**
 * The readable methodology words the trade qualification rules on named fields of the record (issue 15) as the
 * methodology does: TOKT_QUAL's Section 2, 'Only arm's-length outright trades qualify: a trade between affiliated
 * companies, a leg of a spread, an option, a trade cancelled before confirmation and a trade reversed within five
 * minutes of its execution do not' (the affiliate rule after the FERC Policy Statement on Natural Gas and Electric
 * Price Indices, 2003: 'each bilateral, arm's-length transaction between non-affiliated companies').
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDocument, toMarkdown } from "../../../src/backends/legal/index.js";
import { loadSpec } from "../../../src/model/load.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");

describe("trade qualification on named fields of the record, in the readable methodology", () => {
  const spec = loadSpec(readFileSync(join(ROOT, "test/cases/compiled/indices/TOKT_QUAL.json"), "utf8"));
  const md = toMarkdown(buildDocument(spec, { asOf: "2026-03-27" }));

  it("states each rule as a step of the calculation, in the order written", () => {
    const sentences = [
      'A trade whose record carries the flag "affiliate" does not qualify and is left out of every step of the calculation.',
      'A trade whose record is of type "spread-leg" does not qualify',
      'A trade whose record is of type "option" does not qualify',
      'A trade whose record carries the flag "cancelled-before-confirmation" does not qualify',
      "A trade reversed within 5 minutes of its execution does not qualify and is left out of every step of the calculation; a trade reversed later qualifies.",
    ];
    const at = sentences.map((s) => md.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).toMatch(/Calculation step \d+: trade qualification/i);
  });
});

/**
 * TOKO_24H (specs/indices/token-output-24h.terms): 'ordered aliases; the first one present in the catalogue on a given
 * date is used' (TOKO Index Methodology, Section 2), and each trade counted once, by the seller's report, a trade with
 * the administrator's market-making affiliate not arm's-length (Section 3, after the FERC Policy Statement of 2003).
 */
describe("the side, the counterparty and aliases chosen per day, in the readable methodology", () => {
  const spec = loadSpec(readFileSync(join(ROOT, "test/cases/compiled/indices/TOKO_24H.json"), "utf8"));
  const md = toMarkdown(buildDocument(spec, { asOf: "2026-03-27" }));

  it("states the side and the counterparty rules as steps of the calculation, in the order written", () => {
    const sentences = [
      "A trade reported by its buy side does not qualify and is left out of every step of the calculation, so that a trade reported by both sides is counted once, by its seller's report; a report that states no side qualifies.",
      'A trade whose record carries the flag "affiliate" does not qualify',
      'A trade with the counterparty "TSB-MM" does not qualify and is left out of every step of the calculation; a report that names no counterparty qualifies.',
      "A source whose qualifying trades in the window are with fewer than 3 different counterparties is not used; a trade that names no counterparty adds none.",
    ];
    const at = sentences.map((s) => md.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("states that each source's aliases are decided on each day of the window", () => {
    expect(md).toContain(
      "Eligible models, in priority order (the first one available is used): claude-sonnet-4-5; claude-sonnet-4-5-20250929. The list is decided on each day of the window, in the window's time zone: on each day, the first model of the list present that day is used for that day's observations, and the observations of the other models of the list that day are not used.",
    );
  });
});
