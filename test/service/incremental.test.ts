/**
 * The incremental parser (src/service/incremental.ts) is an optimisation, never a different answer: over sessions
 * of seeded edits of every spec and of a generated 300-line file (characters typed and deleted, lines cut and
 * duplicated, braces and keywords inserted, truncations), each parse equals `parse` of the whole text, tree,
 * comments and diagnostics; and an edit inside one declaration of a long file re-parses that declaration alone.
 */
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/base/source.js";
import { IncrementalParser } from "../../src/service/index.js";
import { parse } from "../../src/syntax/parse.js";
import { generateTerms } from "../../bench/generate.mjs";
import { editSession } from "../helpers/mutants.js";
import { specs } from "./corpus.js";

/** JSON with sorted keys: trees are compared by content, not by the order their properties were made in. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, (x as Record<string, unknown>)[k]]),
        )
      : x,
  );
}

const generated = generateTerms(300).text;
/** Edits per file: a sample (bench/lsp.mjs runs thousands). */
const EDITS = 6;

describe("the incremental parser", () => {
  it.each([...specs.keys(), "generated.terms"])("parses every edit of %s as parse() does", (path) => {
    const text = specs.get(path) ?? generated;
    const inc = new IncrementalParser();
    let seed = 7;
    for (const c of path) seed = (Math.imul(seed, 31) + c.charCodeAt(0)) >>> 0;
    for (const step of editSession(text, seed, EDITS)) {
      const whole = parse(new SourceFile(path, step.text));
      const incremental = inc.parse(new SourceFile(path, step.text));
      expect(stable(incremental), JSON.stringify(step.edit)).toBe(stable(whole));
    }
  });

  it("re-parses only the declaration an edit touches, and lexes only around it", () => {
    const long = generateTerms(2000).text;
    const inc = new IncrementalParser();
    inc.parse(new SourceFile("g.terms", long));
    const at = long.indexOf("future FUT_10 ");
    const edited = long.slice(0, at + 40) + "x" + long.slice(at + 40);
    inc.parse(new SourceFile("g.terms", edited));
    expect(inc.lastStats.segments).toBeGreaterThan(60);
    expect(inc.lastStats.parsed).toBe(1);
    expect(inc.lastStats.lexed).toBeGreaterThan(0);
    expect(inc.lastStats.lexed).toBeLessThan(long.length / 20);
  });
});
