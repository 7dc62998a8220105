/**
 * Declared units through the checker (check/declared-units.ts, unit-of.ts) with an in-memory host, on the terms of
 * Coinbase Derivatives' Nano Solana futures (coinbase.com contract specifications: a contract of 5 SOL, prices in
 * USD per SOL), written here as `contract unit 500 SOL`, and CME E-mini S&P 500 (Rulebook Chapter 358:
 * "$50 x S&P 500 Index", "0.25 index points"). Assertions are on codes and spans, never on wording.
 */
import { describe, expect, it } from "vitest";
import { checkFiles, located } from "../helpers/check.js";

function check(files: Record<string, string>): string[] {
  return located(checkFiles(files), Object.keys(files)[0]);
}

const calendar = `calendar NYC {
  time zone America/New_York
  weekend Saturday, Sunday
}
`;

function sol(units: string, contractUnit = "500 SOL"): string {
  return `${units}
${calendar}index SOLX {
  quoted in USD per SOL
  aggregate sources by median
  round to 0.01 half-even
  publish on business days of NYC at 16:00 America/New_York
}
future SOLF {
  underlying SOLX
  contract unit ${contractUnit}
  price quoted in USD per SOL
  tick 0.01 USD per SOL
  last trading day is the last Friday of the contract month, adjusted preceding on NYC
  trading terminates at 16:00 America/New_York
  final settlement in cash at SOLX at 16:00 America/New_York on the last trading day, rounded to 0.01 half-even
}
`;
}

describe("declared units", () => {
  it("accepts 500 SOL once SOL is declared an asset", () => {
    expect(check({ "sol.terms": sol(`unit SOL "Solana" is an asset`) })).toEqual([]);
  });

  it("reports SOL as an unknown unit (E3002) without the declaration", () => {
    expect(check({ "sol.terms": sol("") }).every((l) => l.startsWith("E3002"))).toBe(true);
    expect(check({ "sol.terms": sol("") }).length).toBeGreaterThan(0);
  });

  it("sees a unit declared in an imported file", () => {
    const main = `import "units.terms"\n${sol("")}`;
    expect(check({ "main.terms": main, "units.terms": `unit SOL "Solana" is an asset\n` })).toEqual([]);
  });

  it("refuses a contract unit in points priced in SOL: USD per SOL × points is not money (E3007)", () => {
    const codes = check({ "sol.terms": sol(`unit SOL "Solana" is an asset\nunit point "index point"`, "50 points") });
    expect(codes.map((l) => l.split(" ")[0])).toEqual(["E3007"]);
  });
});
