/**
 * Property: parsing and checking never throw, whatever the input. For 10,000 sources, half random token soup from
 * the language's own vocabulary and half mutations of the real files in specs/ and test/cases/syntax/ (a token or a
 * line deleted, duplicated or swapped, a character inserted, the text truncated), `parse` and `checkSources` return
 * normally, report no internal error (E9001), and every diagnostic and every tree node has a valid span in the
 * right file. The seed is fixed, so a failure reproduces; fast-check prints the shrunk counterexample.
 * `npm test` runs the first batches of each generator (2,500 sources, the same seeds); `.ci/run` runs all 10,000
 * (TERMSHEET_PROPERTY=full).
 */
import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidSpan, SourceFile } from "../../src/base/source.js";
import { Codes, type Diagnostic } from "../../src/diagnostics/index.js";
import { checkSources, type Host } from "../../src/driver.js";
import { parse } from "../../src/syntax/parse.js";
import { keywords } from "../../src/syntax/tokens.js";
import { allSpans } from "../helpers/ast-json.js";
import { termsFiles } from "../helpers/files.js";

const SEED = 20_261_124;
const FULL = process.env["TERMSHEET_PROPERTY"] === "full";
/** Runs per generator; together 10,000 sources in CI, 2,500 (the first batches of each) in `npm test`. */
const SOUP_RUNS = FULL ? 7_000 : 1_500;
const MUTATION_RUNS = FULL ? 3_000 : 1_000;
/** Runs per test. */
const BATCH = 500;

const corpus = [...termsFiles("specs"), ...termsFiles("test/cases/syntax")];
const byPath = new Map(corpus.map((f) => [f.path, f.text]));

/** Imports resolve against the unmutated corpus, in memory. */
const host: Host = {
  readFile: (path) => byPath.get(posix.normalize(path)),
  resolveImport: (from, imp) => posix.join(posix.dirname(from), imp),
};

// ----------------------------------------------------------------------------------------------- generators

const literals = [
  "0",
  "1",
  "12",
  "2026",
  "0.01",
  "-5",
  "1_000",
  "1__0",
  "1_",
  "007",
  "25th",
  "1st",
  "1M",
  "10K",
  "5%",
  "0.10%",
  "-3%",
  "2026-01-01",
  "2026-02-30",
  "2012-29-10",
  "16:00",
  "14:59:30",
  "24:00",
  "25:00",
  "9:61",
  '"NYSE"',
  '"a \\"quoted\\" word"',
  '"bad \\q escape"',
  '"never closed',
  '""',
  "Europe/London",
  "America/New_York",
  "Etc/GMT+5",
  "FOTI",
  "AITOK_OUT",
  "NYSE",
  "Saturday",
  "January",
  "half-even",
  "volume-weighted-median",
  "not-published",
  "tokens",
  "GPU-hour",
  "USD",
  "million",
  "first",
  "third",
  "fifth",
];
const punctuation = [
  "{",
  "}",
  "{",
  "}",
  ",",
  ".",
  ":",
  "//",
  "// comment",
  "/* block */",
  "/*",
  "*/",
  "$",
  "'",
  "#",
  "\\",
  "é",
  "😀",
  "\u0000",
];
const separators = [" ", " ", " ", "\n", "\n  ", "\t", "\r\n", ""];

/** Random token soup from the language's keywords, literals and punctuation, joined by random spacing. */
const soup = fc
  .array(fc.tuple(fc.constantFrom(...keywords, ...literals, ...punctuation), fc.constantFrom(...separators)), { maxLength: 80 })
  .map((parts) => ({ path: "soup.terms", text: parts.map(([t, s]) => t + s).join("") }));

type MutationKind =
  "deleteToken" | "duplicateToken" | "swapTokens" | "deleteLine" | "duplicateLine" | "swapLines" | "insertChar" | "truncate";
const mutationKinds: MutationKind[] = [
  "deleteToken",
  "duplicateToken",
  "swapTokens",
  "deleteLine",
  "duplicateLine",
  "swapLines",
  "insertChar",
  "truncate",
];
const insertable = [
  "{",
  "}",
  ",",
  ".",
  '"',
  "/",
  "*",
  "\n",
  " ",
  "_",
  "-",
  ":",
  "%",
  "0",
  "9",
  "a",
  "Z",
  "$",
  "'",
  "é",
  "\u00a0",
  "\ud83d",
];

interface Mutation {
  readonly kind: MutationKind;
  readonly a: number;
  readonly b: number;
  readonly ch: string;
}

