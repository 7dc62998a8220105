/**
 * Tests of did-you-mean suggestions and the Damerau–Levenshtein distance behind them.
 */
import { describe, expect, it } from "vitest";
import { damerauLevenshtein, hintFor, suggest } from "../../src/diagnostics/index.js";

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

describe("hintFor", () => {
  it("phrases the suggestion as a hint", () => {
    expect(hintFor("AITOK_OUTT", ["AITOK_OUT"])).toBe("did you mean `AITOK_OUT`?");
    expect(hintFor("xyz", weekdays)).toBeUndefined();
  });
});
