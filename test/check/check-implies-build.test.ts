/**
 * "Check ok ⇒ build ok" (issue 13, issue 17): whatever `check` accepts, `build` compiles, so no internal error
 * (E9001) and no model-validation failure (E6001) ever appears, neither in `check` (which lowers the program too)
 * nor in `build` (compileSources: the check, then the JSON specs), and every spec built is one the loader accepts.
 * Inputs: every source of specs/ and test/cases/, every prefix at a line boundary of each file of specs/ (what an
 * editor checks while the file is typed from the top), and a few hundred mutants of the fuzzer's mutator (a seed of
 * its own, so they differ from the fixed-seed sample of test/fuzz/). In process and without settling, so it is fast:
 * the fuzz sample runs the whole pipeline with a watchdog.
 */
import { describe, expect, it } from "vitest";
import { compileSources } from "../../src/compile.js";
import { Codes } from "../../src/diagnostics/index.js";
import { loadSpec } from "../../src/model/load.js";
import { memoryHost, readCorpus, type CorpusFile } from "../fuzz/corpus.js";
import { mutantAt } from "../fuzz/mutate.js";

const corpus = readCorpus();
const host = memoryHost(new Map(corpus.map((f) => [f.path, f.text])));
const BUG_CODES: ReadonlySet<string> = new Set([Codes.InternalError, Codes.ModelValidationFailed]);

/** The seed of this test's mutants, and how many. */
const SEED = 20_261_207;
const MUTANTS = 300;

/** What went wrong with one input (one line for the failure list), "built" or "refused" when check and build agree. */
function outcome(path: string, text: string, label: string): string {
  let built: ReturnType<typeof compileSources>;
  try {
    built = compileSources([{ path, text }], host, { compilerVersion: "0.0.0-test" });
  } catch (e) {
    return `${label}: threw ${(e as Error)?.message ?? String(e)}`;
  }
  const bug = built.diagnostics.find((d) => BUG_CODES.has(d.code));
  if (bug !== undefined) return `${label}: ${bug.code} ${bug.message}`;
  if (built.diagnostics.some((d) => d.severity === "error")) return "refused";
  for (const f of built.files) {
    try {
      loadSpec(f.text);
    } catch (e) {
      return `${label}: the loader refuses ${f.path}: ${(e as Error)?.message ?? String(e)}`;
    }
  }
  return "built";
}

/** Every prefix of a text that ends at a line boundary (the empty text excluded, the whole text included). */
function linePrefixes(text: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) out.push(text.slice(0, at + 1));
  if (!text.endsWith("\n") && text.length > 0) out.push(text);
  return out;
}

/** The failures among the inputs, and how many inputs were built (checked clean) of how many. */
function failures(inputs: Iterable<{ path: string; text: string; label: string }>): { failed: string[]; built: number; all: number } {
  const failed: string[] = [];
  let built = 0;
  let all = 0;
  for (const i of inputs) {
    all++;
    const o = outcome(i.path, i.text, i.label);
    if (o === "built") built++;
    else if (o !== "refused") failed.push(o);
  }
  return { failed, built, all };
}

describe("check ok implies build ok", () => {
  it("for every source of specs/ and test/cases/", () => {
    const r = failures(corpus.map((f) => ({ ...f, label: f.path })));
    expect(r.failed).toEqual([]);
  });

  // One test per file of specs/ (the prefixes of all of them are quadratic in their lengths: together they outgrew one
  // test's time limit on a loaded machine), and one that the prefixes are there at all.
  const specs: CorpusFile[] = corpus.filter((f) => f.path.startsWith("specs/"));
  const builtPrefixes = new Map<string, number>();
  it.each(specs.map((f) => [f.path, f] as const))("for every prefix at a line boundary of %s", (_, f) => {
    const r = failures(linePrefixes(f.text).map((text, k) => ({ path: f.path, text, label: `${f.path}, first ${k + 1} lines` })));
    expect(r.failed).toEqual([]);
    builtPrefixes.set(f.path, r.built);
  });

  it("for the prefixes of specs/: more than 1,000 of them, and each file's own text among those built", () => {
    expect(specs.reduce((n, f) => n + linePrefixes(f.text).length, 0)).toBeGreaterThan(1000);
    // Run after the per-file tests (vitest runs a file's tests in order); each whole file checks clean.
    for (const f of specs) expect(builtPrefixes.get(f.path) ?? 0, f.path).toBeGreaterThan(0);
  });

  it(`for ${MUTANTS} mutants of seed ${SEED}`, () => {
    const mutants = Array.from({ length: MUTANTS }, (_, i) => mutantAt(corpus, SEED, i));
    const r = failures(
      mutants.map((m) => ({ path: m.path, text: m.text, label: `mutant ${m.index} of ${m.path} (${m.mutations.join("; ")})` })),
    );
    expect(r.failed).toEqual([]);
    // Some mutants check clean, so the build is exercised at all.
    expect(r.built).toBeGreaterThan(MUTANTS / 20);
  });
});