/** Applies one mutation; positions are taken modulo what the text has, so every mutation applies. */
function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case "deleteToken":
    case "duplicateToken":
    case "swapTokens": {
      const tokens = [...text.matchAll(/\S+/g)].map((x) => ({ start: x.index, end: x.index + x[0].length }));
      if (tokens.length === 0) return text;
      const t = tokens[m.a % tokens.length]!;
      if (m.kind === "deleteToken") return text.slice(0, t.start) + text.slice(t.end);
      if (m.kind === "duplicateToken") return text.slice(0, t.end) + " " + text.slice(t.start, t.end) + text.slice(t.end);
      const u = tokens[(m.a + 1) % tokens.length]!;
      if (u.start <= t.start) return text;
      return (
        text.slice(0, t.start) + text.slice(u.start, u.end) + text.slice(t.end, u.start) + text.slice(t.start, t.end) + text.slice(u.end)
      );
    }
    case "deleteLine":
    case "duplicateLine":
    case "swapLines": {
      const lines = text.split("\n");
      const i = m.a % lines.length;
      if (m.kind === "deleteLine") lines.splice(i, 1);
      else if (m.kind === "duplicateLine") lines.splice(i, 0, lines[i]!);
      else {
        const j = m.b % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return lines.join("\n");
    }
    case "insertChar": {
      const at = m.a % (text.length + 1);
      return text.slice(0, at) + m.ch + text.slice(at);
    }
    case "truncate":
      return text.slice(0, m.a % (text.length + 1));
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...mutationKinds),
  a: fc.nat(),
  b: fc.nat(),
  ch: fc.constantFrom(...insertable),
});

/** A real file with one to three mutations applied; it keeps its path, so its imports still resolve. */
const mutated = fc
  .tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([file, ms]) => ({ path: file.path, text: ms.reduce(mutate, file.text) }));

// ----------------------------------------------------------------------------------------------- the property

/** What is wrong with a set of diagnostics: spans out of range or in a file never read, internal errors. */
function problems(diagnostics: readonly Diagnostic[], lengths: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const d of diagnostics) {
    if (d.code === Codes.InternalError) out.push(`internal error: ${d.message}`);
    for (const span of [d.span, ...(d.labels ?? []).map((l) => l.span)]) {
      const length = lengths.get(span.file);
      if (length === undefined) out.push(`${d.code} points into ${span.file}, which was never read`);
      else if (!isValidSpan(span, length)) out.push(`${d.code} has span ${span.start}-${span.end} in a text of ${length}`);
    }
  }
  return out;
}

/** Parses and checks one source; throws (failing the property) with a description of anything wrong. */
function parsesAndChecksCleanly(input: { path: string; text: string }): void {
  const source = new SourceFile(input.path, input.text);
  const parsed = parse(source);
  const found = problems(parsed.diagnostics, new Map([[input.path, input.text.length]]));
  for (const span of allSpans(parsed.ast)) {
    if (span.file !== input.path || !isValidSpan(span, input.text.length)) found.push(`tree span ${span.file}:${span.start}-${span.end}`);
  }
  for (const c of parsed.comments) {
    if (input.text.slice(c.span.start, c.span.end) !== c.text) found.push(`comment ${c.span.start}-${c.span.end} is not its text`);
  }
  const checked = checkSources([input], host);
  found.push(...problems(checked.diagnostics, new Map([...checked.sources].map(([path, s]) => [path, s.text.length]))));
  if (found.length > 0) throw new Error(found.join("\n"));
}

describe("parse and checkSources never throw", () => {
  it("finds the real files to mutate", () => {
    expect(corpus.length).toBeGreaterThan(5);
  });

  // In batches of at most BATCH runs, each its own test with its own seed: a synchronous test blocks the worker,
  // and one of tens of seconds makes vitest's worker RPC time out on a loaded machine.
  for (let i = 0; i * BATCH < SOUP_RUNS; i++) {
    it(`on random token soups, batch ${i + 1} of ${Math.ceil(SOUP_RUNS / BATCH)}`, () => {
      fc.assert(fc.property(soup, parsesAndChecksCleanly), { seed: SEED + i, numRuns: Math.min(BATCH, SOUP_RUNS - i * BATCH) });
    });
  }

  for (let i = 0; i * BATCH < MUTATION_RUNS; i++) {
    // A batch checks 500 mutated real files: 23–36 s measured on the shared machine (load 22), over the 30 s limit.
    it(`on mutations of real files, batch ${i + 1} of ${Math.ceil(MUTATION_RUNS / BATCH)}`, () => {
      fc.assert(fc.property(mutated, parsesAndChecksCleanly), { seed: SEED + i, numRuns: Math.min(BATCH, MUTATION_RUNS - i * BATCH) });
    }, 120_000);
  }
});
