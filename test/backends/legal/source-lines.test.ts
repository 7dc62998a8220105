/**
 * The readable contract and its source lines key clauses alike (issue 17): both take a statement's clause from the
 * statement registry (src/syntax/statements.ts), so every clause a spec's statements are stated in is one the
 * document asks for. Checked on every contract of specs/: each key source-lines.ts gives is looked up by the builder.
 */
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../../src/backends/legal/index.js";
import { sourceLines } from "../../../src/backends/legal/source-lines.js";
import { setOutContracts } from "../../../src/backends/legal/definitions.js";
import { compileFiles, filesUnder } from "../../model/compile-helpers.js";

describe("source lines", () => {
  it("give a line only for clauses the readable contract has", () => {
    for (const path of filesUnder("specs/contracts")) {
      const compiled = compileFiles([path]);
      expect(
        compiled.diagnostics.filter((d) => d.severity === "error"),
        path,
      ).toEqual([]);
      const lines = sourceLines(compiled.program);
      const asked = new Set<string>();
      const recording = new Map(lines);
      recording.get = (key: string) => (asked.add(key), lines.get(key));
      for (const file of compiled.files) buildDocument(file.spec, { asOf: "2026-01-02", months: 0, sources: recording });
      expect(lines.size, path).toBeGreaterThan(0);
      // A contract named only by a position limit `aggregated with` it is not set out in the chapter: its own is.
      const setOut = new Set(
        compiled.files.flatMap((f) =>
          Object.hasOwn(f.spec.contracts, f.spec.subject.name) ? setOutContracts(f.spec, f.spec.subject.name).map((c) => c.name) : [],
        ),
      );
      const aside = (k: string) => /^contract (\S+) /.exec(k) !== null && !setOut.has(/^contract (\S+) /.exec(k)![1]!);
      const unasked = [...lines.keys()].filter((k) => !k.startsWith("calendar ") && !aside(k) && !asked.has(k));
      expect(unasked, path).toEqual([]);
    }
  });
});
