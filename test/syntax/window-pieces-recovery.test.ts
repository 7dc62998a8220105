// A window of several pieces (`window from … and from …`) whose piece error recovery could not parse: found by the
// 100,000-mutant fuzz run (issue 13), where `… and and 19:00 …` gave the checker an undefined piece and E9001.
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/base/source.js";
import { checkSources } from "../../src/driver.js";
import { parse } from "../../src/syntax/parse.js";

const TEXT = 'index X "" {\n window 23:00 to exclusive Ee and and 19:00 to exclusive L\n}\n';

describe("a window piece that recovery could not parse", () => {
  it("is left out of the statement's pieces, not kept as undefined", () => {
    const { ast } = parse(new SourceFile("a.terms", TEXT));
    for (const d of ast.declarations)
      for (const s of d.statements) if (s.kind === "Window") for (const p of s.also ?? []) expect(p).toBeDefined();
  });
  it("gives syntax errors, never an internal error", () => {
    const r = checkSources([{ path: "a.terms", text: TEXT }], {
      readFile: () => undefined,
      resolveImport: (_from: string, spec: string) => spec,
    } as never);
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes.some((c) => c.startsWith("E1"))).toBe(true);
    expect(codes).not.toContain("E9001");
  });
});
