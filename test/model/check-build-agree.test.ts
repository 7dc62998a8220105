/**
 * "check ok" implies "build ok" (issue 13): for every source of specs/ and test/cases/ (each file alone as a root, and
 * specs/ as one program), `compileSources` reports exactly the diagnostics `checkSources` reports, and when there is
 * no error it returns a spec for every declaration of the root, in memory, without an internal error (E6001, E9001).
 * Before issue 13 eleven kinds of source checked clean and then failed to build; their cases are under
 * test/cases/diagnostics/lowering/, each refused by `check` with a diagnostic at the mistake.
 */
import { describe, expect, it } from "vitest";
import { compileSources } from "../../src/compile.js";
import { checkSources } from "../../src/driver.js";
import { filesUnder as termsFiles, host, VERSION } from "./compile-helpers.js";

const files = [...termsFiles("specs"), ...termsFiles("test/cases")];

/** The diagnostics of a result as comparable lines. */
function lines(r: { diagnostics: readonly { code: string; span: { file: string; start: number; end: number } }[] }): string[] {
  return r.diagnostics.map((d) => `${d.code} ${d.span.file}:${d.span.start}-${d.span.end}`);
}

/** Checks and builds the roots; the build's diagnostics must be the check's, and a clean check must build. */
function agree(roots: readonly string[]): { errors: number; specs: number } {
  const inputs = roots.map((path) => ({ path, text: host.readFile(path) ?? "" }));
  const checked = checkSources(inputs, host);
  const built = compileSources(inputs, host, { compilerVersion: VERSION });
  expect(lines(built), `${roots.join(", ")}: build and check disagree`).toEqual(lines(checked));
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  expect(errors.filter((d) => d.code === "E6001" || d.code === "E9001").map((d) => d.message)).toEqual([]);
  if (errors.length === 0) {
    expect(checked.model, `${roots.join(", ")} checks clean but has no model`).toBeDefined();
    const declared = checked.program.files.filter((f) => f.root).flatMap((f) => f.ast.declarations.filter((d) => d.name !== undefined));
    expect(built.files.length, `${roots.join(", ")} checks clean but builds ${built.files.length} specs`).toBe(
      new Set(declared.map((d) => `${d.kind === "Calendar" ? "c" : d.kind === "Index" ? "i" : "k"}${d.name!.name}`)).size,
    );
  } else {
    expect(built.files).toEqual([]);
  }
  return { errors: errors.length, specs: built.files.length };
}

describe("check ok implies build ok", () => {
  it("finds the sources", () => {
    expect(files.length).toBeGreaterThan(150);
  });

  it("builds specs/ as one program", () => {
    expect(agree(termsFiles("specs"))).toMatchObject({ errors: 0 });
  }, 60_000);

  for (const path of files) {
    it(`builds ${path} alone when it checks clean, and refuses it alike otherwise`, () => {
      agree([path]);
    });
  }
});
