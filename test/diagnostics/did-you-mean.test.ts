/**
 * Tests of did-you-mean suggestions and the Damerau–Levenshtein distance behind them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { damerauLevenshtein, hintFor, suggest } from "../../src/diagnostics/index.js";
import { limitSuggestionWork, MAX_SUGGESTION_LENGTH } from "../../src/diagnostics/did-you-mean.js";
import { checkSources } from "../../src/driver.js";

/** The textbook unrestricted Damerau–Levenshtein distance (Lowrance–Wagner, the whole table): the oracle. */
function oracle(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const n = s.length;
  const m = t.length;
  const inf = n + m;
  const d: number[][] = Array.from({ length: n + 2 }, () => new Array<number>(m + 2).fill(0));
  d[0]![0] = inf;
  for (let i = 0; i <= n; i++) [d[i + 1]![0], d[i + 1]![1]] = [inf, i];
  for (let j = 0; j <= m; j++) [d[0]![j + 1], d[1]![j + 1]] = [inf, j];
  const da = new Map<string, number>();
  for (let i = 1; i <= n; i++) {
    let db = 0;
    for (let j = 1; j <= m; j++) {
      const i1 = da.get(t[j - 1]!) ?? 0;
      const j1 = db;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      if (cost === 0) db = j;
      d[i + 1]![j + 1] = Math.min(d[i]![j]! + cost, d[i + 1]![j]! + 1, d[i]![j + 1]! + 1, d[i1]![j1]! + (i - i1 - 1) + 1 + (j - j1 - 1));
    }
    da.set(s[i - 1]!, i);
  }
  return d[n + 1]![m + 1]!;
}

const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const conventions = ["half-up", "half-down", "half-even", "up", "down"];

describe("damerauLevenshtein", () => {
  it("counts insertions, deletions, substitutions and transpositions", () => {
    expect(damerauLevenshtein("", "")).toBe(0);
    expect(damerauLevenshtein("", "abc")).toBe(3);
    expect(damerauLevenshtein("abc", "")).toBe(3);
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    expect(damerauLevenshtein("ab", "ba")).toBe(1);
    expect(damerauLevenshtein("Mondya", "Monday")).toBe(1);
    // Unrestricted: a transposition may be edited again (the restricted variant gives 3).
    expect(damerauLevenshtein("ca", "abc")).toBe(2);
    expect(damerauLevenshtein("東京", "京東")).toBe(1);
  });

  it("equals the textbook algorithm, and with a bound is exact up to it and the bound plus one beyond", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d", "東", "😀"), maxLength: 14 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 8 }), (a, b, max) => {
        const exact = oracle(a, b);
        expect(damerauLevenshtein(a, b)).toBe(exact);
        expect(damerauLevenshtein(a, b, max)).toBe(Math.min(exact, max + 1));
      }),
      { seed: 20261206, numRuns: 3000 },
    );
  });

  it("with a bound, costs time in the length times the bound and memory in the bound only", () => {
    // 200,000 characters each: the whole table would hold 4 × 10^10 cells.
    const a = "ab".repeat(100_000);
    expect(damerauLevenshtein(a, a.slice(0, -1) + "x", 3)).toBe(1);
    expect(damerauLevenshtein(a, "ba" + a.slice(2), 3)).toBe(1);
    expect(damerauLevenshtein(a, "c".repeat(200_000), 3)).toBe(4);
    expect(damerauLevenshtein(a, a.slice(10), 3)).toBe(4);
  });

  it("is symmetric", () => {
    const words = ["AITOK_OUT", "AITOK_OUTT", "half-evn", "ca", "abc", "", "x"];
    for (const a of words) for (const b of words) expect(damerauLevenshtein(a, b)).toBe(damerauLevenshtein(b, a));
  });
});

