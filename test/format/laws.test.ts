/**
 * Properties of the formatter, on every file of specs/ and test/cases (syntax and format) and on sources generated
 * from them: formatting is idempotent, the syntax tree without spans is unchanged, and the comments are the same in
 * number, order and text. Generated sources re-space a real file (spaces, line breaks, blank lines, block and line
 * comments at a few random gaps between tokens) or delete, duplicate or swap lines; only sources that parse without
 * errors are kept. The seed is fixed, so a failure reproduces with its shrunk counterexample.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTerms } from "../../src/format/format.js";
import { lexer } from "../../src/syntax/tokens.js";
import { parsed, termsFiles } from "./support.js";

const SEED = Number(process.env.FMT_SEED ?? 20_261_124);
const RUNS = Number(process.env.FMT_RUNS ?? 150);

const corpus = [...termsFiles("specs"), ...termsFiles("test/cases/syntax"), ...termsFiles("test/cases/format")].filter(
  (f) => parsed(f.text).errors === 0,
);

async function format(text: string): Promise<string> {
  const r = await formatTerms(text);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.text;
}

/** Checks the three laws on one source that parses without errors. */
async function laws(text: string): Promise<void> {
  const once = await format(text);
  const twice = await format(once);
  expect(twice).toBe(once);
  const before = parsed(text);
  const after = parsed(once);
  expect(after.errors).toBe(0);
  expect(after.ast).toEqual(before.ast);
  expect(after.comments).toEqual(before.comments);
}

describe("formatter laws on real files", () => {
  it("has a corpus", () => expect(corpus.length).toBeGreaterThanOrEqual(20));
  for (const file of corpus) it(file.path, () => laws(file.text));
  it("specs/ is formatted", async () => {
    for (const file of termsFiles("specs")) expect(await format(file.text), file.path).toBe(file.text);
  });
});

// ----------------------------------------------------------------------------------------------- generators

const separators = [
  " ",
  "  ",
  "\t",
  "\n",
  "\n\n",
  "\n\n\n",
  "\n    ",
  " /* c */ ",
  " /* a\n b */ ",
  " // c\n",
  "\n// own line\n",
  "\n\n// after a blank\n",
];

/** The items of a text (tokens and comments) with the whitespace before each. */
function items(text: string): { text: string; comment: boolean }[] {
  const lexed = lexer.tokenize(text);
  const all = [...lexed.tokens.map((t) => ({ t, comment: false })), ...(lexed.groups["comments"] ?? []).map((t) => ({ t, comment: true }))];
  return all.sort((a, b) => a.t.startOffset - b.t.startOffset).map(({ t, comment }) => ({ text: t.image, comment }));
}

/** A real file with a few gaps between its items re-spaced; the other gaps keep their original whitespace. */
const respaced = fc
  .tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...separators)), { minLength: 1, maxLength: 6 }))
  .map(([file, changes]) => {
    const lexed = lexer.tokenize(file.text);
    const all = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    const gaps = all.map((t, i) => file.text.slice(i === 0 ? 0 : all[i - 1]!.startOffset + all[i - 1]!.image.length, t.startOffset));
    for (const [at, sep] of changes) {
      if (gaps.length < 2) break;
      const i = 1 + (at % (gaps.length - 1));
      // A line comment must still end its line.
      const afterLineComment = all[i - 1]!.image.startsWith("//");
      gaps[i] = afterLineComment && !sep.startsWith("\n") ? "\n" + sep : sep;
    }
    return all.map((t, i) => gaps[i] + t.image).join("") + "\n";
  })
  .filter((text) => parsed(text).errors === 0);

/** A real file with one line deleted, duplicated or swapped with another. */
const lineEdited = fc
  .tuple(fc.constantFrom(...corpus), fc.constantFrom("delete", "duplicate", "swap"), fc.nat(), fc.nat())
  .map(([file, kind, a, b]) => {
    const lines = file.text.split("\n");
    const i = a % lines.length;
    if (kind === "delete") lines.splice(i, 1);
    else if (kind === "duplicate") lines.splice(i, 0, lines[i]!);
    else {
      const j = b % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return lines.join("\n");
  })
  .filter((text) => parsed(text).errors === 0);

describe("formatter laws on generated sources", () => {
  it("items() sees comments", () => expect(items("a /* b */ c // d\n").filter((x) => x.comment)).toHaveLength(2));
  it("re-spaced files", async () => {
    await fc.assert(fc.asyncProperty(respaced, laws), { seed: SEED, numRuns: RUNS });
  }, 120_000);
  it("files with a line deleted, duplicated or swapped", async () => {
    await fc.assert(fc.asyncProperty(lineEdited, laws), { seed: SEED, numRuns: RUNS });
  }, 120_000);
});