describe("suggest", () => {
  it("finds the intended name", () => {
    expect(suggest("AITOK_OUTT", ["AITOK_IN", "AITOK_OUT", "AITOK_MIX"])).toBe("AITOK_OUT");
    expect(suggest("Mondy", weekdays)).toBe("Monday");
    expect(suggest("half-evn", conventions)).toBe("half-even");
    expect(suggest("Tuesdya", weekdays)).toBe("Tuesday");
  });

  it("suggests nothing when nothing is close", () => {
    expect(suggest("xyz", [...weekdays, ...conventions])).toBeUndefined();
    expect(suggest("", ["a"])).toBeUndefined();
    expect(suggest("Monday", [])).toBeUndefined();
  });

  it("compares case-insensitively but never suggests the word itself", () => {
    expect(suggest("monday", weekdays)).toBe("Monday");
    expect(suggest("Monday", ["Monday"])).toBeUndefined();
  });

  it("scales the threshold with the length of the word", () => {
    // Up to five letters allow one edit, six to eight allow two.
    expect(suggest("Mndy", weekdays)).toBeUndefined();
    expect(suggest("Mnday", weekdays)).toBe("Monday");
    expect(suggest("Frdy", weekdays)).toBeUndefined();
    expect(suggest("AITOK_OT", ["AITOK_OUT"])).toBe("AITOK_OUT");
    expect(suggest("xyz", ["xyzzy"], { maxDistance: 2 })).toBe("xyzzy");
  });

  it("prefers the closest candidate, then the earliest", () => {
    expect(suggest("half-dow", conventions)).toBe("half-down");
    expect(suggest("ab", ["ax", "ay"])).toBe("ax");
    expect(suggest("ab", ["ay", "ax"])).toBe("ay");
    expect(suggest("AITOK_OUTT", ["AITOK_OUTS", "AITOK_OUT"])).toBe("AITOK_OUTS");
    expect(suggest("AITOK_OUTTT", ["AITOK_OUTS", "AITOK_OUTTT2", "AITOK_OUTT"])).toBe("AITOK_OUTTT2");
  });
});

describe("bounds", () => {
  it(`suggests nothing for a word longer than ${MAX_SUGGESTION_LENGTH} characters, however close a candidate`, () => {
    const long = "L".repeat(MAX_SUGGESTION_LENGTH);
    expect(suggest(long + "x", [long + "y"])).toBeUndefined();
    expect(suggest(long.slice(1) + "x", [long])).toBe(long);
    expect(suggest("L".repeat(16_000) + "M", ["L".repeat(16_001)])).toBeUndefined();
  });

  it("stops suggesting when the work allowed is spent, and the allowance is restored after", () => {
    const restore = limitSuggestionWork(100);
    try {
      expect(suggest("Mondy", weekdays)).toBe("Monday");
      // The first call spent the allowance.
      expect(suggest("Tuesdy", weekdays)).toBeUndefined();
    } finally {
      restore();
    }
    expect(suggest("Tuesdy", weekdays)).toBe("Tuesday");
  });

  it("keeps a check of long unknown names among long declared ones linear: reported, without a hint, no internal error", () => {
    for (const length of [16_000, 500_000]) {
      const declared = "L".repeat(length);
      const used = "L".repeat(length - 1) + "M";
      const text = `calendar ${declared} {\n  time zone Europe/London\n}\ncalendar J {\n  time zone Europe/London\n  based on ${used}\n}\n`;
      const r = checkSources([{ path: "a.terms", text }], { readFile: () => undefined, resolveImport: (_f, p) => p });
      // The declared name is also longer than a name may be (E2026, issue 13).
      expect(r.diagnostics.map((d) => d.code)).toEqual(["E2026", "E2001"]);
      expect(r.diagnostics.find((d) => d.code === "E2001")!.hint).toBeUndefined();
    }
  });

  it("keeps a check of thousands of unknown names among thousands of declarations within its allowance", () => {
    const decls = Array.from({ length: 1_000 }, (_, k) => `calendar C${k} {\n  time zone Europe/London\n  based on C${k}x\n}\n`);
    const r = checkSources([{ path: "a.terms", text: decls.join("") }], { readFile: () => undefined, resolveImport: (_f, p) => p });
    const unknown = r.diagnostics.filter((d) => d.code === "E2001");
    expect(unknown.length).toBe(1_000);
    // The first ones get their hint; the allowance ends before the last ones.
    expect(unknown[0]!.hint).toBe("did you mean `C0`?");
    expect(unknown.at(-1)!.hint).toBeUndefined();
  });
});

describe("hintFor", () => {
  it("phrases the suggestion as a hint", () => {
    expect(hintFor("AITOK_OUTT", ["AITOK_OUT"])).toBe("did you mean `AITOK_OUT`?");
    expect(hintFor("xyz", weekdays)).toBeUndefined();
  });
});
